#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# create-namespace -e interrupted, on nfit_test.0 (issue 13):
#  - SIGTERM at spread-out points: the reconfigure finishes or rolls back,
#    so the namespace is whole in its old or its new mode, never half;
#  - SIGKILL at 20 spread-out points: the namespace is whole in its old or
#    new mode, or `ndctl list` explains the half-state it is in with the
#    commands that finish and undo it, and those commands work (finish
#    and undo alternately);
#  - the namespace is never lost, and a bystander namespace never changes.
# The rounds are test/interrupt-lib.sh's.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
INTR_TMP=$tmp TOOL=ndctl TOOLBIN=$NDCTL
TERM_DONE="interrupted (SIGTERM): after the reconfigure finished"
. "$TEST_SRCDIR/interrupt-lib.sh"

relabel 1.1
big=$(label_regions | head -1)
small=$(label_regions | sed -n 2p)
other=$(nd create-namespace -r "$small" -m raw -s 16M -n bystander) ||
	fail "create the bystander"
bystander=$(jq -r .dev <<<"$other")
want_other=$(ns_json "$bystander" | jq -c .)
ns=$(nd create-namespace -r "$big" -m devdax -s 32M -n victim | jq -r .dev) ||
	fail "create the namespace"
[ -n "$ns" ] || fail "no namespace"

# "MODE" when $ns is whole (enabled, named, with the usable size that
# mode had when first seen), else "half: <listing>"
declare -A msize=()
whole() {
	local j m
	j=$(ns_json "$ns")
	m=$(jq -r .mode <<<"$j")
	if [ "$m" = fsdax ] || [ "$m" = devdax ]; then
		: "${msize[$m]:=$(jq -r .size <<<"$j")}"
		if jq -e --argjson s "${msize[$m]}" '.size == $s and
		    .name == "victim" and (.state // "enabled") == "enabled"' \
		    <<<"$j" >/dev/null; then
			echo "$m"
			return
		fi
	fi
	echo "half: $j"
}
other_mode() { [ "$1" = fsdax ] && echo devdax || echo fsdax; }
change_cmd() { echo "ndctl create-namespace -f -e $ns -m $1"; }
start() { "$NDCTL" create-namespace -f -e "$ns" -m "$1" >"$INTR_OUT" & pid=$!; }
explained() { nd list -N -i 2>&1 >/dev/null | grep "was killed before it finished" || true; }

cur=$(whole)
[ "$cur" = devdax ] || fail "not whole after create: $cur"
t0=$(date +%s%N)
nd create-namespace -f -e "$ns" -m fsdax >/dev/null || fail "a plain reconfigure"
dur=$((($(date +%s%N) - t0) / 1000000))
cur=$(whole)
[ "$cur" = fsdax ] || fail "not fsdax after reconfigure: $cur"
echo "one reconfigure: $dur ms"

term_rounds 8
kill_rounds 20

assert_eq "$(ns_json "$bystander" | jq -c .)" "$want_other" "the bystander namespace"
[ "$(nd list -N -b $BUS | jq '[.[] | select(.name == "victim")] | length')" = 1 ] ||
	fail "the namespace is not there exactly once"
echo "kill-reconfig: ok"
