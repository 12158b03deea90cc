#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A devdax namespace whose device is online as system RAM: destroy,
# reconfigure, disable-namespace and disable-region refuse and name it.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

[ -x "${DAXCTL:-}" ] || skip "no daxctl built"
# nfit_test regions are far smaller than a memory block; qemu's ACPI
# NVDIMM (test/vm/run --acpi-nvdimm) is big enough when present
if nd list -B | jq -e '.[] | select(.provider == "ACPI.NFIT")' >/dev/null; then
	BUS=ACPI.NFIT
fi
relabel 1.1
big=$(label_regions | head -1)
# kmem onlines whole memory blocks: 128M on x86, more than nfit_test has,
# so take whatever the largest region offers and skip if it is too small
ns=$(nd create-namespace -r $big -m devdax -a 2M) || fail "create devdax"
chardev=$(jq -r '.daxregion.devices[0].chardev' <<<"$ns")
dev=$(jq -r .dev <<<"$ns")
"$DAXCTL" reconfigure-device -m system-ram "$chardev" >/dev/null 2>/tmp/err ||
	skip "$chardev cannot become system-ram here: $(head -1 /tmp/err)"
WANT="$chardev is online" expect_fail_line nd destroy-namespace $dev
WANT="$chardev is online" expect_fail_line nd create-namespace -e $dev -m fsdax
WANT="$chardev is online" expect_fail_line nd disable-namespace $dev
WANT="$chardev is online" expect_fail_line nd disable-region $big
"$DAXCTL" reconfigure-device -f -m devdax "$chardev" >/dev/null 2>&1 ||
	fail "could not take $chardev back from system-ram"
check nd destroy-namespace -f $dev
exit 0
