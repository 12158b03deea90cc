#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# enable-device / disable-device: state changes, counts, repeated calls,
# and enabling one device leaves the disabled ones alone.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
d=$(create -s 32M)
"$DAXCTL" disable-device "$d" 2>"$ERR" || fail "disable: $(cat "$ERR")"
grep -qx "disabled 1 device" "$ERR" || fail "count: $(cat "$ERR")"
assert_eq "$(dev_field "$d" state)" disabled "state after disable"
[ -e "/sys/bus/dax/devices/$d/driver" ] && fail "$d still has a driver"
"$DAXCTL" disable-device "$d" 2>"$ERR" || fail "disable twice: $(cat "$ERR")"
grep -qx "disabled 0 devices" "$ERR" || fail "count: $(cat "$ERR")"
"$DAXCTL" enable-device "$d" 2>"$ERR" || fail "enable: $(cat "$ERR")"
grep -qx "enabled 1 device" "$ERR" || fail "count: $(cat "$ERR")"
assert_eq "$(dev_field "$d" state)" null "state after enable"
assert_eq "$(basename "$(readlink "/sys/bus/dax/devices/$d/driver")")" device_dax "driver"
check "$DAXCTL" disable-device all -r "$REGION"
assert_eq "$(dev_field "$d" state)" disabled "disable all"
check "$DAXCTL" enable-device all
assert_eq "$(dev_field "$d" state)" null "enable all"
expect_fail 1 "dax$REGION.99: no such device" "$DAXCTL" enable-device "dax$REGION.99"
expect_fail 1 "daxctl disable-device: $REGION.99: no such device" "$DAXCTL" disable-device "$REGION.99"
expect_fail 1 "no such device in region 77" "$DAXCTL" disable-device -r 77 "$d"

# Enabling one device must not enable others: device_dax matches every
# device (match_always), so a new_id write would make the kernel attach
# it to every disabled device with a size (drivers/dax/bus.c).
check "$DAXCTL" disable-device "$d"
e=$(create -s 16M)
assert_eq "$(dev_field "$d" state)" disabled "$d after creating $e"
check "$DAXCTL" disable-device "$e"
check "$DAXCTL" enable-device "$e"
assert_eq "$(dev_field "$d" state)" disabled "$d after enabling $e"
[ -e "/sys/bus/dax/devices/$d/driver" ] && fail "$d was bound by enabling $e"
check "$DAXCTL" destroy-device -f "$d" "$e"
