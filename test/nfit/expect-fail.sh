#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs false-fact.sh and requires exactly the failure a false assertion
# gives (exit 1 with its FAIL line), so that should_fail cannot be
# satisfied by an unrelated breakage such as a VM that never booted.
. "$TEST_SRCDIR/common.sh"
out=$(bash "$TEST_SRCDIR/nfit/false-fact.sh" 2>&1)
rc=$?
assert_eq "$rc" 1 "false-fact.sh exit status"
case "$out" in
*"FAIL: false-fact.sh: no bus with provider nfit_test.2"*) ;;
*) fail "unexpected output from false-fact.sh: $out" ;;
esac
