#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# reconfigure-device --input: the settings of a device's JSON (size,
# align, mode, movable) applied as the options would be; a file that
# disagrees with the command line, names another device, carries
# mappings or a bad value, or is not a regular file is refused (129) and
# the device is unchanged.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
d=$(create -s 256M -a 2M)
field() { "$DAXCTL" list -d "$d" | jq -r ".[0].$1"; }

# a saved listing, edited: to system-ram
"$DAXCTL" list -d "$d" | jq '.[0].mode = "system-ram"' >"$TMPD/ram.json"
check "$DAXCTL" reconfigure-device --input "$TMPD/ram.json" "$d"
assert_eq "$(field mode)" system-ram "mode from the input"
assert_eq "$(field movable)" true "movable by default"

# size and mode only (no chardev): back to devdax at 128M
echo '{"size":134217728,"mode":"devdax"}' >"$TMPD/small.json"
check "$DAXCTL" reconfigure-device -f --input "$TMPD/small.json" "$d"
assert_eq "$(field mode)" devdax "mode back from the input"
assert_eq "$(field size)" 134217728 "size from the input"

before=$("$DAXCTL" list -d "$d")
"$DAXCTL" list -M -d "$d" >"$TMPD/mapped.json"
expect_fail 129 '"mappings": reconfigure-device cannot place' \
	"$DAXCTL" reconfigure-device --input "$TMPD/mapped.json" "$d"
jq '.[0].chardev = "dax9.9"' "$TMPD/mapped.json" | jq 'del(.[0].mappings)' >"$TMPD/other.json"
expect_fail 129 "the input describes dax9.9, not $d" \
	"$DAXCTL" reconfigure-device --input "$TMPD/other.json" "$d"
expect_fail 129 '"size" is 134217728 but --size is 67108864' \
	"$DAXCTL" reconfigure-device --input "$TMPD/small.json" -s 64M "$d"
expect_fail 129 '"mode" is devdax but --mode is system-ram' \
	"$DAXCTL" reconfigure-device --input "$TMPD/small.json" -m system-ram "$d"
echo '{"align":-1}' >"$TMPD/bad.json"
expect_fail 129 '"align" is negative' \
	"$DAXCTL" reconfigure-device --input "$TMPD/bad.json" "$d"
echo '{"movable":"no"}' >"$TMPD/bad.json"
expect_fail 129 '"movable" must be boolean' \
	"$DAXCTL" reconfigure-device --input "$TMPD/bad.json" "$d"
mkfifo "$TMPD/fifo"
timeout 20 "$DAXCTL" reconfigure-device --input "$TMPD/fifo" "$d" >"$OUT" 2>"$ERR"
assert_eq "$?" 129 "a FIFO as input ($(cat "$ERR"))"
grep -q "not a regular file" "$ERR" || fail "FIFO: $(cat "$ERR")"
expect_fail 129 "--input and --check-config both give the settings" \
	"$DAXCTL" reconfigure-device --input "$TMPD/small.json" -C "$d"
assert_eq "$("$DAXCTL" list -d "$d")" "$before" "device after the refusals"

# "movable": false is --no-movable (such memory may not offline again: last)
echo '{"mode":"system-ram","movable":false}' >"$TMPD/normal.json"
check "$DAXCTL" reconfigure-device --input "$TMPD/normal.json" "$d"
assert_eq "$(field mode)" system-ram "mode from the input (normal zone)"
assert_eq "$(field movable)" false "movable false from the input"
echo "reconfigure-input: ok"
