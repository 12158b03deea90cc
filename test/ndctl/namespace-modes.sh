#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# create, list, reconfigure and destroy namespaces in every mode, several
# per region, on label versions 1.1 and 1.2
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

for v in 1.1 1.2; do
	relabel $v
	[ -z "$(nd list -N -b $BUS)" ] || fail "v$v: namespaces left after relabel"
	big=$(label_regions | head -1)
	small=$(label_regions | sed -n 2p)
	[ -n "$small" ] || fail "expected two label regions on $BUS"

	# several namespaces in one region (a btt needs more than 16M), and
	# a raw one in the other
	declare -A dev=()
	for m in fsdax devdax sector raw; do
		case $m in
		sector) region=$big size=32M ;;
		raw) region=$small size=16M ;;
		*) region=$big size=16M ;;
		esac
		out=$(nd create-namespace -r "$region" -m $m -s $size -n "t-$m") ||
			fail "v$v: create $m failed"
		assert_eq "$(jq -r .mode <<<"$out")" $m "v$v: mode of new namespace"
		assert_eq "$(jq -r .name <<<"$out")" "t-$m" "v$v: name"
		dev[$m]=$(jq -r .dev <<<"$out")
		# what list says agrees with what create printed
		assert_eq "$(ns_json ${dev[$m]} | jq -r .uuid)" \
			"$(jq -r .uuid <<<"$out")" "v$v: listed uuid of $m"
	done
	[ "$(nd list -r "$big" -N | jq length)" = 3 ] ||
		fail "v$v: expected 3 namespaces in $big"
	jq -e '.blockdev' <<<"$(ns_json ${dev[fsdax]})" >/dev/null ||
		fail "v$v: fsdax namespace has no blockdev"
	jq -e '.chardev' <<<"$(ns_json ${dev[devdax]})" >/dev/null ||
		fail "v$v: devdax namespace has no chardev"
	[ "$(ns_json ${dev[sector]} | jq -r .sector_size)" = 4096 ] ||
		fail "v$v: sector namespace default sector size"
	if [ -x "${DAXCTL:-}" ]; then
		chardev=$(ns_json ${dev[devdax]} | jq -r .chardev)
		"$DAXCTL" list -d "$chardev" 2>/dev/null | grep -q "$chardev" ||
			fail "v$v: daxctl list does not show $chardev"
	fi

	# reconfigure sector -> fsdax touches only the named namespace, which
	# keeps its device name
	others='[.[] | select(.name != "t-sector")]'
	before=$(nd list -N -b $BUS | jq -c "$others")
	out=$(nd create-namespace -f -e ${dev[sector]} -m fsdax) ||
		fail "v$v: reconfigure failed"
	assert_eq "$(jq -r .mode <<<"$out")" fsdax "v$v: reconfigured mode"
	assert_eq "$(jq -r .name <<<"$out")" t-sector "v$v: name kept"
	assert_eq "$(jq -r .dev <<<"$out")" "${dev[sector]}" "v$v: device name kept"
	after=$(nd list -N -b $BUS | jq -c "$others")
	assert_eq "$after" "$before" "v$v: other namespaces after reconfigure"

	# reconfigure without --force refuses an active namespace
	WANT=${dev[raw]} expect_fail_line nd create-namespace -e ${dev[raw]} -m sector

	# destroy: refused while active without -f, then all of them
	WANT=${dev[raw]} expect_fail_line nd destroy-namespace ${dev[raw]}
	check nd destroy-namespace -f all -b $BUS
	[ -z "$(nd list -N -b $BUS)" ] || fail "v$v: namespaces left after destroy"
	unset dev
done
exit 0
