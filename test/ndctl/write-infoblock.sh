#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Restoring a destroyed info block with write-infoblock, on nfit_test.0.
# For fsdax and devdax namespaces (page map on the device and in memory,
# 2M and 4K aligned): write data, save read-infoblock's view, zero the
# info block with dd, see the kernel bring the namespace up raw, write the
# block again with the saved uuid, align and map, and check that
#  - the block is byte for byte the one the kernel wrote at creation,
#  - the kernel enables the namespace in its mode with the same settings,
#  - the data under it is where it was (through /dev/pmemX for fsdax, on
#    the raw namespace at the data offset for devdax: nfit_test memory
#    cannot be mapped from user space).
# Also: an enabled namespace, a size larger than the namespace and a bad
# value are refused without writing; a wrong parent uuid gives a block the
# kernel ignores; with no --uuid the kernel adopts the generated one; and
# with a runnable established ndctl its write-infoblock gives our bytes.
# Arguments: the cases, MODE:MAP:SIZE:ALIGN (default: all four).
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

ref_probe

relabel 1.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
MiB=$((1 << 20))
head -c $MiB /dev/urandom >"$tmp/pat0"
head -c $MiB /dev/urandom >"$tmp/pat1"

fsys() { echo "/sys/bus/nd/devices/$1/force_raw"; }

# raw_on NS: enabled in raw mode, $bdev its block device
raw_on() {
	echo 1 >"$(fsys "$1")" || fail "$1: force_raw"
	check nd enable-namespace "$1"
	bdev=/dev/$(ns_json "$1" | jq -r .blockdev)
	[ -b "$bdev" ] || fail "$1: no raw block device ($bdev)"
}
raw_off() {
	check nd disable-namespace "$1"
	echo 0 >"$(fsys "$1")" || fail "$1: force_raw off"
}

# (files, not <(...): the guest has no /dev/fd)
# put_data DEV OFF / check_data DEV OFF WHAT: the two patterns, the first
# at byte OFF, the second in the last MiB before byte $end
put_data() {
	dd if="$tmp/pat0" of="$1" bs=4096 seek=$(($2 / 4096)) conv=fsync,notrunc status=none ||
		fail "writing data to $1"
	dd if="$tmp/pat1" of="$1" bs=4096 seek=$(((end - MiB) / 4096)) conv=fsync,notrunc status=none ||
		fail "writing data to $1 at the end"
}
check_data() {
	dd if="$1" of="$tmp/got" bs=4096 skip=$(($2 / 4096)) count=256 status=none
	cmp -s "$tmp/pat0" "$tmp/got" ||
		fail "$3: data at the start of the data area changed"
	dd if="$1" of="$tmp/got" bs=4096 skip=$(((end - MiB) / 4096)) count=256 status=none
	cmp -s "$tmp/pat1" "$tmp/got" ||
		fail "$3: data at the end of the data area changed"
}

# jv JSON KEY
jv() { jq -r ".[0].$2" <<<"$1"; }

# decode FILE: read-infoblock's JSON of a saved dump (no kernel round trip)
decode() { nd read-infoblock -i "$1" -j 2>/dev/null | jq -c 'map(del(.file))'; }

# cases as MODE:MAP:SIZE:ALIGN arguments (meson splits them over two VMs
# so that each stays well inside the harness's time limit); all without
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(fsdax:dev:32M:2M devdax:dev:32M:2M fsdax:mem:64M:4K
	devdax:mem:32M:4K)
n=0
for c in "${cases[@]}"; do
	IFS=: read -r m map size align <<<"$c"
	what="$m map=$map $size align=$align"
	out=$(nd create-namespace -b "$BUS" -m "$m" -M "$map" -s "$size" -a "$align") ||
		fail "$what: create"
	d=$(jq -r .dev <<<"$out")
	uuid=$(jq -r .uuid <<<"$out")
	ns_uuid=$(cat "/sys/bus/nd/devices/$d/uuid")
	ns_size=$(cat "/sys/bus/nd/devices/$d/size")

	# data: fsdax through its block device (sector 0 = dataoff), devdax
	# on the raw namespace at dataoff; then the block is zeroed
	if [ "$m" = fsdax ]; then
		pm=/dev/$(ns_json "$d" | jq -r .blockdev)
		end=$(blockdev --getsize64 "$pm")
		put_data "$pm" 0
	fi
	check nd disable-namespace "$d"
	check nd read-infoblock "$d" -o "$tmp/kernel.bin"
	saved=$(decode "$tmp/kernel.bin")
	assert_eq "$(jv "$saved" uuid)" "$uuid" "$what: block uuid"
	dataoff=$(jv "$saved" dataoff)
	npfns=$(jv "$saved" npfns)
	raw_on "$d"
	if [ "$m" = fsdax ]; then
		assert_eq "$end" $((npfns * 4096)) "$what: disk size is npfns pages"
	else
		end=$((dataoff + npfns * 4096))
		put_data "$bdev" "$dataoff"
	fi
	dd if=/dev/zero of="$bdev" bs=4096 seek=1 count=1 conv=fsync,notrunc status=none ||
		fail "$what: zeroing the info block"
	raw_off "$d"
	check nd enable-namespace "$d"
	assert_eq "$(ns_json "$d" | jq -r .mode)" raw "$what: raw without its block"

	# refused, and nothing written
	WANT="enabled" expect_fail_line nd write-infoblock "$d" -m "$m" -u "$uuid"
	check nd disable-namespace "$d"
	WANT="larger than the namespace" expect_fail_line \
		nd write-infoblock "$d" -m "$m" -s $((ns_size + 2 * MiB))
	if [ $n = 0 ]; then
		WANT="invalid alignment" expect_fail_line nd write-infoblock "$d" -a 3M
		WANT="invalid uuid" expect_fail_line nd write-infoblock "$d" -u nope
		WANT="no namespace" expect_fail_line nd write-infoblock "$d" namespace99.99
		# a parent uuid that is not the namespace's: the kernel
		# ignores the block, and writes nothing either
		check nd write-infoblock "$d" -m "$m" -M "$map" -a "$align" -u "$uuid" \
			-p 11111111-2222-3333-4444-555555555555
		check nd enable-namespace "$d"
		assert_eq "$(ns_json "$d" | jq -r .mode)" raw "$what: foreign parent uuid ignored"
		check nd disable-namespace "$d"
	fi

	# restore
	err=$(nd write-infoblock "$d" -m "$m" -M "$map" -a "$align" -u "$uuid" 2>&1) ||
		fail "$what: write-infoblock: $err"
	assert_eq "$err" "wrote 1 infoblock" "$what: stderr"
	assert_eq "$(cat "$(fsys "$d")")" 0 "$what: force_raw reset"
	check nd read-infoblock "$d" -o "$tmp/ours.bin"
	assert_eq "$(decode "$tmp/ours.bin")" "$saved" "$what: block as the kernel wrote it"
	tail -c 4096 "$tmp/kernel.bin" >"$tmp/kernel.blk"
	tail -c 4096 "$tmp/ours.bin" >"$tmp/ours.blk"
	cmp "$tmp/kernel.blk" "$tmp/ours.blk" >&2 ||
		fail "$what: block bytes differ from the kernel's"
	assert_eq "$(jv "$saved" parent_uuid)" "$ns_uuid" "$what: parent is the namespace"

	check nd enable-namespace "$d"
	j=$(ns_json "$d")
	assert_eq "$(jq -r .mode <<<"$j")" "$m" "$what: mode after restore"
	assert_eq "$(jq -r .uuid <<<"$j")" "$uuid" "$what: uuid after restore"
	assert_eq "$(jq -r .align <<<"$j")" "$(jq -r .align <<<"$out")" "$what: align after restore"
	assert_eq "$(jq -r .map <<<"$j")" "$map" "$what: map after restore"
	assert_eq "$(jq -r .size <<<"$j")" "$(jq -r .size <<<"$out")" "$what: size after restore"
	if [ "$m" = fsdax ]; then
		check_data "/dev/$(jq -r .blockdev <<<"$j")" 0 "$what"
		check nd disable-namespace "$d"
	else
		check nd disable-namespace "$d"
		raw_on "$d"
		check_data "$bdev" "$dataoff" "$what"
		raw_off "$d"
	fi

	# the established tool on the namespace, told the same (its default
	# align differs, and it lays out for physical offset 0: compare only
	# where the namespace starts on the alignment)
	res=$(cat "/sys/bus/nd/devices/$d/resource")
	a=$(jv "$saved" align)
	a=$((a > 2 * MiB ? a : 2 * MiB))
	if [ $have_ref = 1 ] && [ $((res % a)) = 0 ]; then
		ref write-infoblock "$d" -m "$m" -M "$map" -a "$align" -u "$uuid" \
			>/dev/null 2>&1 || fail "$what: reference write-infoblock"
		check nd read-infoblock "$d" -o "$tmp/ref.bin"
		tail -c 4096 "$tmp/ref.bin" >"$tmp/ref.blk"
		cmp -s "$tmp/ref.blk" "$tmp/ours.blk" ||
			fail "$what: the reference wrote other bytes"
		echo "$what: reference wrote the same bytes"
	fi

	if [ "$m:$map" = fsdax:mem ]; then
		# no --uuid: the kernel adopts the generated one
		check nd write-infoblock "$d" -m "$m" -M "$map" -a "$align"
		check nd enable-namespace "$d"
		gen=$(ns_json "$d" | jq -r .uuid)
		[ "$gen" != "$uuid" ] || fail "$what: uuid not generated"
		assert_eq "$(ns_json "$d" | jq -r .mode)" "$m" "$what: generated uuid adopted"
		check nd disable-namespace "$d"
	fi
	check nd destroy-namespace -f "$d"
	n=$((n + 1))
	echo "$what: restored"
done
echo "write-infoblock: ok ($n namespaces, reference compared: $have_ref)"
