#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# write-infoblock -c and -o against the established ndctl (Debian's, from
# scripts/fetch-established; DEB_ROOT or NDCTL_REF name it): for the same
# parameters, with the uuids given, the 8 KiB must be the same bytes.  The
# established tool needs no kernel for these.  Skips when it is absent.
# Offsets not aligned to the alignment are left out on purpose: there the
# established tool writes a start_pad the kernel refuses, ours does not.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

ref_probe
[ $have_ref = 1 ] || skip "no established ndctl at $REF"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
U=42e1d574-76ac-402c-9132-5436e31528c0
P=ef83e49c-4c4a-4fae-b908-72e94675b1b7
n=0
for mode in fsdax devdax; do
	for map in dev mem; do
		for sa in "32M 2M" "33M 2M" "64M 4K" "16M 4K" "1G 2M" "3G 1G" \
			"1T 16M" "100G 1G" "2T 2G" "130M 64M"; do
			set -- $sa
			for off in "" "-O 0" "-O 2G"; do
				args="-m $mode -M $map -s $1 -a $2 -u $U -p $P $off"
				ref write-infoblock -c $args >"$tmp/ref" 2>/dev/null ||
					fail "reference refused $args"
				"$NDCTL" write-infoblock -c $args >"$tmp/ours" 2>/dev/null ||
					fail "ours refused $args"
				cmp "$tmp/ref" "$tmp/ours" >&2 ||
					fail "-c $args: differs from the reference"
				n=$((n + 1))
			done
		done
	done
done
# the defaults (fsdax, map=dev, align 2M, zero parent) with a given uuid,
# and --output on an image whose size is the file's
"$NDCTL" write-infoblock -c -s 48M -u $U >"$tmp/ours" 2>/dev/null || fail "defaults"
ref write-infoblock -c -s 48M -u $U >"$tmp/ref" 2>/dev/null || fail "reference defaults"
cmp "$tmp/ref" "$tmp/ours" >&2 || fail "defaults differ"
truncate -s 96M "$tmp/img.ref" "$tmp/img.ours"
ref write-infoblock -o "$tmp/img.ref" -u $U -p $P 2>/dev/null || fail "reference -o"
"$NDCTL" write-infoblock -o "$tmp/img.ours" -u $U -p $P 2>/dev/null || fail "ours -o"
cmp "$tmp/img.ref" "$tmp/img.ours" >&2 || fail "-o image differs"
echo "write-infoblock: $((n + 2)) outputs identical to the reference"
