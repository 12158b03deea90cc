#!/bin/bash
# In a VM with a qemu ACPI NVDIMM (test/vm/run --acpi-nvdimm --no-nfit):
# Debian's daxio and pmempool do their job on a devdax and on an fsdax
# (ext4 -o dax) namespace, through our libraries.  nfit_test's emulated
# memory cannot be mapped by user space in Debian's 6.1 kernel (its
# vmalloc()ed pages give pfns without PFN_DEV|PFN_MAP: a device-DAX fault
# oopses in dax_set_mapping() or SIGBUSes at 2 MiB alignment, and a
# MAP_SYNC fault on fsdax hits the BUG in __vm_insert_mixed()), so the
# mapping half of the PMDK test runs on qemu's NVDIMM, which has no ARS.
. "$TEST_SRCDIR/common.sh"
bus=$(nd_bus_dir ACPI.NFIT) || skip "no ACPI.NFIT bus (needs test/vm/run --acpi-nvdimm)"
lib=$PMDK_ROOT/usr/lib/x86_64-linux-gnu
export LD_LIBRARY_PATH=$OUR_NDCTL:$OUR_DAXCTL:$lib
pmempool=$PMDK_ROOT/usr/bin/pmempool daxio=$PMDK_ROOT/usr/bin/daxio
nd=$NDCTL
region=$(basename "$(ls -d "$bus"/region* | head -n1)")
nmem=$(basename "$(ls -d "$bus"/nmem* | head -n1)")

check "$nd" disable-region -b ACPI.NFIT all
check "$nd" init-labels -f "$nmem"
check "$nd" enable-region -b ACPI.NFIT all
check "$nd" create-namespace -r "$region" -m devdax -a 2M -s 128M
check "$nd" create-namespace -r "$region" -m fsdax -s 256M
d=$(ls -d /sys/bus/nd/devices/"$region"/dax*/dax*.* | head -n1) || fail "no device-dax device in $region"
dax=/dev/${d##*/}
p=$(ls /sys/bus/nd/devices/"$region"/pfn*/block | head -n1) || fail "no fsdax block device in $region"
pmem=/dev/$p
[ -c "$dax" ] || fail "$dax is not a character device"
[ -b "$pmem" ] || fail "$pmem is not a block device"
echo "devdax $dax, fsdax $pmem"

# daxio: zero the device, copy a pattern in and back out
size=$(cat "/sys/bus/dax/devices/${dax#/dev/}/size")
check "$daxio" -z -o "$dax"
check "$daxio" -i "$dax" -o /tmp/zeros -l 4M
cmp -n 4194304 /tmp/zeros /dev/zero || fail "daxio -z left non-zero bytes"
head -c 1048576 /dev/urandom >/tmp/pattern
check "$daxio" -i /tmp/pattern -o "$dax" -s 2M
check "$daxio" -i "$dax" -k 2M -l 1M -o /tmp/back
cmp /tmp/pattern /tmp/back || fail "daxio copy round trip differs"
echo "daxio: zeroed $size bytes, 1 MiB round trip"

# pmempool: an obj pool on the whole device
check "$pmempool" create --layout cmdtest obj "$dax"
out=$("$pmempool" info "$dax") || fail "pmempool info $dax"
grep -q 'Signature *: PMEMOBJ' <<<"$out" || { echo "$out" >&2; fail "no PMEMOBJ header on $dax"; }
grep -q 'Layout *: cmdtest' <<<"$out" || { echo "$out" >&2; fail "layout not kept on $dax"; }
check "$pmempool" check "$dax"
check "$pmempool" feature -e CHECK_BAD_BLOCKS "$dax"
assert_eq "$("$pmempool" feature -q CHECK_BAD_BLOCKS "$dax")" 1 "CHECK_BAD_BLOCKS on $dax"
out=$("$pmempool" info -k yes "$dax") || fail "pmempool info -k $dax"
grep -qi "bad block" <<<"$out" && { echo "$out" >&2; fail "pmempool info -k reports bad blocks on a clean $dax"; }
out=$("$PMEM2_BB" list "$dax") || fail "libpmem2 bad blocks of $dax"
assert_eq "$out" "" "libpmem2 bad blocks of $dax"

# fsdax: ext4 mounted with -o dax, pools as files
modprobe ext4 2>/dev/null
grep -qw ext4 /proc/filesystems || skip "no ext4 in the kernel"
check mkfs.ext4 -F -q -b 4096 "$pmem"
mkdir -p /tmp/fsdax
check mount -o dax "$pmem" /tmp/fsdax
grep -q "^$pmem /tmp/fsdax ext4 .*dax" /proc/mounts || fail "$pmem not mounted with dax: $(grep "$pmem" /proc/mounts)"
check "$pmempool" create --layout cmdtest -s 32M obj /tmp/fsdax/pool.obj
out=$("$pmempool" info /tmp/fsdax/pool.obj) || fail "pmempool info"
grep -q 'Signature *: PMEMOBJ' <<<"$out" || { echo "$out" >&2; fail "no PMEMOBJ header in the fsdax pool"; }
check "$pmempool" check /tmp/fsdax/pool.obj
check "$pmempool" create log /tmp/fsdax/pool.log
out=$("$pmempool" check -v /tmp/fsdax/pool.log) || { echo "$out" >&2; fail "pmempool check log pool"; }
grep -q consistent <<<"$out" || fail "log pool not consistent: $out"
check "$pmempool" feature -e CHECK_BAD_BLOCKS /tmp/fsdax/pool.obj
check "$pmempool" info -k yes /tmp/fsdax/pool.obj
out=$("$PMEM2_BB" list /tmp/fsdax/pool.obj) || fail "libpmem2 bad blocks of the fsdax pool"
assert_eq "$out" "" "libpmem2 bad blocks of the fsdax pool"
check umount /tmp/fsdax
echo "PMDK on qemu's NVDIMM: daxio and pmempool on $dax, pmempool on ext4 -o dax ($pmem)"
