#!/bin/bash
# nfit_test's DSM failure injection (the fail_cmd / fail_cmd_code attributes
# of its test_dimm devices: bit N fails DIMM function N with -EIO or the
# given code): a failing label command reports that errno through
# ndctl_cmd_submit and ndctl_cmd_submit_xlat, the other DIMMs are not
# affected, and once the failure is lifted the label area is unchanged.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/libndctl/cmd-common.sh"
bus=$(nd_bus_dir nfit_test.0) || fail "no nfit_test.0 bus"
dimms=$(ls -d "$bus"/nmem* | xargs -n1 basename)
victim=$(head -n1 <<<"$dimms") other=$(sed -n 2p <<<"$dimms")
[ -n "$other" ] || fail "nfit_test.0 has fewer than two DIMMs"
handle=$(cat "$bus/$victim/nfit/handle")
td=
for d in /sys/devices/platform/nfit_test.0/nfit_test_dimm/test_dimm*; do
	[ "$(cat "$d/handle")" = "$handle" ] && td=$d
done
[ -n "$td" ] || fail "no nfit_test test_dimm with handle $handle"
restore() { echo 0 >"$td/fail_cmd"; echo 0 >"$td/fail_cmd_code"; }
trap restore EXIT

size0=$(probe_ok cfg-size "$victim")
[[ "$size0" =~ ^cfg_size\ rc=0\ xlat=0\ size=[1-9][0-9]*$ ]] || fail "baseline: $size0"
sum0=$(probe_ok cfg-read "$victim")
[[ "$sum0" = labels\ size=* ]] || fail "baseline read: $sum0"
other0=$(probe_ok cfg-size "$other")

# get_size (function 4) fails with nfit_test's default, -EIO
echo $((1 << 4)) >"$td/fail_cmd"
assert_eq "$(probe_ok cfg-size "$victim")" "cfg_size rc=-5 xlat=-5 size=0" "get_size failing with EIO"
out=$(probe_ok cfg-read "$victim")
[[ "$out" = "read_labels failed errno="* ]] || fail "label read with failing get_size: $out"
assert_eq "$(probe_ok cfg-size "$other")" "$other0" "the other DIMM"
# ... and with a chosen code
echo -6 >"$td/fail_cmd_code"
assert_eq "$(probe_ok cfg-size "$victim")" "cfg_size rc=-6 xlat=-6 size=0" "get_size failing with ENXIO"
# get_data (function 5) alone: the size still works, the read does not
echo 0 >"$td/fail_cmd_code"
echo $((1 << 5)) >"$td/fail_cmd"
assert_eq "$(probe_ok cfg-size "$victim")" "$size0" "get_size while get_data fails"
out=$(probe_ok cfg-read "$victim")
[[ "$out" = "read_labels failed errno="* ]] || fail "label read with failing get_data: $out"

restore
assert_eq "$(probe_ok cfg-size "$victim")" "$size0" "get_size after the failure is lifted"
assert_eq "$(probe_ok cfg-read "$victim")" "$sum0" "label area after the failures"
echo "failing DSMs on $victim ($td): EIO, ENXIO, get_data; nothing changed"
