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
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
# what ndctl list says of interrupted reconfigures (stderr)
explained() { nd list -N -i 2>&1 >/dev/null | grep "was killed before it finished" || true; }
# run a command from a report with the ndctl under test
run_reported() {
	local cmd=$1
	[[ $cmd == "ndctl create-namespace "* ]] || fail "not a create-namespace command: $cmd"
	eval "\"\$NDCTL\" ${cmd#ndctl }" >/dev/null 2>"$tmp/run.err" ||
		fail "'$cmd' failed: $(cat "$tmp/run.err")"
}
# sleep $1 ms with no process started (a fork costs ~100 ms under TCG,
# which would push every kill point late): read times out on a FIFO
mkfifo "$tmp/never"
exec 9<>"$tmp/never"
msleep() {
	local s
	printf -v s '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
	read -r -t "$s" -u 9 || true
}

# how long one reconfigure takes here: the kill points spread over it
# (the signals go to ndctl itself: run it directly, not through nd())
cur=$(whole)
[ "$cur" = devdax ] || fail "not whole after create: $cur"
t0=$(date +%s%N)
nd create-namespace -f -e "$ns" -m fsdax >/dev/null || fail "a plain reconfigure"
dur=$((($(date +%s%N) - t0) / 1000000))
cur=$(whole)
[ "$cur" = fsdax ] || fail "not fsdax after reconfigure: $cur"
echo "one reconfigure: $dur ms"

# ---- SIGTERM: finished or rolled back, never half
declare -A term=()
for i in $(seq 1 8); do
	to=$(other_mode "$cur")
	"$NDCTL" create-namespace -f -e "$ns" -m "$to" >/dev/null 2>"$tmp/err" &
	pid=$!
	msleep $((i * dur / 9))
	kill -TERM $pid 2>/dev/null
	wait $pid
	rc=$?
	now=$(whole)
	case $now in
	"$cur" | "$to") ;;
	*) fail "SIGTERM $i (rc $rc): left $now; stderr: $(cat "$tmp/err")" ;;
	esac
	# ended by the signal: before it began (nothing said), rolled back
	# (said), or after it finished (said, and the namespace printed)
	if [ $rc = 143 ] && [ "$now" = "$to" ]; then
		grep -q "interrupted (SIGTERM): after the reconfigure finished" "$tmp/err" ||
			fail "SIGTERM $i: finished, killed without saying so: $(cat "$tmp/err")"
	elif [ $rc != 0 ] && [ $rc != 143 ]; then
		fail "SIGTERM $i: exit $rc: $(cat "$tmp/err")"
	fi
	[ -z "$(explained)" ] || fail "SIGTERM $i: a record was left: $(explained)"
	[ "$now" = "$cur" ] && term[old]=$((${term[old]:-0} + 1)) ||
		term[new]=$((${term[new]:-0} + 1))
	cur=$now
done
echo "SIGTERM: ${term[old]:-0} rolled back or not begun, ${term[new]:-0} finished"

# ---- SIGKILL: whole, or explained and finished/undone by what is said
declare -A kill9=()
halves=0
for i in $(seq 1 20); do
	to=$(other_mode "$cur")
	"$NDCTL" create-namespace -f -e "$ns" -m "$to" >/dev/null 2>"$tmp/err" &
	pid=$!
	msleep $((i * dur / 21))
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	now=$(whole)
	rep=$(explained)
	if [ "$now" = "$cur" ] || [ "$now" = "$to" ]; then
		k=new
		[ "$now" = "$cur" ] && k=old
		kill9[$k]=$((${kill9[$k]:-0} + 1))
		# killed after the last step, before the record went: the
		# report stands and its finish command must be harmless
		if [ -n "$rep" ]; then
			fin=$(sed -n 's/.*Finish it with: \(.*\); or undo it with: .*/\1/p' <<<"$rep")
			run_reported "$fin"
			now=$(whole)
			[ "$now" = "$to" ] || fail "kill $i: finishing a whole namespace left $now"
		fi
		cur=$now
		continue
	fi
	halves=$((halves + 1))
	[ -n "$rep" ] || fail "kill $i: half-state not explained: $now"
	grep -q "^ndctl list: $ns: 'ndctl create-namespace -f -e $ns -m $to' was killed before it finished; it was $cur, size 32M" <<<"$rep" ||
		fail "kill $i: report does not say what it was: $rep"
	fin=$(sed -n 's/.*Finish it with: \(.*\); or undo it with: .*/\1/p' <<<"$rep")
	undo=$(sed -n 's/.*; or undo it with: \(.*\)$/\1/p' <<<"$rep")
	if [ $((halves % 2)) = 1 ]; then
		run_reported "$fin"
		want=$to
	else
		run_reported "$undo"
		want=$cur
	fi
	now=$(whole)
	[ "$now" = "$want" ] || fail "kill $i: after the reported command: $now, not $want"
	[ -z "$(explained)" ] || fail "kill $i: the record outlived the repair: $(explained)"
	cur=$now
done
echo "SIGKILL: ${kill9[old]:-0} old, ${kill9[new]:-0} new, $halves half-states explained and repaired"

assert_eq "$(ns_json "$bystander" | jq -c .)" "$want_other" "the bystander namespace"
[ "$(nd list -N -b $BUS | jq '[.[] | select(.name == "victim")] | length')" = 1 ] ||
	fail "the namespace is not there exactly once"
echo "kill-reconfig: ok"
