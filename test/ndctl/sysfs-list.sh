#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Replay recorded libnvdimm sysfs trees (fixtures/, made by ./capture) with
# umockdev and compare what `ndctl list ...` prints -- stdout, stderr and
# exit status -- with expected/<name>, kept apart from the fixtures so an
# output change shows in review.
#   sysfs-list.sh [--update]     (NDCTL, TEST_SRCDIR from the environment)
set -u
here=$TEST_SRCDIR/ndctl
update=${1:-}
command -v umockdev-run >/dev/null || { echo "SKIP: no umockdev-run" >&2; exit 77; }
n=0 failed=0
while IFS='|' read -r fixture name args; do
	fixture=$(echo $fixture) name=$(echo $name)
	case "$fixture" in '' | '#'*) continue ;; esac
	n=$((n + 1))
	# shellcheck disable=SC2086 # args are words
	out=$(umockdev-run -d "$here/fixtures/$fixture.umockdev" -- \
		"$NDCTL" $args 2>&1; echo "exit status $?")
	if [ "$update" = --update ]; then
		printf '%s\n' "$out" > "$here/expected/$name"
		continue
	fi
	if ! printf '%s\n' "$out" | diff -u "$here/expected/$name" - >&2; then
		echo "FAIL: $fixture: ndctl$args differs from expected/$name" >&2
		failed=$((failed + 1))
	fi
done < "$here/list-cases"
echo "$n cases, $failed failed"
[ "$n" -gt 0 ] && [ "$failed" = 0 ]
