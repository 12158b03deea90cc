#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# create-device --input recreates a device with the same physical ranges
# from `daxctl list -M` output (plain and -u), including a split device.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
a=$(create -s 64M)
b=$(create -s 64M)
check "$DAXCTL" destroy-device -f "$a"
c=$(create -s 96M)
"$DAXCTL" list -M -d "$c" > "$TMPD/c.json"
"$DAXCTL" list -M -u -d "$c" > "$TMPD/c-human.json"
assert_eq "$(jq '.[0].mappings | length' "$TMPD/c.json")" 2 "$c spans the hole: two mappings"
ranges=$(jq -c '[.[0].mappings[] | [.start, .end]]' "$TMPD/c.json")

for input in c.json c-human.json; do
	check "$DAXCTL" destroy-device -f "$c"
	c=$(create --input "$TMPD/$input")
	got=$("$DAXCTL" list -M -d "$c" | jq -c '[.[0].mappings[] | [.start, .end]]')
	assert_eq "$got" "$ranges" "ranges recreated from $input"
	assert_eq "$(dev_field "$c" size)" 100663296 "size from $input"
done

# ranges that are already taken: refused, nothing left behind
n=$(dev_count)
expect_fail 1 "failed to claim range" "$DAXCTL" create-device -r "$REGION" --input "$TMPD/c.json"
assert_eq "$(dev_count)" "$n" "a failed --input create leaves no device"
# size disagreeing with the mappings
expect_fail 129 "mappings add up to 100663296 bytes but --size is 4194304" \
	"$DAXCTL" create-device -r "$REGION" --input "$TMPD/c.json" -s 4M
# a field present but invalid is refused by name before the region is
# touched: nothing created (issue 14: "align":"-1" used to be ignored)
for bad in '"align":"-1"' '"align":-1' '"align":12288' '"mode":"turbo"' \
	   '"size":4096' '"chardev":"dax0"'; do
	f=${bad#\"}
	f=${f%%\"*}
	jq -c ".[0] + {${bad}}" "$TMPD/c.json" > "$TMPD/bad.json"
	expect_fail 129 "bad.json: cannot read input: \"$f\"" \
		"$DAXCTL" create-device -r "$REGION" --input "$TMPD/bad.json"
	assert_eq "$(dev_count)" "$n" "no device after --input with $bad"
done
# a FIFO or an endless device is refused at once (timeout: never hang)
mkfifo "$TMPD/fifo"
expect_fail 129 "fifo: cannot read input: not a regular file" \
	timeout 20 "$DAXCTL" create-device -r "$REGION" --input "$TMPD/fifo"
expect_fail 129 "/dev/zero: cannot read input: not a regular file" \
	timeout 20 "$DAXCTL" create-device -r "$REGION" --input /dev/zero
assert_eq "$(dev_count)" "$n" "no device after a refused --input"
check "$DAXCTL" destroy-device -f "$b" "$c"
