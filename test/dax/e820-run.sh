#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# In the guest (see e820.sh): the label-less e820 namespace made devdax or
# fsdax, then
#   devdax-ALIGN  the whole device-DAX contract (dax-contract), SIGBUS after
#                 `ndctl disable-namespace` with the device mapped, and fio's
#                 dev-dax engine writing and verifying the device;
#   fsdax-FS      FS (ext4 or xfs) made on it and mounted -o dax; a 2 MiB
#                 aligned 64 MiB file is DAX, mapped and faulted in 2 MiB
#                 units (FilePmdMapped), and reads back after a remount.
# Usage: e820-run.sh DAX_CONTRACT PART
. "$TEST_SRCDIR/common.sh"
DAX_CONTRACT=${1:-}
part=${2:-}
. "$TEST_SRCDIR/dax/contract-common.sh"
[ -x "${NDCTL:-}" ] && [ -x "${DAXCTL:-}" ] || fail "NDCTL/DAXCTL not set"
command -v jq >/dev/null || skip "jq is needed"

bus=$(nd_bus_dir e820) || skip "no e820 bus (test/vm/run --e820 SIZE, or memmap=SIZE!START)"
ns=$("$NDCTL" list -N -b e820 | jq -r '.[0].dev')
[ -n "$ns" ] && [ "$ns" != null ] || fail "no namespace on the e820 bus"
region=$(basename "$(dirname "$(readlink -f "/sys/bus/nd/devices/$ns")")")
rdir=/sys/bus/nd/devices/$region
echo "e820: $ns in $region, $(cat "$rdir/size") bytes"

# The label-less namespace cannot be reconfigured with our ndctl yet:
# `create-namespace -f -e NS -m devdax` says "has no labels, its
# configuration cannot change" (ndctl/namespace.c refuses every
# ND_DEVICE_NAMESPACE_IO), while the established ndctl reconfigures them.
# Pin the refusal (this line fails once it is fixed: then use ndctl below)
# and do what the kernel's ABI asks through sysfs meanwhile.
if "$NDCTL" create-namespace -f -e "$ns" -m devdax >/dev/null 2>&1; then
	fail "ndctl now reconfigures label-less namespaces: switch this test to it"
fi

# claim KIND ALIGN: bind the region's KIND (dax|pfn) seed to the namespace,
# page map on the namespace; prints the claim device's name
claim() {
	local kind=$1 align=$2 seed drv
	seed=$(cat "$rdir/${kind}_seed")
	[ -n "$seed" ] || fail "$region has no ${kind}_seed"
	[ "$kind" = dax ] && drv=dax_pmem || drv=nd_pmem
	echo "$ns" >/sys/bus/nd/drivers/nd_pmem/unbind || fail "unbind $ns"
	cat /proc/sys/kernel/random/uuid >"$rdir/$seed/uuid" || fail "$seed uuid"
	echo "$align" >"$rdir/$seed/align" || fail "$seed align $align"
	echo pmem >"$rdir/$seed/mode" || fail "$seed mode"
	echo "$ns" >"$rdir/$seed/namespace" || fail "$seed namespace"
	echo "$seed" >"/sys/bus/nd/drivers/$drv/bind" || fail "bind $seed to $drv"
	echo "$seed"
}

case "$part" in
devdax-4K|devdax-2M)
	align=$(numfmt --from=iec "${part#devdax-}")
	claim dax "$align" >/dev/null
	info=$("$NDCTL" list -N -b e820 | jq '.[0]')
	assert_eq "$(echo "$info" | jq -r .mode)" devdax "ndctl list: mode"
	d=$(echo "$info" | jq -r '.chardev // .daxregion.devices[0].chardev')
	[ -c "/dev/$d" ] || fail "no /dev/$d ($info)"
	assert_eq "$("$DAXCTL" list -d "$d" | jq -r '.[0].align')" "$align" "$d align"
	full_contract "$d"

	if command -v fio >/dev/null && fio --enghelp 2>/dev/null | grep -qx '[[:space:]]*dev-dax'; then
		size=$("$DAXCTL" list -d "$d" | jq -r '.[0].size')
		fsz=$(( (size > 256 << 20 ? 256 << 20 : size) / align * align ))
		out=$(fio --name=devdax --ioengine=dev-dax --filename="/dev/$d" --rw=write \
			--bs="$align" --size="$fsz" --verify=crc32c --do_verify=1 \
			--output-format=json 2>&1) || { echo "$out" >&2; fail "fio dev-dax on $d"; }
		w=$(echo "$out" | sed -n '/^{/,$p' | jq -r '.jobs[0].write.io_bytes')
		e=$(echo "$out" | sed -n '/^{/,$p' | jq -r '.jobs[0].error')
		assert_eq "$e" 0 "fio error"
		assert_eq "$w" "$fsz" "fio bytes written"
		echo "fio dev-dax: wrote and verified $w bytes on $d"
	else
		echo "fio with a dev-dax engine is not installed: fio part not run" >&2
	fi

	contract "$d" revoke -- "$NDCTL" disable-namespace "$ns"
	echo "$CONTRACT_OUT" | grep -qx "revoke: cmd-exit 0 sigbus" ||
		fail "ndctl disable-namespace while mapped: $CONTRACT_OUT"
	;;
fsdax-ext4|fsdax-xfs)
	fs=${part#fsdax-}
	command -v "mkfs.$fs" >/dev/null || fail "mkfs.$fs is missing (scripts/install-deps)"
	# Debian builds ext4 and xfs as modules
	grep -qw "$fs" /proc/filesystems || check modprobe "$fs"
	claim pfn $((2 << 20)) >/dev/null
	info=$("$NDCTL" list -N -b e820 | jq '.[0]')
	assert_eq "$(echo "$info" | jq -r .mode)" fsdax "ndctl list: mode"
	assert_eq "$(echo "$info" | jq -r .map)" dev "ndctl list: map"
	blk=/dev/$(echo "$info" | jq -r .blockdev)
	[ -b "$blk" ] || fail "no block device $blk ($info)"
	# 2 MiB allocation units so the file's blocks are 2 MiB aligned
	if [ "$fs" = ext4 ]; then
		check mkfs.ext4 -q -F -b 4096 -E stride=512,stripe_width=512 "$blk"
	else
		check mkfs.xfs -q -f -d su=2m,sw=1 "$blk"
	fi
	mnt=$(mktemp -d)
	check mount -o dax "$blk" "$mnt"
	grep -E "^$blk $mnt $fs .*\bdax\b" /proc/mounts >/dev/null ||
		{ grep "$blk" /proc/mounts >&2; fail "$blk is not mounted with dax"; }
	f=$mnt/huge
	if [ "$fs" = xfs ]; then
		check xfs_io -f -c "extsize 2m" "$f"
	fi
	check fallocate -l 64M "$f"
	contract --file "$f" pmd
	check umount "$mnt"
	check mount -o dax "$blk" "$mnt"
	# the data written through the mapping is on the namespace, not in a cache
	assert_eq "$(head -c 1 "$f" | od -An -tu1 | tr -d ' ')" 3 "first byte after remount"
	check umount "$mnt"
	;;
*)
	fail "unknown part '$part'"
	;;
esac
