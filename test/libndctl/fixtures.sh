#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# libndctl on recorded and hand-broken sysfs trees (umockdev, no root):
# `nd-probe dump` calls every read-only getter on every object and must
# print exactly the expected text -- garbage attributes give the documented
# error values, never a crash.
# Usage: fixtures.sh ND_PROBE FIXTURE_DIR EXPECTED_DIR [--update]
probe=$1 fixtures=$2 expected=$3 update=${4:-}
command -v umockdev-run >/dev/null || { echo "SKIP: no umockdev-run" >&2; exit 77; }

status=0 n=0
for f in "$fixtures"/*.umockdev; do
	name=$(basename "$f" .umockdev)
	out=$(umockdev-run -d "$f" -- "$probe" dump 2>&1)
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL: $name: nd-probe dump exited $rc" >&2
		echo "$out" >&2
		status=1
		continue
	fi
	if [ "$update" = --update ]; then
		echo "$out" >"$expected/$name.txt"
	elif ! diff -u "$expected/$name.txt" - <<<"$out" >&2; then
		echo "FAIL: $name: output differs from $expected/$name.txt" >&2
		status=1
	fi
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "FAIL: no fixtures in $fixtures" >&2; exit 1; }
[ $status = 0 ] && echo "$n fixtures match"
exit $status
