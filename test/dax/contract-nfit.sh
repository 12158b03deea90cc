#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The device-DAX contract on devdax namespaces that our ndctl makes on
# nfit_test.0, at 4K and 2M align: only the parts that never serve a page
# fault.  nfit_test's memory is vmalloc()ed and its pmem/dax overrides hand
# out pfns without PFN_DEV|PFN_MAP: in Linux 6.1 a served fault at 4K oopses
# in dax_set_mapping() and one at 2M is refused with SIGBUS, so nothing here
# touches a mapping that is alive (see Documentation/design.md, device-DAX).
# What is checked: MAP_PRIVATE and lengths/offsets off the align are refused
# (EINVAL, at mmap time), a correct MAP_SHARED mmap succeeds, and after
# `daxctl disable-device` or `ndctl disable-namespace` with the device
# mapped, an access gets SIGBUS (check_vma() refuses the fault before any
# page is looked up).  Usage: contract-nfit.sh DAX_CONTRACT
. "$TEST_SRCDIR/common.sh"
DAX_CONTRACT=${1:-}
. "$TEST_SRCDIR/dax/contract-common.sh"
[ -x "${NDCTL:-}" ] && [ -x "${DAXCTL:-}" ] || fail "NDCTL/DAXCTL not set"
command -v jq >/dev/null || skip "jq is needed"
nd_bus_dir nfit_test.0 >/dev/null || skip "no nfit_test.0 bus"

"$NDCTL" disable-region -b nfit_test.0 all >/dev/null 2>&1
check "$NDCTL" init-labels -f -b nfit_test.0 all
check "$NDCTL" enable-region -b nfit_test.0 all
for a in 4K 2M; do
	ns=$("$NDCTL" create-namespace -b nfit_test.0 -m devdax -a $a -s 64M 2>/tmp/err.$$) ||
		fail "create-namespace -m devdax -a $a: $(cat /tmp/err.$$)"
	rm -f /tmp/err.$$
	nsdev=$(echo "$ns" | jq -r .dev)
	d=$(echo "$ns" | jq -r '.daxregion.devices[0].chardev')
	assert_eq "$(echo "$ns" | jq -r '.daxregion.devices[0].align // .align')" \
		"$(numfmt --from=iec $a)" "$nsdev align"
	contract "$d" refuse

	contract "$d" revoke-cold -- "$DAXCTL" disable-device "$d"
	echo "$CONTRACT_OUT" | grep -qx "revoke: cmd-exit 0 sigbus" ||
		fail "$d: daxctl disable-device while mapped: $CONTRACT_OUT"
	contract_refuses "$d" "dax-contract: $d is disabled"
	check "$DAXCTL" enable-device "$d"

	contract "$d" revoke-cold -- "$NDCTL" disable-namespace "$nsdev"
	echo "$CONTRACT_OUT" | grep -qx "revoke: cmd-exit 0 sigbus" ||
		fail "$nsdev: ndctl disable-namespace while mapped: $CONTRACT_OUT"
	contract_refuses "$d" "no dax device named '$d'"
	check "$NDCTL" destroy-namespace -f "$nsdev"
done
