#!/bin/bash
# Translate-SPA through the library: nfit_test answers with the last DIMM of
# the region's mappings and dpa = address - region start; the handle must
# name a DIMM the library knows.  Addresses outside every region fail.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/libndctl/cmd-common.sh"
bus=$(nd_bus_dir nfit_test.0) || fail "no nfit_test.0 bus"
n=0 hi=0
for r in "$bus"/region*; do
	[ "$(cat "$r/nstype")" = 4 ] || continue
	ns=$(ns_of_region "$r") || continue
	rs=$(($(cat "$r/resource")))
	ns_start=$(($(cat "$r/$ns/resource"))) ns_size=$(cat "$r/$ns/size")
	[ $((rs + $(cat "$r/size"))) -gt $hi ] && hi=$((rs + $(cat "$r/size")))
	dimm=$(last_dimm "$r")
	handle=$(cat "/sys/bus/nd/devices/$dimm/nfit/handle")
	for off in 0 4096 $((ns_size / 2 + 512)) $((ns_size - 1)); do
		addr=$((ns_start + off))
		out=$(probe_ok translate "$ns" $off)
		echo "$out"
		assert_eq "$out" "$(printf 'translate %#x handle=%#x dpa=%#x dimm=%s' \
			$addr $((handle)) $((addr - rs)) "$dimm")" "translate $ns+$off"
		n=$((n + 1))
	done
done
[ $n -ge 8 ] || fail "only $n translations (want two regions)"
for addr in 0x1000 $((hi + (1 << 30))); do
	probe_ok translate-addr nfit_test.0 $addr
done
echo "translate-SPA: $n addresses, 2 outside"
