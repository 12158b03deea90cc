#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A static (pmem) dax region: create/destroy/resize refuse with a message
# that says the region is static and what to do instead.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

pmem_devdax
assert_eq "$("$DAXCTL" list -r "$PMEM_REGION" | jq -r '.[0].available_size')" null "no available_size on a static region"
assert_eq "$(dev_field "$PMEM_DEV" target_node)" null "no target_node on a static device"
before=$("$DAXCTL" list -r "$PMEM_REGION" -D -M)
expect_fail 1 "region$PMEM_REGION: cannot create a device: the region is static .*use a dynamic region" \
	"$DAXCTL" create-device -r "$PMEM_REGION" -s 2M
expect_fail 1 "$PMEM_DEV: cannot destroy: region$PMEM_REGION is static" \
	"$DAXCTL" destroy-device -f "$PMEM_DEV"
expect_fail 1 "$PMEM_DEV: cannot resize: region$PMEM_REGION is static" \
	"$DAXCTL" reconfigure-device -s 32M "$PMEM_DEV"
assert_eq "$("$DAXCTL" list -r "$PMEM_REGION" -D -M)" "$before" "static region unchanged"
# disable / enable still work there
check "$DAXCTL" disable-device "$PMEM_DEV"
assert_eq "$(dev_field "$PMEM_DEV" state)" disabled "static device disabled"
check "$DAXCTL" enable-device "$PMEM_DEV"
assert_eq "$(dev_field "$PMEM_DEV" state)" null "static device enabled"
