#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Scenarios on the legacy e820 pmem bus: boots the VM with
# `test/vm/run --e820 768` (nfit_test and hmem stay loaded: the three
# fixtures coexist) and runs e820-run.sh PART in it.
# Usage: e820.sh DAX_CONTRACT devdax-4K|devdax-2M|fsdax-ext4|fsdax-xfs|reconfig|list-system-ram
. "$TEST_SRCDIR/common.sh"
[ $# = 2 ] || fail "usage: e820.sh DAX_CONTRACT PART"
export TEST_VM_ARGS="--e820 768"
exec "$TOP_SRCDIR/test/nfit-launch" "$TEST_SRCDIR/dax/e820-run.sh" "$@"
