#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Address range scrub through libndctl on nfit_test.0: start one, wait for
# the kernel's completion notification, and see the scrub count advance
# (also as sysfs reports it).
. "$TEST_SRCDIR/common.sh"
probe=${1:?usage: scrub.sh ND_PROBE}

b=$(nd_bus_dir nfit_test.0) || fail "no nfit_test.0 bus"
before=$(cat "$b/nfit/scrub")
out=$("$probe" scrub nfit_test.0 2>&1) || { echo "$out" >&2; fail "nd-probe scrub"; }
echo "$out"
after=$(cat "$b/nfit/scrub")
[ "${after%+}" -gt "${before%+}" ] || fail "sysfs scrub count $before -> $after"
