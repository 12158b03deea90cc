#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A reconfigure that fails part-way puts the device back as it was.  The
# DAXCTL_TEST_FAIL hook makes one step fail; for every step the device's
# listing must be the same before and after.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
d=$(create -s 128M -a 2M)
snap() { "$DAXCTL" list -M -d "$d"; }

for step in disable align size enable online; do
	before=$(snap)
	DAXCTL_TEST_FAIL=$step expect_fail 1 "restored the previous configuration \(devdax" \
		"$DAXCTL" reconfigure-device -m system-ram -s 256M -a 4K "$d"
	grep -q "reconfigured 0 devices" "$ERR" || fail "$step: count: $(cat "$ERR")"
	assert_eq "$(snap)" "$before" "devdax device after failing at '$step'"
done

# an online system-ram device: fail the re-enable on the way to devdax
check "$DAXCTL" reconfigure-device -m system-ram "$d"
for step in offline disable size enable; do
	before=$(snap)
	DAXCTL_TEST_FAIL=$step expect_fail 1 "restored the previous configuration \(system-ram, online" \
		"$DAXCTL" reconfigure-device -f -m devdax -s 256M "$d"
	assert_eq "$(snap)" "$before" "system-ram device after failing at '$step'"
	assert_eq "$(dev_field "$d" movable)" true "still movable after '$step'"
done

# and a failure the kernel makes by itself: an alignment it refuses
check "$DAXCTL" reconfigure-device -f -m devdax "$d"
before=$(snap)
expect_fail 1 "failed to set align" "$DAXCTL" reconfigure-device -a 1G "$d"
assert_eq "$(snap)" "$before" "after a refused align"
check "$DAXCTL" destroy-device -f "$d"
