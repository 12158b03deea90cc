#!/bin/bash
# Requests the library must refuse with a negative errno, leaving no
# injected range and no ARS record anywhere on the bus: injection outside
# the namespace, of zero or overflowing counts, on a bus without error
# injection; ARS cap of a range outside the bus; clear error outside the
# cap range, unaligned to the clear unit, empty or overflowing; commands
# built from an unsubmitted or missing ars_cap.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/libndctl/cmd-common.sh"
pick_ns 2
b1=$(nd_bus_dir nfit_test.1) || fail "no nfit_test.1 bus"
other=
for r in "$b1"/region*; do
	other=$(ns_of_region "$r") && break
done
[ -n "$other" ] || fail "no enabled namespace on nfit_test.1"
assert_eq "$(probe_ok has-inject nfit_test.1)" 0 "nfit_test.1 error injection"
out=$("$probe" bad-input "$NS" "$other" 2>&1)
rc=$?
echo "$out"
[ $rc = 0 ] || fail "bad-input checks failed (rc $rc)"
assert_eq "$(cat "$REGION/badblocks")" "" "$REGION/badblocks"
assert_eq "$(cat "/sys/block/$PMEM/badblocks")" "" "/sys/block/$PMEM/badblocks"
