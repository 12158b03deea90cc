#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Namespace lifecycle through libndctl on nfit_test.0, in each mode:
# label the DIMMs, create (uuid, name, sector size, size, personality),
# check the result, tear down and check the capacity came back.
. "$TEST_SRCDIR/common.sh"
probe=${1:?usage: create.sh ND_PROBE MODE}
mode=${2:?usage: create.sh ND_PROBE MODE}

check "$probe" labels nfit_test.0
out=$("$probe" create nfit_test.0 "$mode" 2>&1) || { echo "$out" >&2; fail "create $mode"; }
echo "$out"
echo "$out" | grep -q "^$mode namespace" || fail "no $mode namespace reported"
