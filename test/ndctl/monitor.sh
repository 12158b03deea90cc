#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndctl monitor on nfit_test: a foreground monitor and a --daemon one log
# the right event (and only that one) within a bounded wait after each
# injection, stay silent for notifications that bring nothing new and for
# DIMMs they do not watch, honour -D, re-read the config and reopen the
# log on SIGHUP, exit cleanly on SIGTERM, report a DIMM whose SMART
# command fails without dying, and refuse bad input with one line.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

dimms0=$(nd list -D -b nfit_test.0 | jq -r '.[].dev' | sort -V)
D=$(head -1 <<<"$dimms0")
D2=$(sed -n 2p <<<"$dimms0")
[ -n "$D2" ] || fail "need two DIMMs on nfit_test.0"
T=$(mktemp -d)
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	nd inject-smart "$D" -N >/dev/null 2>&1
}
trap cleanup EXIT

# lines FILE: how many lines it has (0 when missing)
lines() { [ -e "$1" ] && wc -l <"$1" || echo 0; }
# wait_for CMD...: until CMD succeeds, at most 30 s (polled, not a sleep)
wait_for() {
	local end=$((SECONDS + 30))
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.1
	done
}
has_lines() { [ "$(lines "$1")" -ge "$2" ]; }
has_text() { grep -q -- "$2" "$1" 2>/dev/null; }
# expect_event LOG N EVENT WHAT: line N of LOG (and no line after it)
# is EVENT alone, for $D
expect_event() {
	local log=$1 n=$2 ev=$3 j
	wait_for has_lines "$log" "$n" || fail "$4: no event within 30 s (log: $(cat "$log" 2>/dev/null))"
	j=$(sed -n "${n}p" "$log")
	assert_eq "$(jq -c '[.event | to_entries[] | select(.value) | .key]' <<<"$j")" "[\"$ev\"]" "$4: events"
	assert_eq "$(jq -r .dimm.dev <<<"$j")" "$D" "$4: dimm"
	jq -e '(.timestamp | test("^[0-9]+\\.[0-9]{9}$")) and (.pid | type == "number") and (.dimm.health.health_state | type == "string")' \
		<<<"$j" >/dev/null || fail "$4: record shape: $j"
	assert_eq "$(lines "$log")" "$n" "$4: lines in the log"
}
# a background monitor whose $! is the monitor itself (not a subshell)
bg_monitor() { exec "$NDCTL" monitor "$@"; }
# inject OPTS...: on $D
inject() { nd inject-smart "$D" "$@" >/dev/null || fail "inject-smart $D $*"; }

# --- foreground, a log file; -v says when it watches
log=$T/fg.log
bg_monitor -d "$D" -l "$log" -v 2>"$T/fg.err" &
fg=$!
pids+=($fg)
wait_for has_text "$T/fg.err" "watching 1 DIMM" || fail "monitor did not start: $(cat "$T/fg.err")"
assert_eq "$(lines "$log")" 0 "no event before any injection"

n=0
inject -m 50		# above the 40 C threshold
expect_event "$log" $((n += 1)) dimm-media-temperature "media temperature"
jq -e '.dimm.health.temperature_celsius == 50' <<<"$(tail -1 "$log")" >/dev/null ||
	fail "event health: $(tail -1 "$log")"
inject -m 55		# still above: notified, nothing new
inject -s 3		# spares below the threshold of 5
expect_event "$log" $((n += 1)) dimm-spares-remaining "spares (and silence for the second temperature)"
nd inject-smart "$D2" -f >/dev/null	# a DIMM it does not watch
inject -f
expect_event "$log" $((n += 1)) dimm-health-state "fatal (and silence for $D2)"
inject -U
expect_event "$log" $((n += 1)) dimm-unclean-shutdown "unsafe shutdown"
jq -e '.dimm.health.shutdown_state == "dirty"' <<<"$(tail -1 "$log")" >/dev/null ||
	fail "unsafe shutdown health: $(tail -1 "$log")"
inject -F
expect_event "$log" $((n += 1)) dimm-health-state "fatal uninjected"
nd inject-smart "$D2" -N >/dev/null

# a failing SMART command is reported, not fatal
tdimm=$(test_dimm_dir "$D") || fail "no nfit_test_dimm for $D"
echo 2 >"$tdimm/fail_cmd"
inject -m 60
wait_for has_lines "$log" $((n += 1)) || fail "no report of the failing DIMM"
jq -e --arg d "$D" '.dimm.dev == $d and (.error | test("SMART command failed"))' \
	<<<"$(tail -1 "$log")" >/dev/null || fail "failure record: $(tail -1 "$log")"
echo 0 >"$tdimm/fail_cmd"
kill -0 $fg 2>/dev/null || fail "monitor died on a failing DIMM"
# nfit_test notifies only while a condition holds: the first notification
# after recovery brings the spares back above their threshold (nothing to
# report), the next one takes them below again
inject -m 45 --spares-uninject
inject -s 2
expect_event "$log" $((n += 1)) dimm-spares-remaining "events after the DIMM recovered"
inject -N

# SIGTERM: a clean exit
kill -TERM $fg
wait $fg
assert_eq "$?" 0 "monitor exit status after SIGTERM"

# --- -D and a config file; SIGHUP re-reads it and reopens the log
conf=$T/monitor.conf
printf '[monitor]\n# comment\ndimm = %s\nlog = %s\ndimm-event = dimm-spares-remaining\n' \
	"$D" "$T/a.log" >"$conf"
bg_monitor -c "$conf" -v 2>"$T/c.err" &
cm=$!
pids+=($cm)
wait_for has_text "$T/c.err" "watching 1 DIMM" || fail "config monitor did not start: $(cat "$T/c.err")"
inject -m 50		# not selected
inject -s 3
expect_event "$T/a.log" 1 dimm-spares-remaining "-D via the config file (and silence for the temperature)"
inject -N
printf '[monitor]\ndimm = %s\nlog = %s\ndimm-event = dimm-media-temperature dimm-health-state\n' \
	"$D" "$T/b.log" >"$conf"
kill -HUP $cm
wait_for has_text "$T/c.err" "reloaded" || fail "no reload: $(cat "$T/c.err")"
inject -m 45
expect_event "$T/b.log" 1 dimm-media-temperature "after SIGHUP: new log, new events"
assert_eq "$(lines "$T/a.log")" 1 "the old log got nothing more"
# a bad config on SIGHUP keeps the old settings
echo 'colour = blue' >>"$conf"
kill -HUP $cm
wait_for has_text "$T/c.err" "keeping the previous settings" || fail "bad reload not reported: $(cat "$T/c.err")"
kill -0 $cm 2>/dev/null || fail "monitor died on a bad reload"
inject -f
expect_event "$T/b.log" 2 dimm-health-state "after a failed reload"
inject -N
kill -TERM $cm
wait $cm
assert_eq "$?" 0 "config monitor exit status"

# --- --daemon with a log file: returns once watching
dlog=$T/daemon.log
nd monitor --daemon -d "$D" -l "$dlog" || fail "monitor --daemon"
inject -s 4
expect_event "$dlog" 1 dimm-spares-remaining "daemon"
dpid=$(head -1 "$dlog" | jq .pid)
pids+=($dpid)
[ "$dpid" != "$$" ] && kill -0 "$dpid" || fail "daemon pid $dpid not running"
inject -N
inject -U
expect_event "$dlog" 2 dimm-unclean-shutdown "daemon, second event"
inject -N
kill -TERM "$dpid"
gone() { ! kill -0 "$dpid" 2>/dev/null; }
wait_for gone || fail "daemon ignored SIGTERM"

# --- standard output (the default in the foreground)
bg_monitor -d "$D" -v >"$T/std.log" 2>"$T/std.err" &
sm=$!
pids+=($sm)
wait_for has_text "$T/std.err" "watching 1 DIMM" || fail "stdout monitor did not start: $(cat "$T/std.err")"
inject -s 3
expect_event "$T/std.log" 1 dimm-spares-remaining "standard output"
inject -N
kill -TERM $sm
wait $sm
assert_eq "$?" 0 "stdout monitor exit status"

# --- syslog: the guest runs no syslog daemon, so listen on /dev/log
if [ ! -e /dev/log ] && command -v python3 >/dev/null; then
	python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
f = open(sys.argv[1], "ab", 0)
while True:
    f.write(s.recv(65536).rstrip(b"\n") + b"\n")
' "$T/syslog.raw" 2>"$T/py.err" &
	pids+=($!)
	sock() { test -S /dev/log; }
fi
if [ -e "$T/syslog.raw" ] || { declare -F sock >/dev/null && wait_for sock; }; then
	bg_monitor -d "$D" -l syslog -v 2>"$T/sys.err" &
	sy=$!
	pids+=($sy)
	wait_for has_text "$T/sys.err" "watching 1 DIMM" || fail "syslog monitor did not start: $(cat "$T/sys.err")"
	inject -f
	wait_for has_text "$T/syslog.raw" '"dimm-health-state":true' || fail "nothing in syslog: $(cat "$T/syslog.raw" 2>/dev/null)"
	grep -q 'ndctl-monitor\[[0-9]*\]: {' "$T/syslog.raw" || fail "syslog tag: $(cat "$T/syslog.raw")"
	grep 'ndctl-monitor' "$T/syslog.raw" | sed 's/^[^{]*//' >"$T/syslog.log"
	expect_event "$T/syslog.log" 1 dimm-health-state "syslog"
	inject -N
	kill -TERM $sy
	wait $sy
	assert_eq "$?" 0 "syslog monitor exit status"
	echo "monitor: syslog checked"
else
	echo "monitor: syslog not checked (no listener on /dev/log: $(head -c 200 "$T/py.err" 2>/dev/null))"
fi

# --- bad input: one line, non-zero exit, nothing on stdout
printf 'frobnicate = 1\n' >"$T/bad1.conf"
printf 'dimm-event = dimm-bogus\n' >"$T/bad2.conf"
printf 'log\n' >"$T/bad3.conf"
printf 'dimm =\n' >"$T/bad4.conf"
while IFS='|' read -r want args; do
	WANT=$want expect_fail_line nd monitor $args
done <<EOT
unknown dimm-event 'bogus'|-D bogus
unknown dimm-event 'dimm-bogus'|-c $T/bad2.conf
unknown key 'frobnicate'|-c $T/bad1.conf
expected 'key = value'|-c $T/bad3.conf
no value for 'dimm'|-c $T/bad4.conf
$T/none.conf|-c $T/none.conf
cannot open log /nonexistent/x.log|-l /nonexistent/x.log
standard output|--daemon -l standard
absolute path|--daemon -l rel.log
--poll|-p -1
nmem999|-d nmem999
no DIMM with SMART health|-b nfit_test.1
unexpected argument|nmem0
EOT
echo "monitor: ok"
