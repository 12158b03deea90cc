#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# create-namespace --autolabel on label-less DIMMs, then --continue until
# the region is full
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

# back to label-less DIMMs: regions offer no configurable namespace
check nd disable-region -b $BUS all
check nd zero-labels -b $BUS all
check nd enable-region -b $BUS all
WANT="idle namespace" expect_fail_line nd create-namespace -b $BUS -m raw -s 16M

out=$(nd create-namespace -L -b $BUS -m raw -s 16M 2>/tmp/err) ||
	fail "create with --autolabel: $(cat /tmp/err)"
grep -q "initialized labels" /tmp/err || fail "--autolabel did not say what it did"
check nd check-labels -b $BUS all
region=$(nd list -N -n "$(jq -r .dev <<<"$out")" | jq -r '.[0].dev' | sed 's/namespace\([0-9]*\)\..*/region\1/')
free=$(nd list -R -r $region | jq -r '.[0].max_available_extent')
[ "$free" -gt 0 ] || fail "no room left in $region for --continue"

before=$(nd list -N -r $region | jq length)
nd create-namespace -c -r $region -m raw -s 16M >/dev/null 2>/tmp/err ||
	fail "--continue: $(cat /tmp/err)"
after=$(nd list -N -r $region | jq length)
assert_eq "$after" $((before + free / 16777216)) "namespaces after --continue"
assert_eq "$(nd list -R -r $region | jq -r '.[0].max_available_extent')" 0 \
	"free space after --continue"
grep -q "created $((free / 16777216)) namespace" /tmp/err || fail "no count: $(cat /tmp/err)"
check nd destroy-namespace -f all -b $BUS
exit 0
