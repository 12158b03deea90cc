#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Bad values are refused before anything touches sysfs: one stderr line that
# names the value and says why, exit status 129 (a usage error).
. "$TEST_SRCDIR/common.sh"

expect_bad() {
	local want=$1 out rc
	shift
	out=$("$DAXCTL" "$@" 2>&1 >/dev/null)
	rc=$?
	assert_eq "$rc" 129 "daxctl $* exit status ($out)"
	assert_eq "$(printf '%s\n' "$out" | wc -l)" 1 "daxctl $*: one line ($out)"
	case "$out" in *"$want"*) ;; *) fail "daxctl $*: '$out' lacks '$want'" ;; esac
}

expect_bad "invalid value '99999999999999999999G': too large for 64 bits" create-device -s 99999999999999999999G
expect_bad "invalid value '-1': negative sizes are not allowed" create-device -s -1
expect_bad "invalid value '4Q': unknown suffix" create-device --size=4Q
expect_bad "invalid value '0x': no hex digits after 0x" create-device -s 0x
expect_bad "invalid value '4Q': unknown suffix" reconfigure-device -s 4Q dax0.0
expect_bad "invalid value '1.5M'" create-device -a 1.5M
expect_bad "invalid align 3145728: not a power of two" create-device -a 3M -s 6M
expect_bad "invalid align 12288: not a power of two" reconfigure-device -a 12K dax0.0
expect_bad "invalid mode 'ram'" reconfigure-device -m ram dax0.0
expect_bad "invalid device 'foo'" reconfigure-device foo
expect_bad "invalid device 'dax0'" destroy-device dax0
expect_bad "invalid device 'dax0.x'" enable-device dax0.x
expect_bad "invalid region 'regionX'" list -r regionX
expect_bad "invalid region 'r1'" create-device -r r1
expect_bad "invalid device 'dax-1.0'" list -d dax-1.0
expect_bad "--check-config takes exactly one device" reconfigure-device -C dax0.0 dax0.1
expect_bad "unexpected argument 'extra'" list extra

# malformed --input JSON
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo '{ "chardev": "dax0.1", "mappings": [ { "start": 1 ' > "$tmp/trunc.json"
expect_bad "trunc.json: cannot read input" create-device --input "$tmp/trunc.json"
echo '{ "chardev": "dax0.1" }' > "$tmp/nomap.json"
expect_bad "nomap.json: cannot read input: no \"mappings\"" create-device --input "$tmp/nomap.json"
echo '[{ "mappings": [ { "start": 100, "end": 50 } ] }]' > "$tmp/backwards.json"
expect_bad "mapping 0: \"end\" is below \"start\"" create-device --input "$tmp/backwards.json"
echo '{ "mappings": [ { "start": "zz", "end": 50 } ] }' > "$tmp/garbage.json"
expect_bad "\"mappings[0].start\": invalid size 'zz'" create-device --input "$tmp/garbage.json"
expect_bad "cannot read input" create-device --input "$tmp/missing.json"
# bounded input: never read endlessly (timeout kills a hang: status 124)
expect_bad_t() {
	local want=$1 out rc
	shift
	out=$(timeout 20 "$DAXCTL" "$@" 2>&1 >/dev/null)
	rc=$?
	assert_eq "$rc" 129 "daxctl $* exit status ($out)"
	assert_eq "$(printf '%s\n' "$out" | wc -l)" 1 "daxctl $*: one line ($out)"
	case "$out" in *"$want"*) ;; *) fail "daxctl $*: '$out' lacks '$want'" ;; esac
}
expect_bad_t "/dev/zero: cannot read input: not a regular file" create-device --input /dev/zero
mkfifo "$tmp/fifo"
expect_bad_t "fifo: cannot read input: not a regular file" create-device --input "$tmp/fifo"
head -c $((2 << 20)) /dev/zero | tr '\0' ' ' > "$tmp/big.json"
expect_bad_t "big.json: cannot read input: larger than 1048576 bytes" create-device --input "$tmp/big.json"
: > "$tmp/empty.json"
expect_bad_t "empty.json: cannot read input: empty" create-device --input "$tmp/empty.json"
echo '{ "mappings": [ { "start": 0, "end": 1 } ] } {}' > "$tmp/two.json"
expect_bad_t "two.json: cannot read input: trailing data" create-device --input "$tmp/two.json"

# every field present is checked and refused by name (issue 14): a field
# the tool does not use is never silently ignored
map='"mappings": [ { "start": 0, "end": 2097151 } ]'
field() {
	local want=$1 json=$2
	shift 2
	printf '%s\n' "$json" > "$tmp/field.json"
	expect_bad_t "field.json: cannot read input: $want" create-device "$@" --input "$tmp/field.json"
}
field "\"align\": invalid size '-1'" "{ \"align\": \"-1\", $map }"
field '"align" is negative' "{ \"align\": -1, $map }"
field '"align" 3000 is not a power of two' "{ \"align\": 3000, $map }"
field '"align" 0 is not a power of two' "{ \"align\": 0, $map }"
field '"align" must be an integer or a size string, not boolean' "{ \"align\": true, $map }"
field '"align" is too large' "{ \"align\": 99999999999999999999999, $map }"
field '"size" is 4096 but the mappings add up to 2097152' "{ \"size\": 4096, $map }"
field '"size" is too large' "{ \"size\": 18446744073709551615, $map }"
field "\"size\": invalid size '2.00 GiB'" "{ \"size\": \"2.00 GiB\", $map }"
field "\"mode\" must be devdax or system-ram, not 'turbo'" "{ \"mode\": \"turbo\", $map }"
field '"mode" must be string, not int' "{ \"mode\": 1, $map }"
field "\"chardev\" 'dax0' is not a device name daxR.N" "{ \"chardev\": \"dax0\", $map }"
printf '{ "chardev": "dax0.1", %s }\n' "$map" > "$tmp/r0.json"
expect_bad_t 'r0.json: "chardev" is in region 0 but --region is 5' create-device -r 5 --input "$tmp/r0.json"
field 'unknown field "colour"' "{ \"colour\": \"red\", $map }"
field '"target_node" must be int, not string' "{ \"target_node\": \"0\", $map }"
field '"movable" must be boolean, not int' "{ \"movable\": 1, $map }"
field '"mappings" must be array, not object' '{ "mappings": {} }'
field '"mappings" is empty' '{ "mappings": [] }'
field 'mapping 0 is not an object' '{ "mappings": [ 1 ] }'
field 'mapping 0 needs "start" and "end"' '{ "mappings": [ { "start": 0 } ] }'
field 'mapping 0: unknown field "stop"' '{ "mappings": [ { "start": 0, "end": 1, "stop": 2 } ] }'
field '"mappings[0].start" is negative' '{ "mappings": [ { "start": -4096, "end": 1 } ] }'
field '"mappings[0].end" is too large' '{ "mappings": [ { "start": 0, "end": 18446744073709551615 } ] }'
field '"mappings[0].start" must be an integer or a size string, not double' '{ "mappings": [ { "start": 1.5, "end": 4095 } ] }'
field '"mappings[0].size" is 4096 but start..end spans 2097152' '{ "mappings": [ { "start": 0, "end": 2097151, "size": 4096 } ] }'
field '"mappings[1].page_offset" is negative' '{ "mappings": [ { "start": 0, "end": 1 }, { "start": 2, "end": 3, "page_offset": -1 } ] }'
field 'two mappings have page_offset 0' '{ "mappings": [ { "start": 0, "end": 1, "page_offset": 0 }, { "start": 2, "end": 3, "page_offset": 0 } ] }'
field "mapping 1: the mappings' total overflows" '{ "mappings": [ { "start": 0, "end": 18446744073709551614 }, { "start": 0, "end": 18446744073709551614 } ] }'
field 'expected one device, not an array of 2' "[ { $map }, { $map } ]"
echo "ok"
