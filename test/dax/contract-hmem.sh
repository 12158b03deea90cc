#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The device-DAX contract on hmem devices made by `daxctl create-device`,
# at 4K and 2M align: whole-device MAP_SHARED read-back, refusals
# (MAP_PRIVATE, length or offset off the align), KernelPageSize and faults
# at the align, fork (inherited unless MADV_DONTFORK), SIGBUS on the old
# mapping after `daxctl disable-device`, and the same contract after a
# round trip through system-ram.  Usage: contract-hmem.sh DAX_CONTRACT
. "$TEST_SRCDIR/common.sh"
DAX_CONTRACT=${1:-}
. "$TEST_SRCDIR/dax/contract-common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
for a in 4K 2M; do
	# 256M: whole memory blocks, so that system-ram can take it
	d=$(create -s 256M -a $a)
	full_contract "$d"

	# Linux 6.1 does not refuse unbinding a mapped device: the mapping is
	# torn down and the next access gets SIGBUS
	contract "$d" revoke -- "$DAXCTL" disable-device "$d"
	echo "$CONTRACT_OUT" | grep -qx "revoke: cmd-exit 0 sigbus" ||
		fail "$d: disable-device while mapped: $CONTRACT_OUT"
	contract_refuses "$d" "dax-contract: $d is disabled"
	check "$DAXCTL" enable-device "$d"
	contract "$d" map

	# system-ram and back: refused while system-ram, the contract after
	check "$DAXCTL" reconfigure-device -m system-ram "$d"
	contract_refuses "$d" "dax-contract: $d is in system-ram mode"
	check "$DAXCTL" offline-memory "$d"
	check "$DAXCTL" reconfigure-device -m devdax "$d"
	assert_eq "$(dev_field "$d" align)" "$(numfmt --from=iec $a)" "$d align after system-ram"
	full_contract "$d"
	check "$DAXCTL" destroy-device -f "$d"
done
contract_refuses dax999.0 "no dax device named 'dax999.0'"
