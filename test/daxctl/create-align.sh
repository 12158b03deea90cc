#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# create-device: alignments 2M and 4K, sizes that are / are not multiples
# of the alignment, more than is available, an align the kernel refuses.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
total=$(avail)

d1=$(create -s 64M -a 2M)
assert_eq "$(dev_field "$d1" align)" 2097152 "$d1 align"
assert_eq "$(dev_field "$d1" size)" 67108864 "$d1 size"
assert_eq "$(dev_field "$d1" mode)" devdax "$d1 mode"
assert_eq "$(dev_field "$d1" state)" null "$d1 state (enabled)"
[ -c "/dev/$d1" ] || fail "/dev/$d1 is not a character device"

d2=$(create -s 32M -a 4K)
assert_eq "$(dev_field "$d2" align)" 4096 "$d2 align"
assert_eq "$(dev_field "$d2" size)" 33554432 "$d2 size"
assert_eq "$(avail)" $((total - 96 * 1024 * 1024)) "available after two creates"

# -u output: one object, human sizes
out=$("$DAXCTL" create-device -r "$REGION" -s 4M -u 2>/dev/null) || fail "create -u"
assert_eq "$(echo "$out" | jq -r .size)" 4194304 "small sizes stay numbers with -u"
d3=$(echo "$out" | jq -r .chardev)

# natural order in the listing
names=$("$DAXCTL" list -r "$REGION" -D | jq -r '.[].chardev' | tr '\n' ' ')
sorted=$(printf '%s\n' $names | sort -V | tr '\n' ' ')
assert_eq "$names" "$sorted" "natural order"

before=$(avail)
expect_fail 129 "size 3145728 is not a multiple of align 2097152" \
	"$DAXCTL" create-device -r "$REGION" -s 3M -a 2M
expect_fail 129 "not a multiple of 2M" "$DAXCTL" create-device -r "$REGION" -s 5M
expect_fail 1 "cannot create a device of .*: only .* available" \
	"$DAXCTL" create-device -r "$REGION" -s 1T
expect_fail 129 "invalid align 3145728: not a power of two" \
	"$DAXCTL" create-device -r "$REGION" -s 6M -a 3M
# a power of two that the kernel does not map with: the hint lists what fits
expect_fail 1 "failed to set align 8192: Invalid argument \(alignments that fit this size: 4K \(4096\), 2M \(2097152\)\)" \
	"$DAXCTL" create-device -r "$REGION" -s 8M -a 8K
assert_eq "$(avail)" "$before" "failed creates left capacity untouched"
assert_eq "$(dev_count)" 3 "failed creates left no device behind"

# whole remaining capacity by default
d4=$(create)
assert_eq "$(avail)" 0 "create without -s takes the rest"
expect_fail 1 "only 0 available" "$DAXCTL" create-device -r "$REGION" -s 2M
check "$DAXCTL" destroy-device -f "$d1" "$d2" "$d3" "$d4"
assert_eq "$(avail)" "$total" "capacity back after destroy"
