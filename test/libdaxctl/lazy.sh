#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Enumeration is lazy: listing device names opens no attribute file, and
# asking one attribute per device opens one file per device, however many
# devices there are.  Counted with strace on 40 devices.
. "$TEST_SRCDIR/common.sh"

prog=$TEST_BUILDDIR/libdaxctl/libdaxctl-test
command -v strace >/dev/null || skip "strace not installed"
r=$(hmem_region_dir) || skip "no dynamic (hmem) dax region"

# 39 empty devices besides dax0.0, made with raw sysfs writes
dev0=$(basename "$(ls -d "$r"/../dax*.0)")
echo "$dev0" >"/sys/bus/dax/devices/$dev0/driver/unbind" || fail "unbind $dev0"
echo 0 >"/sys/bus/dax/devices/$dev0/size" || fail "size 0"
for i in $(seq 39); do
	echo 1 >"$r/create" || fail "create $i"
done
ndev=$(ls -d /sys/bus/dax/devices/dax* | wc -l)
[ "$ndev" -ge 40 ] || fail "only $ndev devices"

# opens of sysfs attribute files (directories excluded: readdir is fine)
count_opens() {
	local log
	log=$(mktemp) || fail "mktemp"
	strace -f -qq -e trace=openat -o "$log" "$prog" "$1" >"$log.out" ||
		fail "$1 failed"
	[ "$(wc -l <"$log.out")" = "$ndev" ] || fail "$1 listed $(wc -l <"$log.out") of $ndev devices"
	grep '"/sys/' "$log" | grep -vc O_DIRECTORY
	rm -f "$log" "$log.out"
}

names=$(count_opens names)
sizes=$(count_opens sizes)
echo "devices $ndev: attribute opens for names $names, for sizes $sizes"
[ "$names" -le 2 ] || fail "listing names opened $names attribute files"
[ $((sizes - names)) = "$ndev" ] ||
	fail "sizes of $ndev devices took $((sizes - names)) extra opens"

# Finding the devices costs path lookups (readlink, access, stat) per
# region, not per device: one link resolved for the region, no re-check of
# names the region directory just listed.
count_lookups() {
	local log
	log=$(mktemp) || fail "mktemp"
	strace -f -qq -e trace=readlink,readlinkat,access,faccessat,faccessat2,stat,lstat,newfstatat,statx \
		-o "$log" "$prog" names >/dev/null || fail "names failed"
	grep -c '"/sys' "$log"
	rm -f "$log"
}
lookups=$(count_lookups)
echo "devices $ndev: path lookups for names $lookups"
[ "$lookups" -lt $((ndev / 2)) ] ||
	fail "listing $ndev device names took $lookups path lookups"
