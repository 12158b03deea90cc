#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Half states: reconfigure-device finishes a partly online system-ram
# device (or names the blocks it could not online and exits 1), a partly
# offline one goes back to devdax only whole; create-device -s 0 is a
# usage error that creates nothing.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
d=$(create -s 512M)
check "$DAXCTL" reconfigure-device -m system-ram "$d"
total=$(dev_field "$d" total_memblocks)
[ "$total" -ge 3 ] || skip "device spans only $total memory blocks"
blocks() { # the device's blocks in state $1
	local b
	for b in $(dev_blocks); do
		[ "$(cat "/sys/devices/system/memory/$b/state")" = "$1" ] &&
			echo "$b"
	done
	return 0
}
# the memory blocks of $d: from its resource range and the block size
dev_blocks() {
	local bs start size i
	bs=$((0x$(cat /sys/devices/system/memory/block_size_bytes)))
	start=$(cat "/sys/bus/dax/devices/$d/resource")
	size=$(cat "/sys/bus/dax/devices/$d/size")
	for ((i = start / bs; i < (start + size) / bs; i++)); do
		echo "memory$i"
	done
}
take_offline() { # take_offline N: offline the first N online blocks
	local b
	for b in $(blocks online | head -"$1"); do
		echo offline >"/sys/devices/system/memory/$b/state" ||
			fail "offline $b"
	done
}

# 1. partly online, to system-ram again: the rest comes online (movable)
take_offline 2
assert_eq "$(dev_field "$d" online_memblocks)" $((total - 2)) "partly online"
"$DAXCTL" reconfigure-device -m system-ram "$d" >"$OUT" 2>"$ERR" ||
	fail "reconfigure of a partly online device: $(cat "$ERR")"
grep -qx "reconfigured 1 device" "$ERR" || fail "count: $(cat "$ERR")"
assert_eq "$(dev_field "$d" online_memblocks)" "$total" "every block online"
assert_eq "$(dev_field "$d" movable)" true "movable"

# 2. the same with --no-movable: the online blocks are movable, so this
# cannot be done; the blocks left offline are named, nothing changes
take_offline 1
off=$(blocks offline)
expect_fail 1 "$d: failed to online memory \(still offline: $off\)" \
	"$DAXCTL" reconfigure-device -m system-ram --no-movable "$d"
grep -q "reconfigured 0 devices" "$ERR" || fail "count: $(cat "$ERR")"
assert_eq "$(dev_field "$d" online_memblocks)" $((total - 1)) "unchanged after the refusal"
assert_eq "$(dev_field "$d" mode)" system-ram "still system-ram"

# 3. partly offline, to devdax: refused naming the online blocks without
# -f; with -f the rest goes offline and the device is devdax, whole
take_offline 1
on=$(blocks online | tr '\n' ' ' | sed 's/ $//')
expect_fail 1 "$d: cannot reconfigure: system-ram memory is online \($on\)" \
	"$DAXCTL" reconfigure-device -m devdax "$d"
assert_eq "$(dev_field "$d" mode)" system-ram "refused: still system-ram"
check "$DAXCTL" reconfigure-device -f -m devdax "$d"
assert_eq "$(dev_field "$d" mode)" devdax "devdax"
assert_eq "$(blocks online)" "" "no block of $d online"

# 4. an explicit -s 0 is a usage error and creates nothing
n=$(dev_count)
expect_fail 129 "invalid size 0: must not be zero" \
	"$DAXCTL" create-device -r "$REGION" -s 0
assert_eq "$(dev_count)" "$n" "devices after create-device -s 0"
[ -s "$OUT" ] && fail "create-device -s 0 printed: $(cat "$OUT")"
check "$DAXCTL" destroy-device -f "$d"
exit 0
