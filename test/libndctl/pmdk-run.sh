#!/bin/bash
# In the nfit VM: Debian's PMDK and ipmctl start on our libraries (see
# pmdk.sh), and PMDK's bad-block handling (libpmem2, as daxio and
# `pmempool sync --bad-blocks` use it) sees an error injected into a devdax
# namespace by our `ndctl inject-error`, at the right offset, and clears
# it through our libndctl: afterwards nothing is left in the injection status,
# the region's badblocks or a new ARS.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/libndctl/cmd-common.sh" "$PROBE"
lib=$PMDK_ROOT/usr/lib/x86_64-linux-gnu
export LD_LIBRARY_PATH=$OUR_NDCTL:$OUR_DAXCTL:$lib
pmempool=$PMDK_ROOT/usr/bin/pmempool daxio=$PMDK_ROOT/usr/bin/daxio
ipmctl=$PMDK_ROOT/usr/bin/ipmctl

n=0
for b in "$pmempool" "$daxio" "$ipmctl" "$PMEM2_BB" "$lib"/lib*.so.?; do
	libs=$(ldd "$b") || fail "ldd $b"
	grep -q "not found" <<<"$libs" && { echo "$libs" >&2; fail "$b: missing library"; }
	grep -q "libndctl.so.6" <<<"$libs" || continue
	grep -q "=> $OUR_NDCTL/libndctl.so.6 " <<<"$libs" ||
		{ echo "$libs" >&2; fail "$b does not load our libndctl"; }
	grep -q "=> $OUR_DAXCTL/libdaxctl.so.1 " <<<"$libs" ||
		{ echo "$libs" >&2; fail "$b does not load our libdaxctl"; }
	n=$((n + 1))
done
[ $n -ge 9 ] || fail "only $n binaries link libndctl"

# start: immediate binding resolves every libndctl symbol they import
out=$("$ipmctl" version 2>&1) || { echo "$out" >&2; fail "ipmctl version"; }
grep -q "Version" <<<"$out" || fail "ipmctl version: $out"
check "$daxio" --version
check "$pmempool" --version
for t in "$pmempool info" "$pmempool check" "$daxio -i /dev/null -o /dev/null"; do
	out=$($t 2>&1)
	grep -q "symbol lookup error" <<<"$out" && fail "$t: $out"
done
echo "ipmctl, daxio, pmempool start on our libraries ($n link libndctl)"

# a devdax namespace on nfit_test.0 (its memory cannot be mapped from user
# space, see pmdk-real.sh; PMDK's bad-block calls do not map it)
pick_ns 4
dax=$(probe_ok claim "$NS" devdax) || fail "claim $NS"
d=$(ls -d "/sys/bus/nd/devices/$dax"/dax*.* | head -n1) || fail "no device of $dax"
dev=/dev/${d##*/}
[ -c "$dev" ] || fail "$dev is not a character device"
data=$(($(cat "/sys/bus/dax/devices/${dev#/dev/}/resource")))
assert_eq "$("$PMEM2_BB" list "$dev")" "" "libpmem2 bad blocks before injecting"

# blocks of a claimed namespace count from the claim's data start (the
# established library's convention): here the device's first byte
B=32768 C=8
check "$NDCTL" inject-error -B $B -n $C "$NS"
assert_eq "$(probe_ok status "$NS")" "bb $B $C" "injection status of $NS"
probe_ok scrub "$NS"
roff=$(((data - REGION_START) / 512 + B))
assert_eq "$(cat "$REGION/badblocks")" "$roff $C" "$REGION/badblocks after the scrub"
off=$((B * 512)) len=$((C * 512))
out=$("$PMEM2_BB" list "$dev") || fail "pmem2-bb list $dev"
echo "$out"
assert_eq "$out" "bb $off $len" "libpmem2 bad blocks of $dev"

out=$("$PMEM2_BB" clear "$dev") || { echo "$out" >&2; fail "pmem2-bb clear $dev"; }
echo "$out"
has_line "$out" "cleared $off $len" "libpmem2 clear"
assert_eq "$(cat "$REGION/badblocks")" "" "$REGION/badblocks after libpmem2's clear"
assert_eq "$(probe_ok status "$NS")" "" "injection status after libpmem2's clear"
out=$(probe_ok ars "$NS")
has_line "$out" "status records=0 overflow=0" "ARS after libpmem2's clear"
probe_ok scrub "$NS"
assert_eq "$(cat "$REGION/badblocks")" "" "$REGION/badblocks after a new scrub"
assert_eq "$("$PMEM2_BB" list "$dev")" "" "libpmem2 bad blocks after clearing"
echo "libpmem2 found $len bytes at $off of $dev (injected by ndctl inject-error) and cleared them through libndctl"
