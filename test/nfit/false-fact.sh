#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Asserts something untrue about the guest (a third nfit_test bus); it must
# fail, which proves that a failing assertion in the VM fails meson test.
. "$TEST_SRCDIR/common.sh"
nd_bus_dir nfit_test.2 >/dev/null || fail "no bus with provider nfit_test.2"
