#!/bin/bash
# Run one scenario of the libdaxctl test program against the real kernel
# (nfit VM: dynamic hmem region on node 1).  Usage: lib-scenario.sh NAME
. "$TEST_SRCDIR/common.sh"

prog=$TEST_BUILDDIR/libdaxctl/libdaxctl-test
[ -x "$prog" ] || fail "$prog not built"
hmem_region_dir >/dev/null || skip "no dynamic (hmem) dax region"
"$prog" "$1"
