#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# reconfigure-device interrupted, devdax <-> system-ram on the hmem region
# (issue 13):
#  - SIGTERM at spread-out points: the device is whole in its old or its
#    new mode (system-ram with all its memory online), never half;
#  - SIGKILL at 16 spread-out points: whole, or `daxctl list` explains the
#    half-state with the commands that finish and undo it, and those
#    commands (used alternately) make it whole again;
#  - a bystander device is unchanged.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"

reset_region
other=$(create -s 128M -a 2M)
want_other=$("$DAXCTL" list -d "$other" | jq -c .)
d=$(create -s 256M -a 2M)

# "devdax" or "system-ram" when whole (enabled; system-ram fully online),
# else "half: <listing>"
whole() {
	local j
	j=$("$DAXCTL" list -i -d "$d" | jq -c '.[0]')
	if jq -e '(.state // "enabled") != "disabled" and .size == 268435456 and
	    (.mode == "devdax" or (.mode == "system-ram" and
	     .online_memblocks == .total_memblocks))' <<<"$j" >/dev/null; then
		jq -r .mode <<<"$j"
	else
		echo "half: $j"
	fi
}
other_mode() { [ "$1" = devdax ] && echo system-ram || echo devdax; }
explained() { "$DAXCTL" list 2>&1 >/dev/null | grep "was killed before it finished" || true; }
run_reported() {
	local cmd=$1
	[[ $cmd == "daxctl reconfigure-device "* ]] || fail "not a reconfigure-device command: $cmd"
	eval "\"\$DAXCTL\" ${cmd#daxctl }" >/dev/null 2>"$TMPD/run.err" ||
		fail "'$cmd' failed: $(cat "$TMPD/run.err")"
}
# sleep $1 ms without starting a process (a fork costs ~100 ms under TCG)
mkfifo "$TMPD/never"
exec 9<>"$TMPD/never"
msleep() {
	local s
	printf -v s '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
	read -r -t "$s" -u 9 || true
}

cur=$(whole)
[ "$cur" = devdax ] || fail "not whole after create: $cur"
t0=$(date +%s%N)
check "$DAXCTL" reconfigure-device -m system-ram "$d"
t1=$(date +%s%N)
check "$DAXCTL" reconfigure-device -f -m devdax "$d"
dur=$(((($(date +%s%N) - t1) + (t1 - t0)) / 2000000))
cur=$(whole)
[ "$cur" = devdax ] || fail "not devdax after two reconfigures: $cur"
echo "one reconfigure: $dur ms"

declare -A term=()
for i in $(seq 1 8); do
	to=$(other_mode "$cur")
	"$DAXCTL" reconfigure-device -f -m "$to" "$d" >/dev/null 2>"$ERR" &
	pid=$!
	msleep $((i * dur / 9))
	kill -TERM $pid 2>/dev/null
	wait $pid
	rc=$?
	now=$(whole)
	case $now in
	"$cur" | "$to") ;;
	*) fail "SIGTERM $i (rc $rc): left $now; stderr: $(cat "$ERR")" ;;
	esac
	[ $rc = 0 ] || [ $rc = 143 ] || fail "SIGTERM $i: exit $rc: $(cat "$ERR")"
	[ -z "$(explained)" ] || fail "SIGTERM $i: a record was left: $(explained)"
	k=new
	[ "$now" = "$cur" ] && k=old
	term[$k]=$((${term[$k]:-0} + 1))
	cur=$now
done
echo "SIGTERM: ${term[old]:-0} rolled back or not begun, ${term[new]:-0} finished"

declare -A kill9=()
halves=0
for i in $(seq 1 16); do
	to=$(other_mode "$cur")
	"$DAXCTL" reconfigure-device -f -m "$to" "$d" >/dev/null 2>"$ERR" &
	pid=$!
	msleep $((i * dur / 17))
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	now=$(whole)
	rep=$(explained)
	if [ "$now" = "$cur" ] || [ "$now" = "$to" ]; then
		k=new
		[ "$now" = "$cur" ] && k=old
		kill9[$k]=$((${kill9[$k]:-0} + 1))
		if [ -n "$rep" ]; then
			fin=$(sed -n 's/.*Finish it with: \(.*\); or undo it with: .*/\1/p' <<<"$rep")
			run_reported "$fin"
			now=$(whole)
			[ "$now" = "$to" ] || fail "kill $i: finishing a whole device left $now"
		fi
		cur=$now
		continue
	fi
	halves=$((halves + 1))
	[ -n "$rep" ] || fail "kill $i: half-state not explained: $now"
	grep -q "^daxctl list: $d: 'daxctl reconfigure-device -f -m $to $d' was killed before it finished; it was $cur" <<<"$rep" ||
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

assert_eq "$("$DAXCTL" list -d "$other" | jq -c .)" "$want_other" "the bystander device"
check "$DAXCTL" destroy-device -f "$d"
check "$DAXCTL" destroy-device -f "$other"
echo "kill-reconfig: ok"
