#!/bin/bash
# Error injection through the library on nfit_test.0's raw namespace:
# the injection status lists the range (relative to the namespace), an ARS
# reports it at its system address, a kernel scrub puts it into the
# namespace's and region's badblocks; uninjecting removes it from the
# injection status; clearing it through ARS cap + clear error removes it
# from the injection status, the region's badblocks and later ARS, and the
# pmem disk's badblocks are empty once the namespace is re-enabled (the
# kernel only adds to a pmem disk's list when it learns of errors).
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/libndctl/cmd-common.sh"
pick_ns 2
B=2048 C=8
addr=$(printf '%#x' $((NS_START + B * 512)))
roff=$(((NS_START - REGION_START) / 512 + B))

assert_eq "$(probe_ok has-inject nfit_test.0)" 1 "nfit_test.0 error injection"
assert_eq "$(probe_ok status "$NS")" "" "injection status before"
assert_eq "$(probe_ok badblocks "$NS")" "" "badblocks before"

# inject, see it, uninject
probe_ok inject "$NS" $B $C
assert_eq "$(probe_ok status "$NS")" "bb $B $C" "injection status"
# the library injects clear-unit sized errors, one per block (as the
# established one does): the records must touch exactly blocks B..B+C-1
out=$(probe_ok ars "$NS")
echo "$out"
grep -q "^status records=[1-9][0-9]* overflow=0$" <<<"$out" || fail "ARS after injecting: $out"
grep -q "^record $addr " <<<"$out" || fail "no ARS record at $addr"
assert_eq "$(ars_blocks "$out" "$NS_START")" "$B+$C" "blocks in the ARS records"
probe_ok uninject "$NS" $B $C
assert_eq "$(probe_ok status "$NS")" "" "injection status after uninject"
out=$(probe_ok ars "$NS")
has_line "$out" "status records=0 overflow=0" "ARS after uninject"

# inject, scrub into badblocks, clear
probe_ok inject "$NS" $B $C
probe_ok scrub "$NS"
out=$(probe_ok badblocks "$NS")
echo "$out"
has_line "$out" "badblock $B $C" "namespace badblocks after scrub"
has_line "$out" "region-badblock $roff $C" "region badblocks after scrub"
assert_eq "$(cat "/sys/block/$PMEM/badblocks")" "$B $C" "/sys/block/$PMEM/badblocks"
assert_eq "$(cat "$REGION/badblocks")" "$roff $C" "$REGION/badblocks"

out=$(probe_ok clear "$NS" $B $C)
has_line "$out" "cleared $((C * 512)) of $((C * 512))" "clear error"
assert_eq "$(probe_ok status "$NS")" "" "injection status after clear"
assert_eq "$(cat "$REGION/badblocks")" "" "$REGION/badblocks after clear"
out=$(probe_ok badblocks "$NS")
grep -q '^region-badblock' <<<"$out" && fail "library still lists region badblocks: $out"
out=$(probe_ok ars "$NS")
has_line "$out" "status records=0 overflow=0" "ARS after clear"
probe_ok reenable "$NS"
assert_eq "$(probe_ok badblocks "$NS")" "" "badblocks after clear and re-enable"
assert_eq "$(cat "/sys/block/$PMEM/badblocks")" "" "/sys/block/$PMEM/badblocks after re-enable"
probe_ok scrub "$NS"
assert_eq "$(probe_ok badblocks "$NS")" "" "badblocks after clear and a new scrub"

# a clear of part of an injected range leaves the rest
probe_ok inject "$NS" $B $C
probe_ok clear "$NS" $B 2
assert_eq "$(probe_ok status "$NS")" "bb $((B + 2)) $((C - 2))" "status after a partial clear"
probe_ok clear "$NS" $((B + 2)) $((C - 2))
assert_eq "$(probe_ok status "$NS")" "" "status after clearing the rest"
echo "inject/status/ARS/scrub/uninject/clear on $NS ($PMEM)"
