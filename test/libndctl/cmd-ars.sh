#!/bin/bash
# ARS capability, start and status from the library over a pmem namespace
# of nfit_test.0, and over the whole bus: nfit_test's clear unit is 256
# bytes, its status buffer holds a header and 4 KiB of records, and a
# freshly booted bus has no errors.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/libndctl/cmd-common.sh"
pick_ns 2

out=$(probe_ok ars "$NS")
echo "$out"
range=$(printf '%#x+%#x' "$NS_START" "$NS_SIZE")
line=$(grep '^cap ' <<<"$out") || fail "no cap line"
[[ "$line" =~ ^cap\ size=([0-9]+)\ clear_unit=([0-9]+)\ range=(.*)$ ]] ||
	fail "cap line '$line'"
# nfit_test: max_ars_out = sizeof(struct nd_cmd_ars_status) (48) + the
# 24-byte records that fit in 4 KiB
assert_eq "${BASH_REMATCH[2]}" 256 "clear unit"
assert_eq "${BASH_REMATCH[3]}" "$range" "cap range"
assert_eq "${BASH_REMATCH[1]}" $((48 + (4096 / 24) * 24)) "ARS status size"
has_line "$out" "status records=0 overflow=0" "ARS of $NS"

# the whole bus: every region of nfit_test.0
bus=$(nd_bus_dir nfit_test.0)
lo= hi=
for r in "$bus"/region*; do
	s=$(($(cat "$r/resource"))) e=$((s + $(cat "$r/size")))
	[ -z "$lo" ] || [ "$s" -lt "$lo" ] && lo=$s
	[ -z "$hi" ] || [ "$e" -gt "$hi" ] && hi=$e
done
out=$(probe_ok ars-range nfit_test.0 "$lo" $((hi - lo)))
echo "$out"
has_line "$out" "status records=0 overflow=0" "ARS of the bus"
echo "ARS: cap/start/status over $NS and $(printf '%#x-%#x' "$lo" "$hi")"
