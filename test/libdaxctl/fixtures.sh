#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Replay recorded sysfs trees (test/sysfs/fixtures) with umockdev and
# compare everything the library's getters report with expected files.
#   fixtures.sh PROG FIXTURE_DIR EXPECTED_DIR [--update]
# Each expected/<fixture>.txt names its fixture; stderr (the library's
# error log) is part of the comparison.
prog=$1 fixtures=$2 expected=$3 update=${4:-}
command -v umockdev-run >/dev/null || { echo "SKIP: no umockdev-run" >&2; exit 77; }
failed=0 n=0
for exp in "$expected"/*.txt; do
	name=$(basename "$exp" .txt)
	fx=$fixtures/$name.umockdev
	[ -r "$fx" ] || { echo "FAIL: fixture $fx missing" >&2; failed=$((failed + 1)); continue; }
	n=$((n + 1))
	out=$(umockdev-run -d "$fx" -- "$prog" dump 2>&1; echo "exit status $?")
	if [ "$update" = --update ]; then
		printf '%s\n' "$out" >"$exp"
		continue
	fi
	if ! printf '%s\n' "$out" | diff -u "$exp" - >&2; then
		echo "FAIL: $name differs" >&2
		failed=$((failed + 1))
	fi
done
echo "$n fixtures, $failed failed"
[ $n -gt 0 ] && [ $failed = 0 ]
