#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# contrib/examples/dax-map on hmem devices: by name and by target node,
# read-only and writing, offset and length rounded to the align and
# clamped to the device; clear refusals for a disabled device, one in
# system-ram mode, an offset past the end and an unknown name.
# Usage: example.sh DAX_MAP
. "$TEST_SRCDIR/common.sh"
DAX_MAP=${1:?usage: example.sh DAX_MAP}
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

# refused DEV-ARGS PATTERN: exit 1 and a stderr line matching PATTERN
refused() {
	local pat=$1
	shift
	expect_fail 1 "$pat" "$DAX_MAP" "$@"
}

reset_region
d=$(create -s 256M -a 2M)
node=$(dev_field "$d" target_node)
[ "$node" != null ] && [ "$node" -ge 0 ] || fail "$d has no target node"

out=$("$DAX_MAP" -d "$d") || fail "dax-map -d $d"
echo "$out"
echo "$out" | grep -qx "/dev/$d: mapped 268435456 bytes at offset 0, align 2097152 (128 units)" ||
	fail "dax-map -d $d: $out"
out=$("$DAX_MAP" -n "$node" -w -o 3M -l 5M) || fail "dax-map -n $node"
echo "$out"
for l in "offset 3145728 rounded down to 2097152 (align 2097152)" \
	 "length 5242880 rounded up to 6291456 (align 2097152)" \
	 "/dev/$d: mapped 6291456 bytes at offset 2097152, align 2097152 (3 units)" \
	 "wrote and read back one byte in each unit"; do
	echo "$out" | grep -qxF "$l" || fail "dax-map -n $node: no line '$l' in: $out"
done
out=$("$DAX_MAP" -d "$d" -o 254M -l 1G) || fail "dax-map -l 1G"
echo "$out" | grep -qxF "/dev/$d: mapped 2097152 bytes at offset 266338304, align 2097152 (1 units)" ||
	fail "clamping: $out"

refused "offset 268435456 is at or past the end of the device" -d "$d" -o 256M
refused "there is no dax device named 'dax77.7'" -d dax77.7
refused "no enabled devdax device has target node 7" -n 7
check "$DAXCTL" disable-device "$d"
refused "$d is disabled: enable it first" -d "$d"
refused "no enabled devdax device has target node $node" -n "$node"
check "$DAXCTL" enable-device "$d"
check "$DAXCTL" reconfigure-device -m system-ram "$d"
refused "$d is in system-ram mode: it is managed as RAM and cannot be mapped" -d "$d"
refused "no enabled devdax device has target node $node" -n "$node"
check "$DAXCTL" offline-memory "$d"
check "$DAXCTL" reconfigure-device -m devdax "$d"
check "$DAX_MAP" -d "$d" -w
check "$DAXCTL" destroy-device -f "$d"
