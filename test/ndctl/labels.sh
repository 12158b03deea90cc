#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# init/read/write/zero/check-labels: versions, round trips, bad files
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dimms=$(nd list -D -b $BUS | jq -r '.[].dev' | tr '\n' ' ')
dimm=${dimms%% *}

check nd disable-region -b $BUS all
# active DIMMs refuse label writes: here none are active
for v in 1.1 1.2; do
	check nd init-labels -f -V $v -b $BUS all
	check nd check-labels -b $BUS all
	idx=$(nd read-labels -j -b $BUS $dimm 2>/dev/null) ||
		fail "read-labels -j $v"
	assert_eq "$(jq -r '.[0].index[0].minor' <<<"$idx")" "${v#1.}" "index minor"
	assert_eq "$(jq -r '.[0].index | length' <<<"$idx")" 2 "index blocks"
	assert_eq "$(jq -r '.[0].label | length' <<<"$idx")" 0 "labels on fresh area"
	# without --force an existing index is kept
	WANT=$dimm expect_fail_line nd init-labels -V 1.1 -b $BUS $dimm
done
check nd enable-region -b $BUS all

# a namespace's labels show up in the decoded area
big=$(label_regions | head -1)
ns=$(nd create-namespace -r "$big" -m raw -s 16M -n labelled) ||
	fail "create namespace"
raw_uuid=$(jq -r .uuid <<<"$ns")
nd read-labels -j -b $BUS $dimm 2>/dev/null |
	jq -e --arg u "$raw_uuid" '.[0].label | map(select(.uuid == $u and .name == "labelled")) | length > 0' >/dev/null ||
	fail "label of $raw_uuid not decoded"
nd read-labels -j -u -b $BUS $dimm 2>/dev/null | jq -e '.[0].label[0].dpa | type == "string"' >/dev/null ||
	fail "read-labels -u does not print hex strings"
nd read-labels -j -I -b $BUS $dimm 2>/dev/null | jq -e '.[0] | has("label") | not' >/dev/null ||
	fail "read-labels -I still decodes labels"

# binary round trip: save, zero, restore, and the namespace comes back
check nd read-labels -b $BUS -o "$tmp/area" $dimm
size=$(stat -c %s "$tmp/area")
[ "$size" -gt 0 ] || fail "empty label dump"
check nd disable-region -b $BUS all
WANT=/nonexistent/file expect_fail_line nd write-labels -b $BUS -i /nonexistent/file $dimm
check nd zero-labels -b $BUS $dimm
check_fails nd check-labels -b $BUS $dimm
check nd read-labels -b $BUS -o "$tmp/zero" $dimm
head -c "$size" /dev/zero > "$tmp/zeros"
cmp -s "$tmp/zero" "$tmp/zeros" || fail "zero-labels left data"
check nd write-labels -b $BUS -i "$tmp/area" $dimm
check nd read-labels -b $BUS -o "$tmp/back" $dimm
cmp -s "$tmp/area" "$tmp/back" || fail "label area differs after write-labels"
check nd check-labels -b $BUS $dimm
check nd enable-region -b $BUS all
assert_eq "$(nd list -N -b $BUS | jq -r '.[] | select(.name == "labelled") | .uuid')" \
	"$raw_uuid" "namespace after label round trip"

# bad label files: too large for the area, and garbage that must not pass
check nd disable-region -b $BUS all
head -c $((size + 4096)) /dev/zero > "$tmp/big"
WANT=$dimm expect_fail_line nd write-labels -b $BUS -i "$tmp/big" $dimm
head -c "$size" /dev/urandom > "$tmp/garbage"
check nd write-labels -b $BUS -i "$tmp/garbage" $dimm
WANT=$dimm expect_fail_line nd check-labels -b $BUS $dimm
check_fails nd read-labels -j -b $BUS $dimm
# endless, blocking and oversized inputs are refused at once, naming the
# input, and the label area is untouched (timeout: a hang fails this test
# instead of stalling the suite)
check nd read-labels -b $BUS -o "$tmp/before" $dimm
mkfifo "$tmp/fifo"
head -c $((size + 1)) /dev/urandom > "$tmp/one-more"
WANT="$dimm: input /dev/zero: not a regular file" \
	expect_fail_line timeout 20 "$NDCTL" write-labels -b $BUS -i /dev/zero $dimm
WANT="$dimm: input $tmp/fifo: not a regular file" \
	expect_fail_line timeout 20 "$NDCTL" write-labels -b $BUS -i "$tmp/fifo" $dimm
WANT="$dimm: input standard input: larger than $size bytes" \
	expect_fail_line timeout 20 "$NDCTL" write-labels -b $BUS -i - $dimm < /dev/zero
WANT="$dimm: input $tmp/one-more: larger than $size bytes" \
	expect_fail_line timeout 20 "$NDCTL" write-labels -b $BUS -i "$tmp/one-more" $dimm
WANT="$dimm: input $tmp/one-more: larger than 4096 bytes" \
	expect_fail_line timeout 20 "$NDCTL" write-labels -b $BUS -O $((size - 4096)) -i "$tmp/one-more" $dimm
check nd read-labels -b $BUS -o "$tmp/after" $dimm
cmp -s "$tmp/before" "$tmp/after" || fail "a refused write-labels changed the label area"
# and a bad version
WANT=1.3 expect_fail_line nd init-labels -f -V 1.3 -b $BUS $dimm
check nd init-labels -f -b $BUS all
check nd enable-region -b $BUS all

# label writes are refused while a region uses the DIMM
WANT=$dimm expect_fail_line nd zero-labels -b $BUS $dimm
exit 0
