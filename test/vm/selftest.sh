#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Host-side checks of the VM runner itself.  Usage: selftest.sh CASE
# Runs only under the 'vm' setup (TEST_VM=1); otherwise skips.
. "$TEST_SRCDIR/common.sh"
[ "${TEST_VM:-0}" = 1 ] || skip "the VM runner is only exercised under --setup=vm"
run=$TOP_SRCDIR/test/vm/run
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

case "$1" in
provider)
	# The issue's acceptance command, verbatim.
	"$run" -- cat /sys/bus/nd/devices/ndbus0/provider >"$out" 2>"$err" ||
		fail "runner exited $?: $(cat "$err")"
	grep -qx 'nfit_test\.[01]' "$out" || fail "provider is '$(cat "$out")'"
	;;
status)
	"$run" --no-nfit --no-hmem -- sh -c 'echo to-out; echo to-err >&2; exit 7' >"$out" 2>"$err"
	assert_eq "$?" 7 "exit status of the guest command"
	assert_eq "$(cat "$out")" to-out "stdout"
	assert_eq "$(cat "$err")" to-err "stderr"
	;;
environment)
	# Working directory, environment and awkward arguments reach the guest.
	cd "$TOP_BUILDDIR" || fail "cd $TOP_BUILDDIR"
	VMRUN_PROBE='a b$c' "$run" --no-nfit --no-hmem -- \
		bash -c 'printf "%s|%s|%s\n" "$PWD" "$VMRUN_PROBE" "$1"' argv0 "x y'z" >"$out" 2>"$err" ||
		fail "runner exited $?: $(cat "$err")"
	assert_eq "$(cat "$out")" "$TOP_BUILDDIR|a b\$c|x y'z" "cwd|env|argument"
	;;
kernel-warning)
	# A Call Trace logged while the command runs fails the run (126) even
	# though the command succeeded; --allow-warn lets it pass.
	"$run" --no-nfit --no-hmem -- sh -c 'echo l >/proc/sysrq-trigger; sleep 1' >"$out" 2>"$err"
	assert_eq "$?" 126 "status with a kernel Call Trace"
	grep -q 'Call Trace' "$err" || fail "the trace was not reported"
	"$run" --allow-warn --no-nfit --no-hmem -- sh -c 'echo l >/proc/sysrq-trigger; sleep 1' >"$out" 2>"$err"
	assert_eq "$?" 0 "status with --allow-warn"
	;;
timeout)
	"$run" --timeout 40 --no-nfit --no-hmem -- sleep 3600 >"$out" 2>"$err"
	assert_eq "$?" 125 "status of a hung guest"
	grep -q 'did not finish within 40s' "$err" || fail "no timeout message: $(cat "$err")"
	grep -q 'guest console' "$err" || fail "no console tail printed"
	;;
panic)
	# A guest that dies never reports a status: 125 with the console tail.
	"$run" --no-nfit --no-hmem -- sh -c 'echo c >/proc/sysrq-trigger' >"$out" 2>"$err"
	assert_eq "$?" 125 "status of a crashed guest"
	grep -q 'guest died' "$err" || fail "no death message: $(cat "$err")"
	;;
acpi-nvdimm)
	# qemu's own NVDIMM shows up as an ACPI.NFIT bus beside nfit_test's.
	"$run" --acpi-nvdimm --no-hmem -- sh -c 'cat /sys/bus/nd/devices/ndbus*/provider' >"$out" 2>"$err" ||
		fail "runner exited $?: $(cat "$err")"
	assert_eq "$(sort "$out" | tr '\n' ' ')" "ACPI.NFIT nfit_test.0 nfit_test.1 " "bus providers"
	;;
e820)
	# --e820: a legacy pmem range after the hmem range, on an "e820" bus
	# beside nfit_test's, its region of exactly the size asked for
	"$run" --e820 256 -- sh -c 'cat /sys/bus/nd/devices/ndbus*/provider
		grep "Persistent Memory (legacy)" /proc/iomem
		for r in /sys/bus/nd/devices/region*; do
			[ "$(cat "$r/../provider" 2>/dev/null)" = e820 ] && cat "$r/size"
		done' >"$out" 2>"$err" || fail "runner exited $?: $(cat "$err")"
	assert_eq "$(grep -v -e ' : ' -e '^[0-9]*$' "$out" | sort | tr '\n' ' ')" "e820 nfit_test.0 nfit_test.1 " "bus providers"
	grep -Eq '^ *80000000-8fffffff : Persistent Memory \(legacy\)' "$out" ||
		fail "no legacy pmem at 2 GiB (after hmem's 1.5-2 GiB): $(cat "$out")"
	assert_eq "$(grep -x '[0-9]*' "$out")" 268435456 "e820 region size"
	for bad in 0 x -3; do
		"$run" --e820 "$bad" -- true >"$out" 2>"$err"
		assert_eq "$?" 125 "status for --e820 $bad"
		grep -q "is not a positive number" "$err" || fail "--e820 $bad: unclear error: $(cat "$err")"
	done
	"$run" --e820 1152 -- true >"$out" 2>"$err"
	assert_eq "$?" 125 "status for an --e820 that does not fit"
	grep -q -- "--e820 1152 does not fit" "$err" || fail "--e820 1152: unclear error: $(cat "$err")"
	;;
udev)
	# --udev: udevd runs, the devices present at boot were coldplugged
	# (ttyS0 predates udevd, so only the trigger initializes it), and
	# udevadm works in the chrooted job; without it there is no udev.
	"$run" --udev --no-nfit --no-hmem -- sh -c '[ -S /run/udev/control ] &&
		udevadm info -q property /sys/class/tty/ttyS0 | grep "^USEC_INITIALIZED=" &&
		udevadm control --ping' >"$out" 2>"$err" ||
		fail "with --udev: runner exited $?: $(cat "$out" "$err")"
	grep -q "chroot" "$err" && fail "udevadm refused to work: $(cat "$err")"
	"$run" --no-nfit --no-hmem -- sh -c '! [ -e /run/udev/control ]' >"$out" 2>"$err" ||
		fail "without --udev, udev runs: $(cat "$err")"
	;;
bad-option)
	"$run" --bogus -- true >"$out" 2>"$err"
	assert_eq "$?" 2 "status for an unknown option"
	grep -q "unknown option '--bogus'" "$err" || fail "unclear error: $(cat "$err")"
	;;
*) fail "unknown case $1" ;;
esac
exit 0
