#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The soft-reserved memory became a dynamic dax region on NUMA node 1 with
# its seed device, ready for daxctl create-device.
. "$TEST_SRCDIR/common.sh"

r=$(hmem_region_dir) || fail "no dynamic (hmem) dax region"
for a in create delete seed available_size size align id; do
	[ -e "$r/$a" ] || fail "hmem region lacks $a"
done
assert_eq "$(cat "$r/size")" $((512 << 20)) "hmem region size"
# dax_hmem hands the whole range to a first device, so no seed is left.
assert_eq "$(cat "$r/seed")" "" "seed of a fully allocated region"
assert_eq "$(cat "$r/available_size")" 0 "available_size"
dev=$(basename "$(ls -d "$r"/../dax*.* | head -n1)")
assert_eq "$(cat "/sys/bus/dax/devices/$dev/size")" $((512 << 20)) "$dev size"
assert_eq "$(cat "/sys/bus/dax/devices/$dev/target_node")" 1 "$dev target_node"
[ "$(cat /sys/devices/system/node/online)" = "0-1" ] || fail "guest does not have nodes 0-1"
