#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A reconfigure that fails part-way puts the namespace back as it was
# (mode, size, uuid, name) and says what was tried; other namespaces are
# never touched.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

keys='{mode, size, uuid, name, sector_size, align, map}'
for v in 1.1 1.2; do
	relabel $v
	big=$(label_regions | head -1)
	small=$(label_regions | sed -n 2p)
	other=$(nd create-namespace -r "$small" -m raw -s 16M -n bystander) ||
		fail "v$v: create bystander"
	orig=$(nd create-namespace -r "$big" -m fsdax -s 32M -n keepme) ||
		fail "v$v: create fsdax"
	want=$(jq -c "$keys" <<<"$orig")
	want_other=$(ns_json "$(jq -r .dev <<<"$other")" | jq -c .)

	# 1: the new size cannot be allocated (found out after the old
	#    configuration was released)
	dev=$(jq -r .dev <<<"$orig")
	nd create-namespace -f -e "$dev" -m devdax -s 1G >/dev/null 2>/tmp/err &&
		fail "v$v: oversized reconfigure succeeded"
	grep -q "reconfigure to devdax" /tmp/err ||
		fail "v$v: error does not say what was tried: $(cat /tmp/err)"
	grep -q "restored the previous fsdax configuration" /tmp/err ||
		fail "v$v: error does not report the restore: $(cat /tmp/err)"
	now=$(nd list -N -b $BUS | jq -c ".[] | select(.name == \"keepme\") | $keys")
	assert_eq "$now" "$want" "v$v: namespace after failed reconfigure (size)"
	assert_eq "$(nd list -N -b $BUS | jq -r '.[] | select(.name == "keepme") | .dev')" \
		"$dev" "v$v: device name after the restore (size)"

	# 2: a btt does not fit in 16M: fails when enabling the personality
	nd create-namespace -f -e "$dev" -m sector -s 16M >/dev/null 2>/tmp/err &&
		fail "v$v: 16M sector reconfigure succeeded"
	grep -q "restored the previous fsdax configuration" /tmp/err ||
		fail "v$v: no restore reported: $(cat /tmp/err)"
	now=$(nd list -N -b $BUS | jq -c ".[] | select(.name == \"keepme\") | $keys")
	assert_eq "$now" "$want" "v$v: namespace after failed reconfigure (btt)"
	assert_eq "$(nd list -N -b $BUS | jq -r '.[] | select(.name == "keepme") | .dev')" \
		"$dev" "v$v: device name after the restore (btt)"

	# the bystander in the other region is exactly as it was
	assert_eq "$(ns_json "$(jq -r .dev <<<"$other")" | jq -c .)" "$want_other" \
		"v$v: untouched namespace"
	[ "$(nd list -N -b $BUS | jq length)" = 2 ] ||
		fail "v$v: namespace count changed: $(nd list -N -b $BUS)"
	check nd destroy-namespace -f all -b $BUS
done
exit 0
