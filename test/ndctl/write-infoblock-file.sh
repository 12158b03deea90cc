#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# write-infoblock to stdout and to files, no kernel needed: what it writes
# decodes with read-infoblock to the values the kernel's nd_pfn_init()
# gives (worked by hand; see test-pfn-info.c), an image keeps everything
# past the first 8 KiB, and every bad value is one stderr line, a non-zero
# exit and nothing written.
. "$TEST_SRCDIR/common.sh"
NDCTL=${NDCTL:?}
nd() { "$NDCTL" "$@"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
U=42e1d574-76ac-402c-9132-5436e31528c0
P=ef83e49c-4c4a-4fae-b908-72e94675b1b7

# decode FILE KEYS...: the block's fields, space separated
decode() {
	local f=$1
	shift
	nd read-infoblock -i "$f" -j 2>/dev/null |
		jq -r ".[0] | [$(printf '.%s,' "$@" | sed 's/,$//')] | map(tostring) | join(\" \")"
}

# the established tool's man page example: 1T, 16M align, map on the device
nd write-infoblock -c -s 1T -a 16M -u $U -p $P >"$tmp/a" 2>"$tmp/err" ||
	fail "-c exited $?"
assert_eq "$(cat "$tmp/err")" "wrote 1 infoblock" "-c: stderr"
assert_eq "$(stat -c %s "$tmp/a")" 8192 "-c: 8 KiB"
assert_eq "$(head -c 4096 "$tmp/a" | tr -d '\0' | wc -c)" 0 "-c: first 4 KiB zero"
assert_eq "$(decode "$tmp/a" signature uuid parent_uuid flags version dataoff npfns mode start_pad end_trunc align page_size page_struct_size)" \
	"NVDIMM_PFN_INFO $U $P 0 1.4 17196646400 264237056 2 0 0 16777216 4096 64" \
	"1T fsdax block"
check nd read-infoblock -V -i "$tmp/a"

# devdax, page map in memory, default align 2M, no parent: zero uuid
nd write-infoblock -c -s 32M -m devdax -M mem >"$tmp/b" 2>/dev/null || fail "devdax"
assert_eq "$(decode "$tmp/b" signature parent_uuid dataoff npfns mode align)" \
	"NVDIMM_DAX_INFO 00000000-0000-0000-0000-000000000000 2097152 7680 1 2097152" \
	"32M devdax map=mem"
# a generated uuid, a new one each time
u1=$(decode "$tmp/b" uuid)
nd write-infoblock -c -s 32M -m devdax >"$tmp/b2" 2>/dev/null || fail "devdax 2"
[ "$u1" != "$(decode "$tmp/b2" uuid)" ] || fail "the generated uuid repeats"
[ "$u1" != 00000000-0000-0000-0000-000000000000 ] || fail "the generated uuid is zero"

# a namespace 2M into a 1G boundary: the data starts on the next 1G
# boundary and nothing is padded at the start (the kernel ignores no
# start_pad: a padded block would be refused)
nd write-infoblock -c -s 3G -a 1G -O 2M >"$tmp/c" 2>/dev/null || fail "-O 2M"
assert_eq "$(decode "$tmp/c" dataoff npfns start_pad end_trunc align)" \
	"1071644672 524288 0 2097152 1073741824" "3G at 2M, 1G align"

# --output: a new file needs --size; an existing one gives its size and
# keeps what lies past the first 8 KiB
nd write-infoblock -o "$tmp/new" -s 64M -u $U 2>/dev/null || fail "-o new"
assert_eq "$(stat -c %s "$tmp/new")" 8192 "-o new: 8 KiB written"
cmp -s "$tmp/new" <(nd write-infoblock -c -s 64M -u $U 2>/dev/null) ||
	fail "-o and -c differ"
head -c $((64 << 20)) /dev/urandom >"$tmp/img"
tail -c +8193 "$tmp/img" >"$tmp/img.tail"
nd write-infoblock -o "$tmp/img" -M mem 2>/dev/null || fail "-o image"
assert_eq "$(stat -c %s "$tmp/img")" $((64 << 20)) "image size unchanged"
cmp -s "$tmp/img.tail" <(tail -c +8193 "$tmp/img") || fail "image data past 8K changed"
assert_eq "$(decode "$tmp/img" dataoff npfns mode)" "2097152 15872 1" \
	"image: laid out for the file's size"

# bad input: one line naming the problem, non-zero exit, nothing written
printf 'keep' >"$tmp/keep"
while IFS='|' read -r args want; do
	out=$(nd write-infoblock $args 2>"$tmp/err") && fail "'$args' succeeded"
	[ -z "$out" ] || fail "'$args' wrote to stdout"
	assert_eq "$(wc -l <"$tmp/err")" 1 "'$args': stderr lines ($(cat "$tmp/err"))"
	grep -qF -- "$want" "$tmp/err" || fail "'$args': '$(cat "$tmp/err")' does not say '$want'"
	[ ! -e "$tmp/none" ] || fail "'$args' created the output file"
	assert_eq "$(cat "$tmp/keep")" keep "'$args' changed an existing file"
done <<EOT
|specify a namespace, --output FILE or --stdout
-c|--stdout needs the image size
-c -o $tmp/none -s 32M|--output and --stdout are exclusive
-c -s 32M namespace0.0|not several
-o $tmp/keep namespace0.0|not several
-c -s 32M -m sector|unsupported mode 'sector'
-c -s 32M -m fsdaxx|unknown mode 'fsdaxx'
-o $tmp/keep -s 32M -m raw|unsupported mode 'raw'
-c -s 32M -M ram|invalid map location 'ram'
-c -s 32x|invalid size '32x'
-c -s 0|invalid size '0'
-c -s 1000|invalid size '1000'
-o $tmp/keep -s 33554433|invalid size '33554433'
-c -s 32M -a 3M|invalid alignment '3M'
-c -s 32M -a 1K|invalid alignment '1K'
-c -s 32M -a 0|invalid alignment '0'
-c -s 32M -a 4G|invalid alignment '4G'
-c -s 32M -a two|invalid alignment 'two'
-c -s 32M -u 1234|invalid uuid '1234'
-o $tmp/keep -s 32M -u $U-0|invalid uuid
-c -s 32M -p zz|invalid parent uuid 'zz'
-c -s 32M -O 1M|invalid offset '1M'
-c -s 32M -O x|invalid offset 'x'
-c -s 32M -a 64M|too small
-o $tmp/keep -s 2M|too small
-o $tmp/keep -s 32M -a 1G|too small
-c -s 1G -a 1G|too small
-o $tmp/none|does not exist
-o $tmp|not a regular file or block device
EOT
: >"$tmp/empty"
out=$(nd write-infoblock -o "$tmp/empty" 2>"$tmp/err") && fail "empty file accepted"
grep -q "is empty" "$tmp/err" || fail "empty file: $(cat "$tmp/err")"
assert_eq "$(stat -c %s "$tmp/empty")" 0 "empty file written"
# a 1-page file is too small for any layout and stays as it was
printf 'keep' >"$tmp/keep"
nd write-infoblock -o "$tmp/keep" 2>/dev/null && fail "4-byte image accepted"
assert_eq "$(cat "$tmp/keep")" keep "4-byte image changed"
echo "write-infoblock (files): ok"
