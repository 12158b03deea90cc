#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# reconfigure-device interrupted, devdax <-> system-ram on the hmem region
# (issue 13):
#  - SIGTERM at spread-out points: the device is whole in its old or its
#    new mode (system-ram with all its memory online), never half;
#  - SIGKILL at 20 spread-out points: whole, or `daxctl list` explains the
#    half-state with the commands that finish and undo it, and those
#    commands (used alternately) make it whole again;
#  - a bystander device is unchanged.
# The rounds are test/interrupt-lib.sh's.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"
INTR_TMP=$TMPD TOOL=daxctl TOOLBIN=$DAXCTL
TERM_DONE="daxctl reconfigure-device: interrupted (SIGTERM)"
. "$TEST_SRCDIR/interrupt-lib.sh"

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
change_cmd() { echo "daxctl reconfigure-device -f -m $1 $d"; }
start() { "$DAXCTL" reconfigure-device -f -m "$1" "$d" >"$INTR_OUT" & pid=$!; }
explained() { "$DAXCTL" list 2>&1 >/dev/null | grep "was killed before it finished" || true; }

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

term_rounds 8
kill_rounds 20

assert_eq "$("$DAXCTL" list -d "$other" | jq -c .)" "$want_other" "the bystander device"
check "$DAXCTL" destroy-device -f "$d"

# ---- create-device killed at 10 points: afterwards each device it made
# is whole (64M, enabled), or explained and repaired by what list says,
# or idle (size 0: the next create reaps it)
mine() {
	"$DAXCTL" list -i -r "$REGION" -D | jq -c --arg o "$other" \
		'[.[] | select(.chardev != $o and .size > 0)] | .[]'
}
t0=$(date +%s%N)
c=$(create -s 64M -a 2M)
cdur=$((($(date +%s%N) - t0) / 1000000))
check "$DAXCTL" destroy-device -f "$c"
halves=0
for i in $(seq 1 10); do
	"$DAXCTL" create-device -r "$REGION" -s 64M -a 2M >/dev/null 2>&1 &
	pid=$!
	msleep $((i * cdur / 11))
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	# what list explains: finish or undo it, alternately
	while read -r rep; do
		[ -n "$rep" ] || continue
		halves=$((halves + 1))
		c=$(sed -n 's/^daxctl list: \(dax[0-9.]*\): .*/\1/p' <<<"$rep")
		grep -qF "$c: 'daxctl create-device -r $REGION -s 64M -a 2M' was killed before it finished" <<<"$rep" ||
			fail "create kill $i: an unexpected report: $rep"
		if [ $((halves % 2)) = 1 ]; then
			run_reported "$(report_finish "$rep")"
			jq -e '.[0].size == 67108864 and .[0].mode == "devdax"' \
				<<<"$("$DAXCTL" list -d "$c")" >/dev/null ||
				fail "create kill $i: finishing $c: $("$DAXCTL" list -i -d "$c")"
		else
			run_reported "$(report_undo "$rep")"
		fi
	done <<<"$(explained)"
	[ -z "$(explained)" ] || fail "create kill $i: a record outlived the repair: $(explained)"
	# and every device with capacity is whole
	while read -r j; do
		[ -n "$j" ] || continue
		c=$(jq -r .chardev <<<"$j")
		jq -e '.size == 67108864 and (.state // "enabled") != "disabled"' \
			<<<"$j" >/dev/null || fail "create kill $i: $c is half-made, unexplained: $j"
		check "$DAXCTL" destroy-device -f "$c"
	done <<<"$(mine)"
done
# one more create reaps what the kills left at size 0
c=$(create -s 64M -a 2M)
idle=$("$DAXCTL" list -i -r "$REGION" -D | jq '[.[] | select(.size == 0)] | length')
[ "$idle" -le 1 ] || fail "zero-size devices left beyond the seed: $idle"
check "$DAXCTL" destroy-device -f "$c"
echo "create-device SIGKILL: $halves half-made devices explained and repaired"
check "$DAXCTL" destroy-device -f "$other"
echo "kill-reconfig: ok"
