#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Names that do not exist and wrong targets: one clear line, non-zero
# exit, nothing changed.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
d=$(create -s 32M)
before=$("$DAXCTL" list -R -D -M -i)
expect_fail 1 "create-device: 99: no such region" "$DAXCTL" create-device -r 99 -s 2M
expect_fail 1 "dax$REGION.99: no such device" "$DAXCTL" destroy-device "dax$REGION.99"
expect_fail 1 "dax$REGION.99: no such device" "$DAXCTL" reconfigure-device -m system-ram "dax$REGION.99"
expect_fail 1 "dax77.0: no such device" "$DAXCTL" online-memory dax77.0
expect_fail 1 "$d: not in system-ram mode" "$DAXCTL" offline-memory "$d"
expect_fail 0 "no region matches '99'" "$DAXCTL" list -r 99
expect_fail 0 "no device matches 'dax$REGION.99'" "$DAXCTL" list -d "dax$REGION.99"
expect_fail 129 "invalid value '99999999999999999999G'" "$DAXCTL" reconfigure-device -s 99999999999999999999G "$d"
expect_fail 129 "invalid value '-1'" "$DAXCTL" create-device -s -1
expect_fail 129 "invalid value '4Q'" "$DAXCTL" create-device -s 4Q
expect_fail 129 "invalid value '0x'" "$DAXCTL" create-device -s 0x
expect_fail 129 "invalid align 6291456: not a power of two" "$DAXCTL" reconfigure-device -a 6M "$d"
assert_eq "$("$DAXCTL" list -R -D -M -i)" "$before" "nothing changed"
check "$DAXCTL" destroy-device -f "$d"
