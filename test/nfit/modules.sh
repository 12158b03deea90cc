#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The NVDIMM and dax modules in use are the nfit_test builds (out-of-tree
# taint, installed under updates/), not the stock ones.
. "$TEST_SRCDIR/common.sh"

for m in nfit libnvdimm nd_pmem nd_btt device_dax dax_pmem nfit_test; do
	[ -d "/sys/module/$m" ] || fail "module $m is not loaded"
	taint=$(cat "/sys/module/$m/taint")
	case "$taint" in
	*O*) ;;
	*) fail "module $m is not an out-of-tree build (taint '$taint')" ;;
	esac
	path=$(modinfo -n "$m") || fail "modinfo $m failed"
	case "$path" in
	*/updates/*) ;;
	*) fail "module $m resolves to $path, not the updates/ test build" ;;
	esac
done
