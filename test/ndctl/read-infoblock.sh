#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# read-infoblock on what the kernel wrote: sector (BTT), fsdax and devdax
# namespaces on nfit_test.0.  The JSON names the namespace, carries the
# namespace uuid as parent_uuid and the values create-namespace chose; the
# raw dump is the namespace's first 8 KiB and decodes the same with
# --input; an enabled namespace is refused; the namespace comes back
# disabled and enables in its mode.  With a runnable reference ndctl
# (NDCTL_REF, as list-reference.sh) the output must be identical.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

ref_probe

relabel 1.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A sig=([sector]=BTT_ARENA_INFO [fsdax]=NVDIMM_PFN_INFO
		[devdax]=NVDIMM_DAX_INFO)
for m in sector fsdax devdax; do
	out=$(nd create-namespace -b "$BUS" -m $m -s 32M) || fail "create $m"
	d=$(jq -r .dev <<<"$out")

	WANT=enabled expect_fail_line nd read-infoblock "$d" -j

	check nd disable-namespace "$d"
	j=$(nd read-infoblock "$d" -j 2>"$tmp/err") || fail "$m: read-infoblock"
	assert_eq "$(cat "$tmp/err")" "read 1 infoblock" "$m: stderr"
	assert_eq "$(jq -r '.[0].dev' <<<"$j")" "$d" "$m: dev"
	assert_eq "$(jq -r '.[0].signature' <<<"$j")" "${sig[$m]}" "$m: signature"
	case $m in
	sector)
		# the btt's own uuid is what create-namespace printed; the
		# namespace (label) uuid is the parent
		assert_eq "$(jq -r '.[0].uuid' <<<"$j")" "$(jq -r .uuid <<<"$out")" "$m: uuid"
		assert_eq "$(jq -r '.[0].version' <<<"$j")" 1.1 "$m: version"
		assert_eq "$(jq -r '.[0].external_lbasize' <<<"$j")" 4096 "$m: lbasize"
		assert_eq "$(jq -r '.[0].nfree' <<<"$j")" 256 "$m: nfree" ;;
	*)
		assert_eq "$(jq -r '.[0].uuid' <<<"$j")" "$(jq -r .uuid <<<"$out")" "$m: uuid"
		assert_eq "$(jq -r '.[0].version' <<<"$j")" 1.4 "$m: version"
		assert_eq "$(jq -r '.[0].mode' <<<"$j")" 2 "$m: mode (map=dev)"
		assert_eq "$(jq -r '.[0].align' <<<"$j")" "$(jq -r .align <<<"$out")" "$m: align"
		assert_eq "$(jq -r '.[0].dataoff + .[0].npfns * 4096' <<<"$j")" \
			$((32 << 20)) "$m: dataoff + npfns pages = size" ;;
	esac
	[ "$(jq -r '.[0].parent_uuid' <<<"$j")" != "$(jq -r .uuid <<<"$out")" ] ||
		[ $m != sector ] || fail "$m: parent is the btt uuid"
	ju=$(nd read-infoblock "$d" -u 2>/dev/null) || fail "$m: -u"
	case "$(jq -r '.[0].dataoff' <<<"$ju")" in
	0x*) ;;
	*) fail "$m: -u dataoff not hex" ;;
	esac
	check nd read-infoblock "$d" -V -j -o "$tmp/v.json"
	assert_eq "$(jq -c . "$tmp/v.json")" "$(jq -c . <<<"$j")" "$m: --verify keeps it"

	# raw: 8 KiB, the same block when read back with --input
	check nd read-infoblock "$d" -o "$tmp/$m.bin"
	assert_eq "$(stat -c %s "$tmp/$m.bin")" 8192 "$m: raw size"
	assert_eq "$(nd read-infoblock -i "$tmp/$m.bin" -j 2>/dev/null | jq -c '.[0] | del(.file)')" \
		"$(jq -c '.[0] | del(.dev)' <<<"$j")" "$m: --input decodes the same"

	if [ $have_ref = 1 ]; then
		for fl in -j -u "-V -j"; do
			a=$(ref read-infoblock "$d" $fl 2>/dev/null)
			b=$(nd read-infoblock "$d" $fl 2>/dev/null)
			[ "$a" = "$b" ] || { echo "ref: $a" >&2; echo "ours: $b" >&2;
				fail "$m: read-infoblock $fl differs from the reference"; }
		done
		ref read-infoblock "$d" >"$tmp/ref.bin" 2>/dev/null
		cmp "$tmp/ref.bin" "$tmp/$m.bin" ||
			fail "$m: raw dump differs from the reference"
	fi

	# left disabled, not raw: enables in its mode again
	assert_eq "$(cat /sys/bus/nd/devices/$d/force_raw)" 0 "$m: force_raw reset"
	check nd enable-namespace "$d"
	assert_eq "$(nd list -N -n "$d" | jq -r '.[0].mode // .mode')" $m "$m: mode after"
done
# a zeroed file has no info block: an empty list, and it says so
head -c 8192 /dev/zero >"$tmp/zero"
assert_eq "$(nd read-infoblock -i "$tmp/zero" -j 2>/dev/null | jq -c .)" "[]" "zero file"
# a file shorter than an info block, and a character device
head -c 100 /dev/zero >"$tmp/short"
WANT="Input/output error" expect_fail_line nd read-infoblock -i "$tmp/short" -j
WANT="not a regular file or block device" expect_fail_line nd read-infoblock -i /dev/null -j
echo "read-infoblock: ok (reference compared: $have_ref)"
