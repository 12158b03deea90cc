#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# reconfigure-device --check-config: the section whose nvdimm.uuid names
# the device's namespace decides; no section means nothing to do; a
# malformed file is reported with file and line; a mode the kernel refuses
# leaves the device as it was.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

pmem_devdax
export DAXCTL_CONF_DIR=$TMPD/conf
mkdir -p "$DAXCTL_CONF_DIR"

# no configuration at all
check "$DAXCTL" disable-device "$PMEM_DEV"
"$DAXCTL" reconfigure-device -C "$PMEM_DEV" 2>"$ERR" || fail "no config: $(cat "$ERR")"
grep -q "no matching section" "$ERR" || fail "no config: $(cat "$ERR")"
assert_eq "$(dev_field "$PMEM_DEV" state)" disabled "no config: untouched"

cat > "$DAXCTL_CONF_DIR/10-other.conf" <<EOC
# a section for some other namespace
[reconfigure-device other]
nvdimm.uuid = 00000000-0000-0000-0000-000000000000
mode = system-ram
EOC
cat > "$DAXCTL_CONF_DIR/20-ours.conf" <<EOC
[reconfigure-device ours]
nvdimm.uuid = $PMEM_UUID
mode = devdax
EOC
echo "ignored, not a .conf" > "$DAXCTL_CONF_DIR/README"
check "$DAXCTL" reconfigure-device --check-config "$PMEM_DEV"
assert_eq "$(dev_field "$PMEM_DEV" state)" null "config mode=devdax enabled the device"
assert_eq "$(dev_field "$PMEM_DEV" mode)" devdax "config mode"

# system-ram on a 62M pmem device: kmem needs whole memory blocks, so the
# kernel refuses; the device must come back as it was
before=$("$DAXCTL" list -d "$PMEM_DEV")
sed -i 's/mode = devdax/mode = system-ram\nonline = true\nmovable = false/' "$DAXCTL_CONF_DIR/20-ours.conf"
"$DAXCTL" reconfigure-device -C "$PMEM_DEV" >/dev/null 2>"$ERR"
if [ "$(dev_field "$PMEM_DEV" mode)" = system-ram ]; then
	# the kernel took it after all: then the config's movable=false holds
	assert_eq "$(dev_field "$PMEM_DEV" movable)" false "config movable=false"
	check "$DAXCTL" reconfigure-device -f -m devdax "$PMEM_DEV"
else
	grep -q "restored the previous configuration" "$ERR" || fail "refused kmem: $(cat "$ERR")"
	assert_eq "$("$DAXCTL" list -d "$PMEM_DEV")" "$before" "device after a refused system-ram"
fi

# malformed entries name the file and line
printf '[reconfigure-device bad]\nnvdimm.uuid = %s\nmode = turbo\n' "$PMEM_UUID" \
	> "$DAXCTL_CONF_DIR/05-bad.conf"
expect_fail 1 "05-bad.conf:3: mode must be system-ram or devdax, not 'turbo'" \
	"$DAXCTL" reconfigure-device -C "$PMEM_DEV"
printf '[reconfigure-device bad]\nnvdimm.uuid = %s\nonline = maybe\n' "$PMEM_UUID" \
	> "$DAXCTL_CONF_DIR/05-bad.conf"
expect_fail 1 "05-bad.conf:3: online: expected true or false, got 'maybe'" \
	"$DAXCTL" reconfigure-device -C "$PMEM_DEV"
# a bad line after the matching section is still found (the file is
# checked whole), and a duplicate key is refused
printf '[reconfigure-device bad]\nnvdimm.uuid = %s\nmode = devdax\n[reconfigure-device x]\nmode = devdax\n' \
	"$PMEM_UUID" > "$DAXCTL_CONF_DIR/05-bad.conf"
expect_fail 1 "05-bad.conf:4: section 'x' has no nvdimm.uuid" \
	"$DAXCTL" reconfigure-device -C "$PMEM_DEV"
printf '[reconfigure-device bad]\nnvdimm.uuid = %s\nmode = devdax\nmode = system-ram\n' \
	"$PMEM_UUID" > "$DAXCTL_CONF_DIR/05-bad.conf"
expect_fail 1 "05-bad.conf:4: mode given twice" \
	"$DAXCTL" reconfigure-device -C "$PMEM_DEV"
rm "$DAXCTL_CONF_DIR/05-bad.conf"
# a FIFO among the .conf files is refused at once, never read (timeout)
mkfifo "$DAXCTL_CONF_DIR/05-fifo.conf"
expect_fail 1 "05-fifo.conf: not a regular file" \
	timeout 20 "$DAXCTL" reconfigure-device -C "$PMEM_DEV"
rm "$DAXCTL_CONF_DIR/05-fifo.conf"
assert_eq "$(dev_field "$PMEM_DEV" mode)" devdax "refused configs changed nothing"

# hmem devices have no namespace: nothing to do
reset_region
d=$(create -s 16M)
"$DAXCTL" reconfigure-device -C "$d" 2>"$ERR" || fail "hmem -C: $(cat "$ERR")"
grep -q "no matching section" "$ERR" || fail "hmem -C: $(cat "$ERR")"
check "$DAXCTL" destroy-device -f "$d"
