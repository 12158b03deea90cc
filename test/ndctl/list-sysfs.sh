#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndctl list agrees with sysfs, in natural order, before and after
# namespaces exist
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

nat_sorted() { [ "$1" = "$(sort -V <<<"$1")" ]; }
compare() {
	local what=$1 d r ns attr listed
	# buses by provider
	assert_eq "$(nd list -B | jq -r '.[].provider' | sort)" \
		"$(cat /sys/bus/nd/devices/ndbus*/provider | sort)" "$what: buses"
	# dimms (disabled ones included with -i)
	assert_eq "$(nd list -D -i | jq -r '.[].dev' | sort -V)" \
		"$(ls /sys/bus/nd/devices | grep '^nmem' | sort -V)" "$what: dimms"
	listed=$(nd list -R -i | jq -r '.[].dev')
	nat_sorted "$listed" || fail "$what: regions not in natural order: $listed"
	assert_eq "$(sort -V <<<"$listed")" \
		"$(ls /sys/bus/nd/devices | grep '^region' | sort -V)" "$what: regions"
	for r in $listed; do
		d=/sys/bus/nd/devices/$r
		assert_eq "$(nd list -R -i -r $r | jq -r '.[0].size')" \
			"$(cat $d/size)" "$what: $r size"
		# a label-less region (nstype 4, namespace_io) has nothing to
		# allocate: the established tools report 0 there
		avail=$(cat $d/available_size)
		[ "$(cat $d/nstype)" = 4 ] && avail=0
		assert_eq "$(nd list -R -i -r $r | jq -r '.[0].available_size')" \
			"$avail" "$what: $r available_size"
		assert_eq "$(nd list -R -i -r $r | jq -r '.[0].mappings // [] | length')" 0 \
			"$what: $r mappings without -D"
		assert_eq "$(nd list -R -D -i -r $r | jq -r '(if type == "array" then .[0] else .regions[0] end) | .mappings // [] | length')" \
			"$(cat $d/mappings)" "$what: $r mappings"
	done
	# enabled namespaces and their sizes (raw mode: the namespace size)
	listed=$(nd list -N | jq -r '.[].dev')
	nat_sorted "$listed" || fail "$what: namespaces not in natural order"
	for ns in $listed; do
		# an enabled namespace has its block or dax device
		dev=$(ns_json $ns | jq -r '.blockdev // .chardev')
		[ -e /sys/class/block/$dev ] || [ -e /sys/bus/dax/devices/$dev ] ||
			fail "$what: $ns listed with $dev, which does not exist"
		if [ "$(ns_json $ns | jq -r .mode)" = raw ]; then
			assert_eq "$(ns_json $ns | jq -r .size)" \
				"$(cat /sys/bus/nd/devices/$ns/size)" "$what: $ns size"
		fi
	done
}

compare boot
relabel 1.1
big=$(label_regions | head -1)
for m in fsdax raw devdax; do
	check nd create-namespace -r $big -m $m -s 16M
done
compare "with namespaces"
# the walk puts namespaces under their region and bus
nd list -B -R -N -b $BUS | jq -e --arg r $big \
	'.[0].regions[] | select(.dev == $r) | .namespaces | length == 3' >/dev/null ||
	fail "namespaces not nested under $big"
check nd destroy-namespace -f all -b $BUS
exit 0
