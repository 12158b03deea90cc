#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Parallel create-device and destroy-device on one region, three rounds
# of 16 creates, 8 destroys, and 8 destroys beside 8 creates: every
# invocation that exits 0 owns a distinct device of the size and align it
# asked for, the failed ones leave nothing, no zero-size device is left
# beyond the seed; on a full region the extra creates fail cleanly; a
# later create deletes leftovers (and says so with -v), and the wait for
# another creator is bounded by DAXCTL_LOCK_TIMEOUT.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"
command -v flock >/dev/null || skip "flock(1) is needed"

RPATH=/sys/devices$("$DAXCTL" list -R | jq -r ".[] | select(.id == $REGION) | .path")
[ -d "$RPATH" ] || fail "region$REGION: no sysfs path ('$RPATH')"

# zero-size devices other than id 0 (which the kernel never deletes)
idle_count() {
	"$DAXCTL" list -r "$REGION" -D -i |
		jq '[.. | objects | select(.chardev? and .size == 0 and
			(.chardev | test("\\.0$") | not))] | length'
}

# round N SIZE: N parallel creates of SIZE; prints the devices created
round() {
	local n=$1 size=$2 i pids=()
	rm -f "$TMPD"/r.*
	for i in $(seq "$n"); do
		( "$DAXCTL" create-device -r "$REGION" -s "$size" -a 2M \
			>"$TMPD/r.$i.out" 2>"$TMPD/r.$i.err"
		  echo $? >"$TMPD/r.$i.rc" ) &
		pids+=($!)
	done
	# only these: a caller may have destroys running beside them
	wait "${pids[@]}"
	for i in $(seq "$n"); do
		if [ "$(cat "$TMPD/r.$i.rc")" = 0 ]; then
			jq -r '.[0].chardev' "$TMPD/r.$i.out"
		else
			# a failure names what went wrong, in one place
			grep -q . "$TMPD/r.$i.err" || fail "create $i failed silently"
		fi
	done
}

# check_owned DEV...: distinct, each enabled at 16M and align 2M
check_owned() {
	local d
	[ "$(printf '%s\n' "$@" | sort | uniq -d)" = "" ] ||
		fail "two invocations reported the same device: $(printf '%s\n' "$@" | sort | uniq -d)"
	for d in "$@"; do
		assert_eq "$(dev_field "$d" size)" $((16 << 20)) "$d size"
		assert_eq "$(dev_field "$d" align)" $((2 << 20)) "$d align"
		assert_eq "$(dev_field "$d" mode)" devdax "$d mode"
	done
}

# destroys DEV...: parallel destroy-device -f, each must succeed
destroys() {
	local d i=0
	rm -f "$TMPD"/d.*
	for d in "$@"; do
		i=$((i + 1))
		( "$DAXCTL" destroy-device -f "$d" >/dev/null 2>"$TMPD/d.$i.err"
		  echo $? >"$TMPD/d.$i.rc" ) &
	done
	wait
	for i in $(seq "$i"); do
		assert_eq "$(cat "$TMPD/d.$i.rc")" 0 "destroy $i ($(cat "$TMPD/d.$i.err"))"
	done
}

# Three rounds as an orchestrator would run them: 16 creates at once,
# then 16 destroys at once, then 8 destroys racing 8 creates.
N=16
reset_region
for r in 1 2 3; do
	round $N 16M >"$TMPD/made" || exit 1
	mapfile -t made <"$TMPD/made"
	assert_eq "${#made[@]}" $N "round $r: creates that exited 0 ($(cat "$TMPD"/r.*.err))"
	check_owned "${made[@]}"
	assert_eq "$(dev_count)" $N "round $r: devices in the region"
	assert_eq "$(idle_count)" 0 "round $r: zero-size devices left after the creates"

	destroys "${made[@]:0:8}"
	assert_eq "$(dev_count)" $((N - 8)) "round $r: devices after 8 destroys"
	assert_eq "$(idle_count)" 0 "round $r: zero-size devices left after the destroys"

	# 8 destroys of the remaining devices while 8 creates run
	destroys "${made[@]:8:8}" &
	mixer=$!
	round 8 16M >"$TMPD/made2" || exit 1
	wait "$mixer" || exit 1
	mapfile -t made2 <"$TMPD/made2"
	assert_eq "${#made2[@]}" 8 "round $r: creates beside destroys ($(cat "$TMPD"/r.*.err))"
	check_owned "${made2[@]}"
	assert_eq "$(dev_count)" 8 "round $r: devices after the mixed step"
	assert_eq "$(idle_count)" 0 "round $r: zero-size devices left after the mixed step"
	destroys "${made2[@]}"
	assert_eq "$(dev_count)" 0 "round $r: devices at the end"
	assert_eq "$(idle_count)" 0 "round $r: zero-size devices left at the end"
	echo "round $r: ok"
done
total=0

# more creates than room: those that exit 0 got their device, the rest
# failed cleanly
left=$(( $(avail) / (16 << 20) ))
round $((left + 6)) 16M >"$TMPD/made" || exit 1
mapfile -t made <"$TMPD/made"
assert_eq "${#made[@]}" "$left" "full region: creates that exited 0"
check_owned "${made[@]}"
assert_eq "$(dev_count)" $((total + left)) "full region: devices"
assert_eq "$(idle_count)" 0 "full region: zero-size devices left"

# leftovers of creates that did not finish (another tool, a kill): the
# next create deletes them and says so
reset_region
for i in 1 2 3; do echo 1 >"$RPATH/dax_region/create"; done
[ "$(idle_count)" -ge 2 ] || fail "no leftovers to clean up ($(idle_count))"
"$DAXCTL" create-device -v -r "$REGION" -s 16M >"$OUT" 2>"$ERR" ||
	fail "create with leftovers: $(cat "$ERR")"
grep -q "deleted dax$REGION\.[0-9]*, a zero-size device left by a create that did not finish" "$ERR" ||
	fail "no note of the deleted leftovers: $(cat "$ERR")"
assert_eq "$(idle_count)" 0 "leftovers after a create"

# a held lock: bounded wait, and it says what it waits for
flock "$RPATH" sh -c "touch $TMPD/held; while [ ! -e $TMPD/release ]; do sleep 0.1; done" &
holder=$!
while [ ! -e "$TMPD/held" ]; do sleep 0.1; done
before=$(dev_count)
DAXCTL_LOCK_TIMEOUT=1 expect_fail 1 "kept the region locked for 1 s" \
	"$DAXCTL" create-device -r "$REGION" -s 16M
grep -q "waiting for another process that is creating a device" "$ERR" ||
	fail "no note of the wait: $(cat "$ERR")"
assert_eq "$(dev_count)" "$before" "devices after a timed-out create"
( sleep 2; touch "$TMPD/release" ) &
DAXCTL_LOCK_TIMEOUT=60 check "$DAXCTL" create-device -r "$REGION" -s 16M
wait "$holder"
assert_eq "$(dev_count)" $((before + 1)) "devices after a create that waited"
DAXCTL_LOCK_TIMEOUT=soon expect_fail 1 "DAXCTL_LOCK_TIMEOUT='soon' is not a number of seconds" \
	"$DAXCTL" create-device -r "$REGION" -s 16M
reset_region
echo "concurrent create: ok"
