#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Replay each recorded sysfs tree with umockdev and compare `daxctl list`
# stdout, stderr and exit status with the expected file (kept outside the
# fixture so that an output change shows up in review).
#   sysfs-list.sh CASES FIXTURE_DIR EXPECTED_DIR [--update]
# Environment: DAXCTL (binary).
set -u
cases=$1 fixtures=$2 expected=$3 update=${4:-}
command -v umockdev-run >/dev/null || { echo "SKIP: no umockdev-run" >&2; exit 77; }
failed=0 n=0
while IFS='|' read -r fixture name args unreadable; do
	fixture=$(echo $fixture) name=$(echo $name)
	case "$fixture" in ''|'#'*) continue ;; esac
	n=$((n + 1))
	unreadable=$(echo ${unreadable:-})
	if [ -n "$unreadable" ]; then
		# make the named attributes unreadable and list as nobody
		out=$(umockdev-run -d "$fixtures/$fixture.umockdev" -- bash -c '
			chmod -R a+rX "$UMOCKDEV_DIR"
			for f in $1; do chmod 000 "$UMOCKDEV_DIR/sys/devices/$f"; done
			shift; exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"' \
			_ "$unreadable" "$DAXCTL" $args 2>&1; echo "exit status $?")
	else
		# shellcheck disable=SC2086 # args are words
		out=$(umockdev-run -d "$fixtures/$fixture.umockdev" -- \
			"$DAXCTL" $args 2>&1; echo "exit status $?")
	fi
	if [ "$update" = --update ]; then
		printf '%s\n' "$out" > "$expected/$name"
		continue
	fi
	if ! printf '%s\n' "$out" | diff -u "$expected/$name" - >&2; then
		echo "FAIL: $fixture: daxctl$args differs from $name" >&2
		failed=$((failed + 1))
	fi
done < "$cases"
echo "$n cases, $failed failed"
[ "$failed" = 0 ]
