#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The device-DAX contract on devdax namespaces of qemu's ACPI NVDIMM
# (test/vm/run --acpi-nvdimm: real guest memory behind a labelled DIMM, so
# faults are served, unlike nfit_test's): our ndctl writes the labels and
# creates a 4K and a 2M devdax namespace; each gets the whole contract and
# SIGBUS after `ndctl disable-namespace` while mapped.
# Usage: acpi.sh DAX_CONTRACT
. "$TEST_SRCDIR/common.sh"
if [ "${1:-}" != --guest ]; then
	[ $# = 1 ] || fail "usage: acpi.sh DAX_CONTRACT"
	# qemu's NVDIMM sits where nfit_test puts its first range: no nfit_test
	export TEST_VM_ARGS="--acpi-nvdimm --no-nfit --modules nfit,nd_pmem,dax_pmem,device_dax"
	exec "$TOP_SRCDIR/test/nfit-launch" "$TEST_SRCDIR/dax/acpi.sh" --guest "$1"
fi
DAX_CONTRACT=${2:-}
. "$TEST_SRCDIR/dax/contract-common.sh"
[ -x "${NDCTL:-}" ] || fail "NDCTL is not set"
command -v jq >/dev/null || skip "jq is needed"
bus=$(nd_bus_dir ACPI.NFIT) || skip "no ACPI.NFIT bus (needs test/vm/run --acpi-nvdimm)"
region=$(basename "$(ls -d "$bus"/region* | head -n1)")
nmem=$(basename "$(ls -d "$bus"/nmem* | head -n1)")

check "$NDCTL" disable-region -b ACPI.NFIT all
check "$NDCTL" init-labels -f "$nmem"
check "$NDCTL" enable-region -b ACPI.NFIT all
for a in 4K 2M; do
	ns=$("$NDCTL" create-namespace -r "$region" -m devdax -a $a -s 128M 2>/tmp/err.$$) ||
		fail "create-namespace -m devdax -a $a: $(cat /tmp/err.$$)"
	rm -f /tmp/err.$$
	nsdev=$(echo "$ns" | jq -r .dev)
	d=$(echo "$ns" | jq -r '.daxregion.devices[0].chardev')
	[ -c "/dev/$d" ] || fail "no /dev/$d: $ns"
	full_contract "$d"
	contract "$d" revoke -- "$NDCTL" disable-namespace "$nsdev"
	echo "$CONTRACT_OUT" | grep -qx "revoke: cmd-exit 0 sigbus" ||
		fail "$nsdev: disable-namespace while mapped: $CONTRACT_OUT"
	check "$NDCTL" destroy-namespace -f "$nsdev"
done
