#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Run one scenario of the libdaxctl test program against the real kernel
# (nfit VM: dynamic hmem region on node 1).  Usage: lib-scenario.sh NAME
. "$TEST_SRCDIR/common.sh"

prog=$TEST_BUILDDIR/libdaxctl/libdaxctl-test
[ -x "$prog" ] || fail "$prog not built"

# A static dax region from raw sysfs writes (no ndctl): the first raw pmem
# namespace of nfit_test.0 (label-less DIMMs) reconfigured through its
# region's dax seed and bound to dax_pmem.  Prints the nd dax device path.
make_static_region() {
	local bus r ns d
	bus=$(nd_bus_dir nfit_test.0) || return 1
	for r in "$bus"/region*; do
		ns=$(basename "$r")
		ns=namespace${ns#region}.0
		[ "$(cat "$r/$ns/mode" 2>/dev/null)" = raw ] && break
		r=
	done
	[ -n "$r" ] || return 1
	d=$(cat "$r/dax_seed") && [ -n "$d" ] || return 1
	echo "$ns" >/sys/bus/nd/drivers/nd_pmem/unbind || return 1
	cat /proc/sys/kernel/random/uuid >"$r/$d/uuid" || return 1
	echo 4096 >"$r/$d/align" && echo pmem >"$r/$d/mode" || return 1
	echo "$ns" >"$r/$d/namespace" || return 1
	echo "$d" >/sys/bus/nd/drivers/dax_pmem/bind || return 1
	[ -d "$r/$d/dax_region" ] || return 1
	echo "$r/$d"
}

if [ "$1" = static ]; then
	nd_bus_dir nfit_test.0 >/dev/null || skip "no nfit_test.0 bus"
	path=$(make_static_region) || fail "could not make a devdax namespace"
	exec "$prog" static "$path"
fi
hmem_region_dir >/dev/null || skip "no dynamic (hmem) dax region"
"$prog" "$1"
