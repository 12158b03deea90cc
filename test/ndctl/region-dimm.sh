#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# disable/enable regions and DIMMs, and what list shows in between
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

relabel 1.1
regions=$(nd list -R -b $BUS | jq -r '.[].dev')
[ "$(wc -w <<<"$regions")" -ge 2 ] || fail "expected two regions"
r=$(head -1 <<<"$regions")
ns=$(nd create-namespace -r $r -m fsdax -s 16M) || fail "create"

check nd disable-region -b $BUS $r
nd list -R -b $BUS | jq -e --arg r $r 'map(.dev) | index($r) == null' >/dev/null ||
	fail "disabled region listed without -i"
assert_eq "$(nd list -R -i -r $r | jq -r '.[0].state')" disabled "state of $r"
assert_eq "$(cat "$(nd_bus_dir $BUS)/$r/driver/uevent" 2>/dev/null | wc -l)" 0 \
	"sysfs: $r still bound"
check nd enable-region -b $BUS $r
assert_eq "$(nd list -R -r $r | jq -r '.[0].state // "enabled"')" enabled "state after enable"
# the namespace came back with its configuration
assert_eq "$(ns_json "$(jq -r .dev <<<"$ns")" | jq -r .uuid)" "$(jq -r .uuid <<<"$ns")" \
	"namespace after region cycle"

# a DIMM under an enabled region cannot be disabled
dimm=$(nd list -D -r $r | jq -r '.[0].dev')
WANT=$dimm expect_fail_line nd disable-dimm -b $BUS $dimm
check nd disable-region -b $BUS all
check nd disable-dimm -b $BUS $dimm
assert_eq "$(nd list -D -i -d $dimm | jq -r '.[0].state')" disabled "dimm state"
nd list -D -b $BUS | jq -e --arg d $dimm 'map(.dev) | index($d) == null' >/dev/null ||
	fail "disabled dimm listed without -i"
check nd enable-dimm -b $BUS $dimm
check nd enable-region -b $BUS all
assert_eq "$(nd list -D -d $dimm | jq -r '.[0].state // "enabled"')" enabled "dimm re-enabled"

# a mounted namespace refuses disable-region and destroy without --force
dev=$(jq -r .dev <<<"$ns")
bdev=$(ns_json $dev | jq -r .blockdev)
mkdir -p /tmp/ndmnt
modprobe ext4 2>/dev/null
check mkfs.ext4 -q -F /dev/$bdev
check mount /dev/$bdev /tmp/ndmnt
WANT="mounted on /tmp/ndmnt" expect_fail_line nd disable-region -b $BUS $r
WANT="mounted on /tmp/ndmnt" expect_fail_line nd destroy-namespace $dev
WANT="mounted on /tmp/ndmnt" expect_fail_line nd create-namespace -e $dev -m raw
mountpoint -q /tmp/ndmnt || fail "the refusals changed the mount"
umount /tmp/ndmnt
check nd destroy-namespace -f $dev
exit 0
