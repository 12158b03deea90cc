#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# reconfigure-device -s grows and shrinks a device; destroy-device refuses
# an enabled device without -f and gives the capacity back.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
total=$(avail)
d=$(create -s 64M)
out=$("$DAXCTL" reconfigure-device -s 128M "$d" 2>"$ERR") || fail "grow: $(cat "$ERR")"
grep -qx "reconfigured 1 device" "$ERR" || fail "grow: stderr $(cat "$ERR")"
assert_eq "$(echo "$out" | jq '.[0].size')" 134217728 "grown size (output)"
assert_eq "$(dev_field "$d" size)" 134217728 "grown size"
assert_eq "$(dev_field "$d" state)" null "enabled again after resize"
check "$DAXCTL" reconfigure-device -s 32M "$d"
assert_eq "$(dev_field "$d" size)" 33554432 "shrunk size"
assert_eq "$(avail)" $((total - 32 * 1024 * 1024)) "available after shrink"
expect_fail 1 "cannot create|only .* available|failed to set size" \
	"$DAXCTL" reconfigure-device -s 1T "$d"
assert_eq "$(dev_field "$d" size)" 33554432 "size unchanged after a refused grow"
assert_eq "$(dev_field "$d" state)" null "still enabled after a refused grow"

expect_fail 1 "$d: cannot destroy: the device is enabled; disable it first or use --force" \
	"$DAXCTL" destroy-device "$d"
grep -qx "destroyed 0 devices" "$ERR" || fail "count: $(cat "$ERR")"
check "$DAXCTL" disable-device "$d"
"$DAXCTL" destroy-device "$d" 2>"$ERR" || fail "destroy disabled: $(cat "$ERR")"
grep -qx "destroyed 1 device" "$ERR" || fail "count: $(cat "$ERR")"
assert_eq "$("$DAXCTL" list -i -d "$d" 2>/dev/null | count)" 0 "$d is gone"
assert_eq "$(avail)" "$total" "capacity back"
d=$(create -s 16M)
check "$DAXCTL" destroy-device --force "$d"
assert_eq "$(avail)" "$total" "capacity back after --force"
