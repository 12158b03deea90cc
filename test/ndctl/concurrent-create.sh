#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Parallel create-namespace on one bus, three rounds of 8 in every mode:
# each invocation that exits 0 printed a distinct namespace that still
# exists afterwards with the mode and size it asked for, each failure
# printed why, and no btt/pfn/dax claim is left with a uuid and no
# namespace.  A later create clears such leftovers (and says so with -v);
# the wait for another configurer is bounded by NDCTL_LOCK_TIMEOUT.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"
command -v flock >/dev/null || skip "flock(1) is needed"

TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
BUSDIR=$(nd_bus_dir $BUS) || fail "no bus $BUS"
N=8
ZERO=00000000-0000-0000-0000-000000000000

# claims with a uuid and no namespace (not enabled: an enabled one has one)
orphans() {
	local d u
	for d in "$BUSDIR"/region*/btt*.* "$BUSDIR"/region*/pfn*.* \
		 "$BUSDIR"/region*/dax*.*; do
		[ -e "$d/uuid" ] && [ -e "$d/namespace" ] || continue
		u=$(cat "$d/uuid")
		[ -n "$u" ] && [ "$u" != $ZERO ] && [ -z "$(cat "$d/namespace")" ] &&
			echo "${d##*/}"
	done
	return 0
}
ns_count() {
	local out
	out=$(nd list -N -b $BUS) || fail "list -N failed"
	if [ -z "$out" ]; then echo 0; else jq 'if type == "array" then length else 1 end' <<<"$out"; fi
}

# round MODE SIZE: N parallel creates, then check every outcome
round() {
	local m=$1 size=$2 bytes i dev j made=()
	bytes=$(numfmt --from=iec "$size")
	rm -f "$TMPD"/r.*
	for i in $(seq $N); do
		( timeout 300 "$NDCTL" create-namespace -b $BUS -m "$m" -s "$size" \
			>"$TMPD/r.$i.out" 2>"$TMPD/r.$i.err"
		  echo $? >"$TMPD/r.$i.rc" ) &
	done
	wait
	for i in $(seq $N); do
		if [ "$(cat "$TMPD/r.$i.rc")" = 0 ]; then
			dev=$(jq -r .dev "$TMPD/r.$i.out") || fail "$m: create $i printed no namespace"
			made+=("$dev")
		else
			grep -q . "$TMPD/r.$i.err" ||
				fail "$m: create $i exited $(cat "$TMPD/r.$i.rc") silently"
		fi
	done
	[ ${#made[@]} -gt 0 ] || fail "$m: no create succeeded: $(cat "$TMPD"/r.*.err)"
	[ -z "$(printf '%s\n' "${made[@]}" | sort | uniq -d)" ] ||
		fail "$m: two invocations reported the same namespace: ${made[*]}"
	for dev in "${made[@]}"; do
		j=$(ns_json "$dev")
		[ -n "$j" ] && [ "$j" != null ] || fail "$m: reported $dev does not exist"
		assert_eq "$(jq -r .mode <<<"$j")" "$m" "$m: mode of $dev"
		assert_eq "$(cat "$BUSDIR"/region*/"$dev"/size)" "$bytes" "$m: size of $dev"
	done
	assert_eq "$(ns_count)" ${#made[@]} "$m: namespaces on the bus"
	assert_eq "$(orphans | tr '\n' ' ')" "" "$m: claims left with a uuid and no namespace"
	echo "$m: ${#made[@]} of $N created"
	# why the others failed (one line each, counted)
	cat "$TMPD"/r.*.err 2>/dev/null | grep -v '^libndctl' | sort | uniq -c
}

relabel 1.1
for r in 1 2 3; do
	for m in raw sector fsdax devdax; do
		size=16M
		[ $m = sector ] && size=32M
		round $m $size
		check nd destroy-namespace -f all -b $BUS
		assert_eq "$(orphans | tr '\n' ' ')" "" "$m: leftovers after destroy"
	done
done

region=$(label_regions | head -1)
RDIR=$BUSDIR/$region

# a leftover claim (a create killed between its writes, or another tool):
# the next create clears it and says so
seed=$(cat "$RDIR/pfn_seed")
cat /proc/sys/kernel/random/uuid >"$RDIR/$seed/uuid"
assert_eq "$(orphans)" "$seed" "the leftover made by hand"
nd create-namespace -v -r "$region" -m raw -s 16M >"$TMPD/out" 2>"$TMPD/err" ||
	fail "create with a leftover: $(cat "$TMPD/err")"
grep -q "cleared $seed, a pfn claim left with a uuid and no namespace" "$TMPD/err" ||
	fail "no note of the cleared leftover: $(grep -v 'dbg\|debug' "$TMPD/err" | head)"
assert_eq "$(orphans | tr '\n' ' ')" "" "leftovers after a create"
check nd destroy-namespace -f all -b $BUS

# a held lock: a bounded wait that says what it waits for, and no change
flock "$RDIR" sh -c "touch $TMPD/held; while [ ! -e $TMPD/release ]; do sleep 0.1; done" &
holder=$!
while [ ! -e "$TMPD/held" ]; do sleep 0.1; done
NDCTL_LOCK_TIMEOUT=1 "$NDCTL" create-namespace -r "$region" -m fsdax -s 16M \
	>"$TMPD/out" 2>"$TMPD/err" && fail "create under a held lock succeeded"
grep -q "kept the region locked for 1 s (NDCTL_LOCK_TIMEOUT)" "$TMPD/err" ||
	fail "no timeout message: $(cat "$TMPD/err")"
grep -q "waiting for another process that is configuring a namespace" "$TMPD/err" ||
	fail "no note of the wait: $(cat "$TMPD/err")"
[ -s "$TMPD/out" ] && fail "a timed-out create printed: $(cat "$TMPD/out")"
assert_eq "$(ns_count)" 0 "namespaces after a timed-out create"
( sleep 2; touch "$TMPD/release" ) &
NDCTL_LOCK_TIMEOUT=60 check nd create-namespace -r "$region" -m fsdax -s 16M
wait "$holder"
assert_eq "$(ns_count)" 1 "namespaces after a create that waited"
NDCTL_LOCK_TIMEOUT=soon "$NDCTL" create-namespace -r "$region" -m raw -s 16M \
	>"$TMPD/out" 2>"$TMPD/err" && fail "create with NDCTL_LOCK_TIMEOUT=soon succeeded"
grep -q "NDCTL_LOCK_TIMEOUT='soon' is not a number of seconds" "$TMPD/err" ||
	fail "bad NDCTL_LOCK_TIMEOUT not named: $(cat "$TMPD/err")"
assert_eq "$(ns_count)" 1 "namespaces after a bad NDCTL_LOCK_TIMEOUT"
check nd destroy-namespace -f all -b $BUS
assert_eq "$(orphans | tr '\n' ' ')" "" "leftovers at the end"
echo "concurrent create-namespace: ok"
