#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# An application linking libndctl holds a region's lock in the middle of
# configuring a namespace (hold-seed.c) while the CLI runs beside it:
#  - a create in that region waits for the application, bounded by
#    NDCTL_LOCK_TIMEOUT, says what it waited for and changes nothing;
#  - a create that waits long enough goes ahead once the application has
#    enabled its namespace, and makes a namespace of its own;
#  - the application's own namespace and view survive the CLI;
#  - a create that chose a region the application then fills goes on to
#    another region.
# Arguments: the hold-seed binary.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"
HOLD=${1:?the hold-seed binary}

tmp=$(mktemp -d)
trap 'exec 8>&-; rm -rf "$tmp"' EXIT
relabel 1.1
region=$(label_regions | head -1)
list_region() { nd list -N -r "$region" | jq -c 'if type == "array" then . else [.] end | map(.dev) | sort'; }

mkfifo "$tmp/in"
# hold REGION [fill]: start the application on REGION and wait until it
# holds the lock; sets app (its pid) and held (its namespace)
hold() {
	local i
	: >"$tmp/out"
	"$HOLD" "$@" <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &
	app=$!
	exec 8>"$tmp/in"
	for i in $(seq 1 300); do
		grep -q "^holding " "$tmp/out" && break
		kill -0 $app 2>/dev/null || fail "the application died: $(cat "$tmp/err")"
		sleep 0.1
	done
	held=$(sed -n 's/^holding //p' "$tmp/out")
	[ -n "$held" ] || fail "the application never held the lock on $1"
}
hold "$region"
before=$(list_region)

NDCTL_LOCK_TIMEOUT=2 "$NDCTL" create-namespace -r "$region" -m fsdax -s 32M \
	>"$tmp/cli.out" 2>"$tmp/cli.err" &&
	fail "a create beside the application's configuration succeeded"
grep -q "$region: another process kept the region locked for 2 s (NDCTL_LOCK_TIMEOUT)" "$tmp/cli.err" ||
	fail "the timeout does not say what it waited for: $(cat "$tmp/cli.err")"
[ ! -s "$tmp/cli.out" ] || fail "a refused create printed: $(cat "$tmp/cli.out")"
assert_eq "$(list_region)" "$before" "namespaces after the refused create"

NDCTL_LOCK_TIMEOUT=120 "$NDCTL" create-namespace -r "$region" -m fsdax -s 32M \
	>"$tmp/cli.out" 2>"$tmp/cli.err" &
cli=$!
sleep 2
kill -0 $cli 2>/dev/null || fail "the create did not wait: $(cat "$tmp/cli.err")"
echo go >&8
wait $app || fail "the application failed: $(cat "$tmp/err")"
wait $cli || fail "the create after the application failed: $(cat "$tmp/cli.err")"
new=$(jq -r .dev "$tmp/cli.out")
[ -n "$new" ] && [ "$new" != "$held" ] ||
	fail "the create printed '$new', the application holds '$held'"
grep -qx "$held 16777216" "$tmp/out" ||
	fail "the application's view lacks its namespace: $(cat "$tmp/out")"
assert_eq "$(ns_json "$held" | jq -r '.mode, .size' | tr '\n' ' ')" "raw 16777216 " \
	"the application's namespace after the CLI"
assert_eq "$(ns_json "$new" | jq -r .mode)" fsdax "the CLI's namespace"

# The application fills the region the CLI chose while it waited: the
# create finds no room once it has the lock, and goes on to another
# region (as the established tool, which tries each region in turn).
check nd destroy-namespace -f all -b $BUS
first=$(nd list -R -b "$BUS" | jq -r '[.[] | select(.max_available_extent >= 33554432)] |
	sort_by(.dev | ltrimstr("region") | tonumber) | map(.dev) | .[0]')
others=$(nd list -R -b "$BUS" | jq -r --arg f "$first" \
	'[.[] | select(.dev != $f and .max_available_extent >= 16777216)] | length')
[ "$others" -gt 0 ] || skip "no second region with room on $BUS"
hold "$first" fill
NDCTL_LOCK_TIMEOUT=120 "$NDCTL" create-namespace -v -b "$BUS" -m raw -s 16M \
	>"$tmp/cli.out" 2>"$tmp/cli.err" &
cli=$!
sleep 2
kill -0 $cli 2>/dev/null || fail "the create did not wait for $first: $(cat "$tmp/cli.err")"
grep -q "$first: waiting for another process" "$tmp/cli.err" ||
	fail "the create did not choose $first: $(grep -v debug "$tmp/cli.err" | head -5)"
echo go >&8
wait $app || fail "the application failed: $(cat "$tmp/err")"
wait $cli || fail "the create after $first filled up failed: $(grep -v 'debug\|dbg' "$tmp/cli.err" | tail -5)"
new=$(jq -r .dev "$tmp/cli.out")
assert_eq "$(ns_json "$new" | jq -r .mode)" raw "the CLI's namespace"
[ -e "$(nd_bus_dir $BUS)/$first/$new" ] &&
	fail "the CLI's $new is in $first, which the application filled"
grep -q "trying again" "$tmp/cli.err" || fail "no note of the retry: $(grep -v 'debug\|dbg' "$tmp/cli.err" | tail -5)"
echo "hold-seed: ok"
