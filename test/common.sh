# SPDX-License-Identifier: GPL-2.0-only
# Shared helpers for test scripts (bash).  Source it:
#   . "$TEST_SRCDIR/common.sh"
# Exit codes follow meson: 0 pass, 77 skip, anything else fail.

set -o pipefail

test_name=${0##*/}

fail() {
	echo "FAIL: $test_name: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $test_name: $*" >&2
	exit 77
}

# check CMD...: run it, fail the test (with its output) if it fails
check() {
	local out rc
	out=$("$@" 2>&1) && return 0
	rc=$?
	echo "$out" >&2
	fail "'$*' exited $rc"
}

# check_fails CMD...: the command must exit non-zero
check_fails() {
	if "$@" >/dev/null 2>&1; then
		fail "'$*' succeeded but should have failed"
	fi
}

# assert_eq ACTUAL EXPECTED WHAT
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

# nd_bus_dir NAME: the sysfs directory of the libnvdimm bus whose
# provider is NAME (e.g. nfit_test.0); numbers change between boots.
nd_bus_dir() {
	local p
	for p in /sys/bus/nd/devices/ndbus*/provider; do
		[ -r "$p" ] || continue
		if [ "$(cat "$p")" = "$1" ]; then
			dirname "$p"
			return 0
		fi
	done
	return 1
}

# hmem_region_dir: sysfs dax_region directory of the dynamic hmem region
hmem_region_dir() {
	local r
	for r in /sys/bus/dax/devices/dax*/../dax_region; do
		[ -e "$r/create" ] || continue
		readlink -f "$r"
		return 0
	done
	return 1
}
