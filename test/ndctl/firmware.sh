#!/bin/bash
# Firmware update and activation on nfit_test.0: bad images (missing,
# empty, a directory, too large) change nothing; an update with an active
# namespace is refused unless forced; an update whose send fails part way
# (nfit_test fail_cmd) is aborted and leaves the DIMM on its firmware; a
# full update through start / send / finish / query, disarm and arm, an
# activation refused with no DIMM armed, a dry run, and a live activation.
# list -F is compared with the established tool at each state.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

relabel 1.1
D=$(nd list -D -F -b "$BUS" | jq -r '[.[] | select(.firmware.can_update)] | sort_by(.dev) | .[0].dev')
[ "$D" != null ] || fail "no updatable DIMM on $BUS"
handle=$(nd list -D -d "$D" | jq -r '.[0].handle')
# nfit_test's DIMM index for the handle (its handle table order)
case $handle in 0) idx=0 ;; 1) idx=1 ;; 256) idx=2 ;; 257) idx=3 ;; *) fail "handle $handle" ;; esac
failcmd=/sys/devices/platform/nfit_test.0/nfit_test_dimm/test_dimm$idx/fail_cmd
[ -w "$failcmd" ] || fail "no $failcmd"

fw() { nd list -D -F -d "$D" | jq -c '.[0].firmware'; }
busfw() { nd list -B -F -b "$BUS" | jq -c '.[0].firmware'; }
compare() {
	[ -x "${DEB_ROOT:-}/usr/bin/ndctl" ] || return 0
	assert_eq "$(nd list -B -D -F -b "$BUS" | jq -cS "map(.dimms |= sort_by(.dev))")" \
		"$(LD_LIBRARY_PATH=$DEB_ROOT/usr/lib/x86_64-linux-gnu \
		   "$DEB_ROOT/usr/bin/ndctl" list -B -D -F -b "$BUS" | jq -cS "map(.dimms |= sort_by(.dev))")" \
		"list -B -D -F vs the established ndctl ($1)"
}
unchanged() {
	local before
	before=$(fw)
	expect_fail_line "$@"
	assert_eq "$(fw)" "$before" "firmware after '$*'"
}

j=$(fw)
assert_eq "$(jq -r .can_update <<<"$j")" true "can_update: $j"
assert_eq "$(jq -r 'has("current_version")' <<<"$j")" true "current_version: $j"
assert_eq "$(jq -r 'has("next_version")' <<<"$j")" false "nothing staged: $j"
assert_eq "$(busfw | jq -r .activate_state)" idle "bus activate_state"
run=$(jq -r .current_version <<<"$j")
compare "initial"

tmp=$(mktemp -d)
head -c 300000 /dev/urandom > "$tmp/fw.img"
: > "$tmp/empty.img"
head -c $((0x100000 + 1)) /dev/zero > "$tmp/big.img"

# -- bad input
WANT="firmware file $tmp/none.img: No such file" unchanged nd update-firmware "$D" -f "$tmp/none.img"
WANT="firmware file $tmp/empty.img: empty" unchanged nd update-firmware "$D" -f "$tmp/empty.img"
WANT="firmware file $tmp: a directory, not a regular file" unchanged nd update-firmware "$D" -f "$tmp"
# endless, blocking and huge inputs are refused at once (read bounded)
mkfifo "$tmp/fifo"
WANT="firmware file $tmp/fifo: not a regular file" unchanged timeout 20 "$NDCTL" update-firmware "$D" -f "$tmp/fifo"
WANT="firmware file /dev/zero: not a regular file" unchanged timeout 20 "$NDCTL" update-firmware "$D" -f /dev/zero
truncate -s 65M "$tmp/huge.img"
WANT="firmware file $tmp/huge.img: larger than 67108864 bytes" unchanged timeout 20 "$NDCTL" update-firmware "$D" -f "$tmp/huge.img"
WANT="larger than the DIMM's firmware storage" unchanged nd update-firmware "$D" -f "$tmp/big.img"
WANT="specify the firmware file" unchanged nd update-firmware "$D"
WANT="--arm and --disarm are exclusive" unchanged nd update-firmware "$D" -A -D -f "$tmp/fw.img"
WANT="no DIMM is armed" expect_fail_line nd activate-firmware "$BUS"
WANT="no DIMM is armed" expect_fail_line nd activate-firmware -n "$BUS"

# -- an active namespace on the DIMM's region blocks the update
r=$(nd list -R -D -b "$BUS" | jq -r --arg d "$D" '[.regions[] | select(any(.mappings[]; .dimm == $d))][0].dev')
ns=$(nd create-namespace -r "$r" -s 16M -m raw | jq -r .dev) || fail "create-namespace on $r"
WANT="namespace $ns on $r is active" unchanged nd update-firmware "$D" -f "$tmp/fw.img"

# -- a send that fails part way: aborted, the DIMM keeps its firmware
echo $((1 << 14)) > "$failcmd"
err=$(nd update-firmware "$D" -i -f "$tmp/fw.img" 2>&1) && fail "update with a failing send succeeded"
echo 0 > "$failcmd"
grep -q "$D: send data at offset 0 failed" <<<"$err" || fail "no failing step named: $err"
grep -q "$D: update aborted; the DIMM keeps its running firmware" <<<"$err" || fail "no abort: $err"
j=$(fw)
assert_eq "$(jq -r .current_version <<<"$j")" "$run" "running version after the abort"
assert_eq "$(jq -r 'has("next_version")' <<<"$j")" false "staged after the abort: $j"
check nd destroy-namespace -f "$ns"

# -- the full update, staged disarmed
t0=$(date +%s%N)
out=$(nd update-firmware "$D" -D -f "$tmp/fw.img" 2>&1) || fail "update-firmware: $out"
t1=$(date +%s%N)
# the DIMM verifies for about a second: polled at its interval, not spun
[ $(( (t1 - t0) / 1000000 )) -ge 900 ] || fail "update returned before the DIMM verified"
j=$(fw)
[ "$(jq -r .next_version <<<"$j")" != null ] || fail "nothing staged: $j"
assert_eq "$(jq -r .activate_state <<<"$j")" idle "disarmed: $j"
assert_eq "$(jq -r .current_version <<<"$j")" "$run" "running version before activation"
compare "staged, disarmed"
WANT="no DIMM is armed" expect_fail_line nd activate-firmware "$BUS"
# a second image while one is staged: the DIMM refuses at start
err=$(nd update-firmware "$D" -f "$tmp/fw.img" 2>&1) && fail "a second update succeeded"
grep -q "$D: start update failed: firmware status" <<<"$err" || fail "second update: $err"

# -- arm, dry run, activate
check nd update-firmware "$D" -A
assert_eq "$(fw | jq -r .activate_state)" armed "after --arm"
assert_eq "$(busfw | jq -r .activate_state)" armed "bus after --arm"
compare "armed"
out=$(nd activate-firmware -n -f "$BUS") || fail "dry run"
assert_eq "$(jq -r '.[0].firmware.activate_state' <<<"$out")" armed "dry run output: $out"
assert_eq "$(fw | jq -r .activate_state)" armed "after the dry run"
check nd update-firmware "$D" -D
assert_eq "$(fw | jq -r .activate_state)" idle "after --disarm"
check nd update-firmware "$D" -A
out=$(nd activate-firmware -f "$BUS") || fail "activate-firmware -f: $out"
jq -e --arg d "$D" '.[0].dimms[] | select(.dev == $d)' <<<"$out" >/dev/null ||
	fail "activate output lacks $D: $out"
sleep 4	# nfit_test reports the bus busy for 3 s after an activation
assert_eq "$(busfw | jq -r .activate_state)" idle "bus after activation"
assert_eq "$(fw | jq -r .activate_state)" idle "$D after activation"
compare "activated"
# activated: the DIMM takes a new update again
check nd update-firmware "$D" -D -f "$tmp/fw.img"
echo "firmware: ok"
