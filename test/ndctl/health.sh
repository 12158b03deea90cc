#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# DIMM health on nfit_test: list -H values against what nfit_test's SMART
# emulation holds (tools/testing/nvdimm/test/nfit.c smart_def and
# smart_init), key for key against the established ndctl on both buses,
# thresholds set and read back (by both tools), every inject-smart option
# changing exactly the field it names and its uninject form restoring it,
# the unsafe-shutdown count, a failing SMART DSM (fail_cmd) and bad input.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

theirs() {
	LD_LIBRARY_PATH=$DEB_ROOT/usr/lib/x86_64-linux-gnu "$DEB_ROOT/usr/bin/ndctl" "$@"
}
have_theirs() { [ -x "${DEB_ROOT:-}/usr/bin/ndctl" ]; }

# health DIMM: our health object of one DIMM, compact
health() { nd list -DH -d "$1" | jq -c '.[0].health'; }
# field DIMM KEY
field() { health "$1" | jq -c ".$2"; }

dimms0=$(nd list -D -b nfit_test.0 | jq -r '.[].dev' | sort -V)
[ -n "$dimms0" ] || fail "no DIMMs on nfit_test.0"
D=$(head -1 <<<"$dimms0")
D2=$(sed -n 2p <<<"$dimms0")

# --- defaults: what nfit_test's smart_def / smart_init put in every DIMM
default='{"health_state":"non-critical","temperature_celsius":23,"controller_temperature_celsius":25,"spares_percentage":75,"alarm_temperature":true,"alarm_controller_temperature":false,"alarm_spares":true,"alarm_enabled_media_temperature":true,"temperature_threshold":40,"alarm_enabled_ctrl_temperature":false,"controller_temperature_threshold":30,"alarm_enabled_spares":true,"spares_threshold":5,"life_used_percentage":5,"shutdown_state":"clean","shutdown_count":42}'
for d in $dimms0; do
	got=$(health "$d")
	jq -e --argjson w "$default" '. == $w' <<<"$got" >/dev/null ||
		fail "$d: health $got, expected $default"
done
# key order as the established tool prints it
assert_eq "$(nd list -DH -d "$D" | jq -c '.[0].health | keys_unsorted')" \
	"$(jq -c keys_unsorted <<<"$default")" "health key order"
# -vvv includes health
assert_eq "$(nd list -vvv -b nfit_test.0 | jq -c --arg d "$D" \
	'[.. | objects | select(.dev? == $d) | .health] | .[0]')" "$(health "$D")" \
	"-vvv health of $D"

# nfit_test.1's DIMMs have no SMART command: no health key at all
for d in $(nd list -D -b nfit_test.1 | jq -r '.[].dev'); do
	assert_eq "$(nd list -DH -d "$d" | jq -c '.[0] | has("health")')" false \
		"$d (nfit_test.1) health key"
done

# --- against the established ndctl, both buses, DIMM by DIMM.  The one
# documented difference: thresholds are shown whether or not their alarm
# is enabled (the established tool hides a threshold while its alarm is off).
compare_theirs() {	# compare_theirs WHAT
	local b ours th
	have_theirs || return 0
	for b in nfit_test.0 nfit_test.1; do
		ours=$(nd list -DH -b "$b" | jq -c '[.[] | {dev, health}] | sort_by(.dev)')
		th=$(theirs list -DH -b "$b" | jq -c '[.[] | {dev, health}] | sort_by(.dev)')
		ours=$(jq -c '[.[]
			| if .health.alarm_enabled_media_temperature == false
			  then del(.health.temperature_threshold) else . end
			| if .health.alarm_enabled_ctrl_temperature == false
			  then del(.health.controller_temperature_threshold) else . end
			| if .health.alarm_enabled_spares == false
			  then del(.health.spares_threshold) else . end
			| if .health == null then del(.health) else . end]' <<<"$ours")
		th=$(jq -c '[.[] | if .health == null then del(.health) else . end]' <<<"$th")
		assert_eq "$ours" "$th" "$1: list -DH -b $b vs the established ndctl"
	done
}
compare_theirs "defaults"

# --- thresholds: set, read back by us and by the established tool
check nd inject-smart "$D" -M 45.5 -C 35 -S 10
assert_eq "$(health "$D" | jq -c '[.temperature_threshold, .controller_temperature_threshold, .spares_threshold]')" \
	'[45.5,35,10]' "thresholds read back"
assert_eq "$(health "$D2" | jq -c '[.temperature_threshold, .controller_temperature_threshold, .spares_threshold]')" \
	'[40,30,5]' "thresholds of the other DIMM untouched"
check nd inject-smart "$D" --ctrl-temperature-alarm=on --spares-alarm=off
assert_eq "$(health "$D" | jq -c '[.alarm_enabled_media_temperature, .alarm_enabled_ctrl_temperature, .alarm_enabled_spares, .temperature_threshold, .spares_threshold]')" \
	'[true,true,false,45.5,10]' "alarm controls read back, thresholds kept"
compare_theirs "after set-threshold"
check nd inject-smart "$D" --media-temperature-alarm=on --ctrl-temperature-alarm=off --spares-alarm=on -M 40 -C 30 -S 5
assert_eq "$(health "$D")" "$(jq -c . <<<"$default")" "thresholds restored"

# --- every injection changes exactly the field it names; uninject restores
# changed DIMM OPTS...: the keys whose values differ from the defaults
changed() {
	local d=$1 out
	shift
	out=$(nd inject-smart "$d" "$@") || fail "inject-smart $d $*"
	# inject-smart prints the DIMM with its new health
	assert_eq "$(jq -c '.[0].health // .health' <<<"$out")" "$(health "$d")" \
		"inject-smart $* output"
	health "$d" | jq -c --argjson w "$default" \
		'[to_entries[] | select($w[.key] != .value) | .key]'
}
while IFS='|' read -r opts keys un; do
	assert_eq "$(changed "$D" $opts)" "$keys" "inject-smart $opts changes"
	assert_eq "$(changed "$D" $un)" "[]" "inject-smart $un restores"
done <<'EOT'
-m 52.5|["temperature_celsius"]|--media-temperature-uninject
-s 3|["spares_percentage"]|--spares-uninject
-f|["health_state"]|-F
-m 60 -s 4 -f|["health_state","temperature_celsius","spares_percentage"]|-N
EOT
assert_eq "$(field "$D" temperature_celsius)" 23 "media temperature after uninject"
nd inject-smart "$D" -m 52.5 >/dev/null
assert_eq "$(field "$D" temperature_celsius)" 52.5 "injected media temperature"
assert_eq "$(field "$D2" temperature_celsius)" 23 "other DIMM's media temperature"
nd inject-smart "$D" -s 3 -f >/dev/null
assert_eq "$(health "$D" | jq -c '[.spares_percentage, .health_state]')" '[3,"fatal"]' "spares and fatal"
compare_theirs "after injection"
check nd inject-smart "$D" -N

# unsafe shutdown: state dirty and the count one up; uninject clears the
# state, the count stays
check nd inject-smart "$D" -U
assert_eq "$(health "$D" | jq -c '[.shutdown_state, .shutdown_count]')" '["dirty",43]' "after -U"
check nd inject-smart "$D" --unsafe-shutdown-uninject
assert_eq "$(health "$D" | jq -c '[.shutdown_state, .shutdown_count]')" '["clean",43]' "after uninject"
check nd inject-smart "$D" -U
assert_eq "$(field "$D" shutdown_count)" 44 "second -U"
check nd inject-smart "$D" -N
assert_eq "$(field "$D" shutdown_state)" '"clean"' "-N clears the shutdown state"
compare_theirs "after unsafe shutdowns"

# --- what the family cannot do: one line, nothing changed
before=$(health "$D")
WANT="controller temperature" expect_fail_line nd inject-smart "$D" -c 40
WANT="controller temperature" expect_fail_line nd inject-smart "$D" --ctrl-temperature-uninject
for d in $(nd list -D -b nfit_test.1 | jq -r '.[].dev'); do
	WANT="$d" expect_fail_line nd inject-smart "$d" -m 50
	WANT="$d" expect_fail_line nd inject-smart "$d" -M 50
done
assert_eq "$(health "$D")" "$before" "refused requests changed nothing"

# --- bad input: one line naming the problem, nothing changed
while IFS='|' read -r want args; do
	WANT=$want expect_fail_line nd inject-smart $args
done <<EOT
--media-temperature|$D -m hot
out of range|$D -m 3000
out of range|$D -M -3000
--spares|$D -s 101
--spares|$D -s -1
--spares-threshold|$D -S 1x
on' or 'off|$D --spares-alarm=maybe
cannot both|$D -f -F
cannot both|$D -m 30 --media-temperature-uninject
--uninject-all|$D -N -m 30
nothing to do|$D
nmem999|nmem999 -m 30
one dimm|$D $D2 -m 30
specify the dimm|-m 30
EOT
assert_eq "$(health "$D")" "$before" "bad input changed nothing"

# --- a failing SMART DSM (Intel function 1): unknown, no crash, others fine
tdimm=$(test_dimm_dir "$D") || fail "no nfit_test_dimm for $D"
echo $((1 << 1)) >"$tdimm/fail_cmd" || fail "cannot set fail_cmd"
out=$(nd list -DH -b nfit_test.0) || fail "list -DH with a failing SMART command"
assert_eq "$(jq -c --arg d "$D" '.[] | select(.dev == $d) | .health' <<<"$out")" \
	'{"health_state":"unknown"}' "health of the failing DIMM"
assert_eq "$(jq -c --arg d "$D2" '.[] | select(.dev == $d) | .health.health_state' <<<"$out")" \
	'"non-critical"' "health of a working DIMM meanwhile"
# injection still works (function 8), the printed health says unknown
out=$(nd inject-smart "$D" -m 30) || fail "inject with a failing SMART command"
assert_eq "$(jq -c '.[0].health // .health' <<<"$out")" '{"health_state":"unknown"}' "inject output while SMART fails"
echo 0 >"$tdimm/fail_cmd"
assert_eq "$(field "$D" temperature_celsius)" 30 "the injection took effect"
# thresholds failing (function 2): the health shows without them
echo $((1 << 2)) >"$tdimm/fail_cmd"
assert_eq "$(health "$D" | jq -c '[has("temperature_threshold"), .health_state, .temperature_celsius]')" \
	'[false,"non-critical",30]' "health without thresholds"
WANT="$D" expect_fail_line nd inject-smart "$D" -M 45
echo 0 >"$tdimm/fail_cmd"
check nd inject-smart "$D" -N
assert_eq "$(health "$D")" "$(jq -c '.shutdown_count = 44' <<<"$default")" "defaults at the end (two unsafe shutdowns)"
echo "health: ok"
