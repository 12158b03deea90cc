#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# reconfigure-device to system-ram (movable, --no-movable, -N) and back,
# with and without -f; online-memory / offline-memory; refusals name the
# online memory blocks.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
d=$(create -s 256M)
blocks_total=$((256 * 1024 * 1024 / $((0x$(cat /sys/devices/system/memory/block_size_bytes)))))

out=$("$DAXCTL" reconfigure-device -m system-ram "$d" 2>"$ERR") || fail "to system-ram: $(cat "$ERR")"
assert_eq "$(echo "$out" | jq -r '.[0].mode')" system-ram "mode (output)"
assert_eq "$(dev_field "$d" mode)" system-ram "mode"
assert_eq "$(dev_field "$d" total_memblocks)" "$blocks_total" "total_memblocks"
assert_eq "$(dev_field "$d" online_memblocks)" "$blocks_total" "online_memblocks"
assert_eq "$(dev_field "$d" movable)" true "movable by default"
assert_eq "$(basename "$(readlink "/sys/bus/dax/devices/$d/driver")")" kmem "driver"

# in use: refusals say which blocks are online
expect_fail 1 "$d: cannot reconfigure: system-ram memory is online \(memory[0-9]+( memory[0-9]+)*\)" \
	"$DAXCTL" reconfigure-device -m devdax "$d"
expect_fail 1 "$d: cannot destroy: system-ram memory is online \(memory[0-9]+ .*--force" \
	"$DAXCTL" destroy-device "$d"
expect_fail 1 "$d: cannot disable: system-ram memory is online" \
	"$DAXCTL" disable-device "$d"
assert_eq "$(dev_field "$d" mode)" system-ram "unchanged after refusals"
assert_eq "$(dev_field "$d" online_memblocks)" "$blocks_total" "still online after refusals"

"$DAXCTL" offline-memory "$d" 2>"$ERR" || fail "offline: $(cat "$ERR")"
grep -qx "offlined memory for 1 device" "$ERR" || fail "count: $(cat "$ERR")"
assert_eq "$(dev_field "$d" online_memblocks)" 0 "offline-memory"
check "$DAXCTL" online-memory --no-movable "$d"
assert_eq "$(dev_field "$d" online_memblocks)" "$blocks_total" "online-memory --no-movable"
assert_eq "$(dev_field "$d" movable)" false "--no-movable"
check "$DAXCTL" offline-memory all
check "$DAXCTL" online-memory "$d"
assert_eq "$(dev_field "$d" movable)" true "online-memory is movable"

# back to devdax with -f: offlines first
check "$DAXCTL" reconfigure-device -f -m devdax "$d"
assert_eq "$(dev_field "$d" mode)" devdax "back to devdax with -f"
assert_eq "$(basename "$(readlink "/sys/bus/dax/devices/$d/driver")")" device_dax "driver"
expect_fail 1 "$d: not in system-ram mode" "$DAXCTL" online-memory "$d"

# -N leaves the memory offline (unless the kernel auto-onlines)
check "$DAXCTL" reconfigure-device -m system-ram -N "$d"
assert_eq "$(dev_field "$d" mode)" system-ram "-N mode"
if [ "$(cat /sys/devices/system/memory/auto_online_blocks)" = offline ]; then
	assert_eq "$(dev_field "$d" online_memblocks)" 0 "-N keeps memory offline"
	# offline memory: back to devdax without -f
	check "$DAXCTL" reconfigure-device -m devdax "$d"
	assert_eq "$(dev_field "$d" mode)" devdax "back to devdax without -f"
else
	check "$DAXCTL" reconfigure-device -f -m devdax "$d"
fi

check "$DAXCTL" reconfigure-device -m system-ram --no-movable "$d"
assert_eq "$(dev_field "$d" movable)" false "reconfigure --no-movable"
check "$DAXCTL" destroy-device -f "$d"
assert_eq "$(dev_count)" 0 "destroy -f of online system-ram"
