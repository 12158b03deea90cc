#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# nfit_test's two buses with their DIMMs and regions, as the 6.1 mock defines
# them: nfit_test.0 has 4 DIMMs and 2 pmem regions, nfit_test.1 has 2 DIMMs,
# a pmem region and a volatile one.
. "$TEST_SRCDIR/common.sh"

count() { ls "$1" | grep -c "^$2[0-9]*$"; }

b0=$(nd_bus_dir nfit_test.0) || fail "no bus with provider nfit_test.0"
b1=$(nd_bus_dir nfit_test.1) || fail "no bus with provider nfit_test.1"

assert_eq "$(count "$b0" nmem)" 4 "nfit_test.0 DIMMs"
assert_eq "$(count "$b0" region)" 2 "nfit_test.0 regions"
assert_eq "$(count "$b1" nmem)" 2 "nfit_test.1 DIMMs"
assert_eq "$(count "$b1" region)" 2 "nfit_test.1 regions"

for r in "$b0"/region* "$b1"/region*; do
	[ -r "$r/size" ] || fail "$r has no size"
	[ "$(cat "$r/size")" -gt 0 ] || fail "$r has size 0"
done
types=$(cat "$b1"/region*/devtype | sort | tr '\n' ' ')
assert_eq "$types" "nd_pmem nd_volatile " "nfit_test.1 region types"
for d in "$b0"/nmem*; do
	[ -c "/dev/$(basename "$d")" ] || fail "no character device for $(basename "$d")"
done
n=$(basename "$b0")
[ -c "/dev/ndctl${n#ndbus}" ] || fail "no bus control device /dev/ndctl${n#ndbus} for $n"
