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
#   list-system-ram  the namespace's dax device made system-ram: `ndctl list
#                 -X` prints it as `daxctl list` does, online and offline;
#   reconfig      `create-namespace -e` cycling the namespace through the
#                 modes in place, and the options it cannot honour refused.
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

# claim MODE ALIGN: reconfigure the label-less namespace in place with our
# ndctl (page map on the namespace), as the established ndctl does
claim() {
	local out
	out=$("$NDCTL" create-namespace -f -e "$ns" -m "$1" -a "$2" 2>/tmp/e820.err) ||
		fail "create-namespace -e $ns -m $1 -a $2: $(cat /tmp/e820.err)"
	assert_eq "$(echo "$out" | jq -r .dev)" "$ns" "$1: device name"
	assert_eq "$(echo "$out" | jq -r .mode)" "$1" "$1: mode"
}

case "$part" in
devdax-4K|devdax-2M)
	align=$(numfmt --from=iec "${part#devdax-}")
	claim devdax "$align"
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
	claim fsdax 2M
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
list-system-ram)
	# `ndctl list -X` prints a system-ram device as `daxctl list` does
	# (online_memblocks, total_memblocks, movable), with and without -u
	claim devdax 2M
	d=$("$NDCTL" list -N -b e820 | jq -r '.[0].chardev')
	check "$DAXCTL" reconfigure-device -m system-ram "$d"
	one='if type == "array" then .[0] else . end'
	for state in online offline; do
		for u in "" -u; do
			x=$("$NDCTL" list -N -X $u -b e820 | jq -c "$one | .daxregion.devices[0]")
			dl=$("$DAXCTL" list $u -d "$d" | jq -c "$one")
			assert_eq "$x" "$dl" "$state: ndctl list -X $u device vs daxctl list $u"
		done
		total=$(jq -r .total_memblocks <<<"$x")
		[ "$total" -gt 0 ] 2>/dev/null || fail "$state: total_memblocks: $x"
		jq -e 'has("online") | not' <<<"$x" >/dev/null ||
			fail "$state: non-standard \"online\" key: $x"
		if [ $state = online ]; then
			assert_eq "$(jq -r .online_memblocks <<<"$x")" "$total" "online_memblocks"
			assert_eq "$(jq -r .movable <<<"$x")" true "movable (onlined movable)"
			check "$DAXCTL" offline-memory "$d"
		else
			assert_eq "$(jq -r .online_memblocks <<<"$x")" 0 "online_memblocks offline"
			jq -e 'has("movable") | not' <<<"$x" >/dev/null ||
				fail "movable listed with no block online: $x"
		fi
	done
	check "$DAXCTL" reconfigure-device -m devdax "$d"
	;;
reconfig)
	# the same name, reconfigured again and again; size and data layout
	# are the region's, so only the claim changes
	for m in devdax fsdax sector raw devdax fsdax; do
		out=$("$NDCTL" create-namespace -f -e "$ns" -m $m 2>/tmp/e820.err) ||
			fail "create-namespace -e $ns -m $m: $(cat /tmp/e820.err)"
		assert_eq "$(echo "$out" | jq -r .dev)" "$ns" "-m $m: device name"
		# an unclaimed namespace of a page-mapping region reports fsdax
		# with the map in memory, for us and for the established tool
		want=$m
		[ $m = raw ] && want=fsdax
		assert_eq "$(echo "$out" | jq -r .mode)" "$want" "-m $m: mode"
		assert_eq "$("$NDCTL" list -N -b e820 | jq -r '.[0].mode')" "$want" \
			"-m $m: listed mode"
		if [ $m = raw ]; then
			assert_eq "$(echo "$out" | jq -r .map)" mem "-m raw: map"
		fi
	done
	# options a label-less namespace cannot honour: one line, no change
	before=$("$NDCTL" list -N -b e820)
	for opt in "-s 64M" "-n foo" "-m raw -l 4096"; do
		# shellcheck disable=SC2086
		out=$("$NDCTL" create-namespace -f -e "$ns" $opt 2>/tmp/e820.err) &&
			fail "create-namespace -e $ns $opt succeeded"
		[ -z "$out" ] || fail "$opt: printed on stdout: $out"
		[ "$(wc -l </tmp/e820.err)" = 1 ] && grep -q "$ns: has no labels" /tmp/e820.err ||
			fail "$opt: expected one line naming $ns: $(cat /tmp/e820.err)"
	done
	assert_eq "$("$NDCTL" list -N -b e820)" "$before" "after refused options"
	# the whole size is accepted, and a sector-mode sector size too
	rsize=$(cat "$rdir/size")
	out=$("$NDCTL" create-namespace -f -e "$ns" -m sector -l 512 -s "$rsize" 2>/tmp/e820.err) ||
		fail "-m sector -l 512 -s $rsize: $(cat /tmp/e820.err)"
	assert_eq "$(echo "$out" | jq -r .sector_size)" 512 "sector size"
	assert_eq "$(echo "$out" | jq -r .dev)" "$ns" "sector: device name"
	;;
*)
	fail "unknown part '$part'"
	;;
esac
