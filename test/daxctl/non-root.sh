#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# As an unprivileged user: listing works, changes fail with a clear
# permission error, and nothing changes; destroying an empty device
# claims no success.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"
command -v setpriv >/dev/null || skip "setpriv is needed"

reset_region
d=$(create -s 32M)
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
chmod 755 "$TMPD"
before=$("$DAXCTL" list -R -D -M -i)
# dax_region/align and the mappings' ranges are readable by root only
# (0400): leave them out
no_region_align() { jq 'map(del(.align))'; }
assert_eq "$(nobody "$DAXCTL" list -R -D -i | no_region_align)" \
	"$("$DAXCTL" list -R -D -i | no_region_align)" "list as nobody"
expect_fail 1 "region$REGION: failed to create a device: permission denied \(run as root\)" \
	nobody "$DAXCTL" create-device -r "$REGION" -s 2M
expect_fail 1 "$d: failed to disable: permission denied \(run as root\)" \
	nobody "$DAXCTL" disable-device "$d"
expect_fail 1 "$d: failed to .*: permission denied \(run as root\)" \
	nobody "$DAXCTL" reconfigure-device -m system-ram "$d"
expect_fail 1 "permission denied \(run as root\)" \
	nobody "$DAXCTL" destroy-device -f "$d"
expect_fail 1 "$d: .*permission denied \(run as root\)" \
	nobody "$DAXCTL" reconfigure-device -s 64M "$d"
assert_eq "$("$DAXCTL" list -R -D -M -i)" "$before" "nothing changed"
check "$DAXCTL" destroy-device -f "$d"

# an already empty device: nothing to destroy, as root or not; neither
# may claim success (the established daxctl fails both, EBUSY and ENXIO)
z="dax$REGION.0"
assert_eq "$(dev_field "$z" size)" 0 "$z is empty"
for who in root nobody; do
	run=()
	[ "$who" = nobody ] && run=(nobody)
	expect_fail 1 "$z: nothing to destroy: the device is already empty" \
		"${run[@]}" "$DAXCTL" destroy-device "$z"
	grep -qx "destroyed 0 devices" "$ERR" || fail "destroy as $who: $(cat "$ERR")"
done
