#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `create-namespace -e NS` reconfigures NS where it is: the namespace keeps
# its device name, so a script can reconfigure the same name again and
# again (the established tool's behaviour).  The name tested is neither the
# region's seed nor namespace id 0, and the neighbour is never touched.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

for v in 1.1 1.2; do
	relabel $v
	big=$(label_regions | head -1)
	first=$(nd create-namespace -r "$big" -m fsdax -s 32M -n first) ||
		fail "v$v: create first"
	out=$(nd create-namespace -r "$big" -m fsdax -s 32M -n second) ||
		fail "v$v: create second"
	ns=$(jq -r .dev <<<"$out")
	[ "${ns##*.}" != 0 ] || fail "v$v: expected the second namespace off id 0: $ns"
	keep=$(ns_json "$(jq -r .dev <<<"$first")")

	for m in devdax sector fsdax raw devdax fsdax; do
		out=$(nd create-namespace -f -e "$ns" -m $m 2>/tmp/err) ||
			fail "v$v: reconfigure $ns to $m: $(cat /tmp/err)"
		assert_eq "$(jq -r .dev <<<"$out")" "$ns" "v$v: device name after -m $m"
		assert_eq "$(jq -r .mode <<<"$out")" $m "v$v: mode after -m $m"
		assert_eq "$(jq -r .name <<<"$out")" second "v$v: name after -m $m"
		assert_eq "$(ns_json "$ns" | jq -r .mode)" $m "v$v: listed mode after -m $m"
	done
	# a new (smaller: the region is full) size and name: still the same device
	out=$(nd create-namespace -f -e "$ns" -s 16M -n renamed 2>/tmp/err) ||
		fail "v$v: resize $ns: $(cat /tmp/err)"
	assert_eq "$(jq -r .dev <<<"$out")" "$ns" "v$v: device name after resize"
	assert_eq "$(jq -r .name <<<"$out")" renamed "v$v: name after resize"
	assert_eq "$(ns_json "$ns" | jq -r .size)" "$(jq -r .size <<<"$out")" \
		"v$v: listed size after resize"

	assert_eq "$(ns_json "$(jq -r .dev <<<"$first")")" "$keep" "v$v: neighbour"
	assert_eq "$(nd list -N -b $BUS | jq length)" 2 "v$v: namespaces on the bus"
	check nd destroy-namespace -f all -b $BUS
done
exit 0
