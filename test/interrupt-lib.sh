# SPDX-License-Identifier: GPL-2.0-only
# Interrupting a reconfigure at spread-out points (issue 13), shared by
# test/ndctl/kill-reconfig.sh and test/daxctl/kill-reconfig.sh; source
# after common.sh.  The caller defines
#   whole        print the object's mode when it is whole, else "half: ..."
#   other_mode M the mode a change from M goes to
#   start TO     start the change to TO in the background, running the
#                tool itself (so the signal reaches it), its stdout to
#                $INTR_OUT, and set pid
#   explained    print what `list` says of interrupted changes (stderr)
#   change_cmd TO  the command line start runs, as a report quotes it
# and sets INTR_TMP (a scratch directory), TOOL (ndctl or daxctl), TOOLBIN (its binary), TERM_DONE (what
# stderr says when a SIGTERM came after the change finished), then sets
# cur (the mode now) and dur (ms one change takes) and calls term_rounds
# and kill_rounds.

# sleep $1 ms with no process started (a fork costs ~100 ms under TCG,
# which would push every kill point late): read times out on a FIFO
_never=$(mktemp -u)
mkfifo "$_never"
exec 9<>"$_never"
rm -f "$_never"
msleep() {
	local s
	printf -v s '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
	read -r -t "$s" -u 9 || true
}

report_finish() { sed -n 's/.*Finish it with: \(.*\); or undo it with: .*/\1/p' <<<"$1"; }
report_undo() { sed -n 's/.*; or undo it with: \(.*\)$/\1/p' <<<"$1"; }

# run_reported CMD: a command from a report, with the binary under test
run_reported() {
	local cmd=$1 err
	[[ $cmd == "$TOOL "* ]] || fail "not a $TOOL command: $cmd"
	err=$(eval "\"\$TOOLBIN\" ${cmd#"$TOOL" }" 2>&1 >/dev/null) ||
		fail "'$cmd' failed: $err"
}

_err=${INTR_TMP:?set INTR_TMP to a scratch directory}/interrupt.err
INTR_OUT=$INTR_TMP/interrupt.out

# term_rounds N: SIGTERM at N points: whole in the old or new mode after
# each, never half; killed after finishing says so; no record left
term_rounds() {
	local i to rc now old=0 new=0
	for i in $(seq 1 "$1"); do
		to=$(other_mode "$cur")
		start "$to" 2>"$_err"
		msleep $((i * dur / ($1 + 1)))
		kill -TERM "$pid" 2>/dev/null
		wait "$pid"
		rc=$?
		now=$(whole)
		case $now in
		"$cur" | "$to") ;;
		*) fail "SIGTERM $i (rc $rc): left $now; stderr: $(cat "$_err")" ;;
		esac
		# a signal after the result was printed ends a command that
		# is done (exiting): nothing left to say
		if [ $rc = 143 ] && [ "$now" = "$to" ]; then
			grep -q "$TERM_DONE" "$_err" || [ -s "$INTR_OUT" ] ||
				fail "SIGTERM $i: finished, killed without saying so: $(cat "$_err")"
		elif [ $rc != 0 ] && [ $rc != 143 ]; then
			fail "SIGTERM $i: exit $rc: $(cat "$_err")"
		fi
		[ -z "$(explained)" ] || fail "SIGTERM $i: a record was left: $(explained)"
		if [ "$now" = "$cur" ]; then old=$((old + 1)); else new=$((new + 1)); fi
		cur=$now
	done
	echo "SIGTERM: $old rolled back or not begun, $new finished"
}

# kill_rounds N: SIGKILL at N points: whole, or a half-state `list`
# explains (it names the command and what the object was) whose finish
# and undo commands, used alternately, make it whole again
kill_rounds() {
	local i to now rep want old=0 new=0 halves=0
	for i in $(seq 1 "$1"); do
		to=$(other_mode "$cur")
		start "$to" 2>/dev/null
		msleep $((i * dur / ($1 + 1)))
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		now=$(whole)
		rep=$(explained)
		if [ "$now" = "$cur" ] || [ "$now" = "$to" ]; then
			if [ "$now" = "$cur" ]; then old=$((old + 1)); else new=$((new + 1)); fi
			# killed after the last step, before the record went:
			# its finish command must be harmless
			if [ -n "$rep" ]; then
				run_reported "$(report_finish "$rep")"
				now=$(whole)
				[ "$now" = "$to" ] || fail "kill $i: finishing a whole object left $now"
			fi
			cur=$now
			continue
		fi
		halves=$((halves + 1))
		[ -n "$rep" ] || fail "kill $i: half-state not explained: $now"
		grep -qF "'$(change_cmd "$to")' was killed before it finished; it was $cur" <<<"$rep" ||
			fail "kill $i: the report does not name the command and what it was ($cur): $rep"
		if [ $((halves % 2)) = 1 ]; then
			run_reported "$(report_finish "$rep")"
			want=$to
		else
			run_reported "$(report_undo "$rep")"
			want=$cur
		fi
		now=$(whole)
		[ "$now" = "$want" ] || fail "kill $i: after the reported command: $now, not $want"
		[ -z "$(explained)" ] || fail "kill $i: the record outlived the repair: $(explained)"
		cur=$now
	done
	echo "SIGKILL: $old old, $new new, $halves half-states explained and repaired"
}
