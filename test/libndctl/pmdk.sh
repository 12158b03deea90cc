#!/bin/bash
# Debian's own builds of PMDK (libpmem, libpmem2, libpmemobj, libpmempool,
# libpmemblk, libpmemlog and the pmempool and daxio tools) and of ipmctl
# must run unchanged on our libndctl/libdaxctl.  The packages are fetched
# with apt-get download and unpacked (never installed) into the cache, then
# drives them in a VM:
#   badblocks  (pmdk-run.sh, nfit_test) the tools start on our libraries,
#              and libpmem2 finds an error injected through our libndctl
#              under a devdax namespace and clears it through it;
#   map        (pmdk-real.sh, a qemu ACPI NVDIMM) daxio and pmempool do
#              their job on a devdax and an fsdax (ext4 -o dax) namespace.
# Usage: pmdk.sh CMD_PROBE badblocks|map
. "$TEST_SRCDIR/common.sh"
probe=${1:?usage: pmdk.sh CMD_PROBE badblocks|map}
part=${2:?usage: pmdk.sh CMD_PROBE badblocks|map}

# pmdk-tools has /usr/bin/pmempool and /usr/bin/daxio; ipmctl needs
# libipmctl5 and its common data.  ldd finds no other dependency that a
# Debian base system lacks.
pkgs=(libpmem1 libpmem2 libpmemobj1 libpmempool1 libpmemblk1 libpmemlog1
      pmdk-tools ipmctl libipmctl5 libipmctl-common)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/ndctl-test/pmdk-deb
if [ ! -f "$cache/.done" ]; then
	rm -rf "$cache"
	mkdir -p "$cache/debs" "$cache/root" || fail "mkdir $cache"
	if ! (cd "$cache/debs" &&
	      apt-get download -o APT::Sandbox::User=root "${pkgs[@]}") \
		>"$cache/log" 2>&1; then
		tail -n 5 "$cache/log" >&2
		rm -rf "$cache"
		skip "cannot apt-get download ${pkgs[*]}"
	fi
	for p in "$cache"/debs/*.deb; do
		dpkg-deb -x "$p" "$cache/root" || fail "dpkg-deb -x $p"
	done
	touch "$cache/.done"
fi
root=$cache/root
for f in usr/bin/pmempool usr/bin/daxio usr/bin/ipmctl; do
	[ -x "$root/$f" ] || fail "$root/$f missing from the unpacked packages"
done

export OUR_NDCTL=$TOP_BUILDDIR/lib/ndctl OUR_DAXCTL=$TOP_BUILDDIR/lib/daxctl
lib=$root/usr/lib/x86_64-linux-gnu

# pmem2-bb: libpmem2's bad-block interface, linked with Debian's library
work=$TEST_BUILDDIR/libndctl/pmdk
mkdir -p "$work/link" || fail "mkdir $work"
ln -sf "$lib/libpmem2.so.1" "$work/link/libpmem2.so"
check "${CC:-cc}" -Wall -Wextra -Werror -o "$work/pmem2-bb" \
	"$TEST_SRCDIR/libndctl/pmem2-bb.c" -L"$work/link" \
	-Wl,-rpath-link,"$OUR_NDCTL:$OUR_DAXCTL" -lpmem2

export PMDK_ROOT=$root PROBE=$probe PMEM2_BB=$work/pmem2-bb
case "$part" in
badblocks)
	exec "$TOP_SRCDIR/test/nfit-launch" "$TEST_SRCDIR/libndctl/pmdk-run.sh" ;;
map)
	# qemu's NVDIMM sits where nfit_test puts its first range: no nfit_test
	export TEST_VM_ARGS="--acpi-nvdimm --no-nfit --modules nfit,nd_pmem,dax_pmem,device_dax"
	exec "$TOP_SRCDIR/test/nfit-launch" "$TEST_SRCDIR/libndctl/pmdk-real.sh" ;;
*)
	fail "unknown part '$part'" ;;
esac
