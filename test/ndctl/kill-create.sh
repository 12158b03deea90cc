#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A plain create-namespace killed with SIGKILL at 10 spread-out points, in
# fsdax and sector mode, on nfit_test.0 (issue 13): whatever the kill
# left (nothing, a whole namespace, or a namespace or claim configured
# part-way), the next create in that region succeeds with a namespace of
# its own, and afterwards no claim has a uuid and no namespace, and no
# namespace is left with capacity and no device; a bystander namespace
# never changes.  The part-way states are also made by hand, as the kill
# points rarely land between the first configuring write and the enable.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# for msleep, a sleep without a fork (one costs ~100 ms under TCG)
INTR_TMP=$tmp TOOL=ndctl TOOLBIN=$NDCTL
. "$TEST_SRCDIR/interrupt-lib.sh"
BUSDIR=$(nd_bus_dir $BUS) || fail "no bus $BUS"
ZERO=00000000-0000-0000-0000-000000000000
K=10

relabel 1.1
big=$(label_regions | head -1)
small=$(label_regions | sed -n 2p)
RDIR=$BUSDIR/$big
other=$(nd create-namespace -r "$small" -m raw -s 16M -n bystander) ||
	fail "create the bystander"
bystander=$(jq -r .dev <<<"$other")
want_other=$(ns_json "$bystander" | jq -c .)

# what is half-made in $big: claims with a uuid that are not enabled,
# and namespaces with capacity that are disabled
half() {
	local d u
	for d in "$RDIR"/btt*.* "$RDIR"/pfn*.* "$RDIR"/dax*.*; do
		[ -e "$d/uuid" ] && [ ! -e "$d/driver" ] || continue
		u=$(cat "$d/uuid")
		[ -n "$u" ] && [ "$u" != $ZERO ] && echo "${d##*/}"
	done
	# (a claimed namespace has no driver itself: ask list)
	nd list -N -i -r "$big" | jq -r 'if type == "array" then .[] else . end |
		select(.size > 0 and .state == "disabled") | .dev'
	return 0
}
enabled() { nd list -N -r "$big" | jq -r 'if type == "array" then .[] else . end | .dev' | sort; }

for m in fsdax sector; do
	size=16M
	[ $m = sector ] && size=32M
	t0=$(date +%s%N)
	check nd create-namespace -r "$big" -m $m -s $size
	dur=$((($(date +%s%N) - t0) / 1000000))
	check nd destroy-namespace -f all -r "$big"
	none=0 whole=0 halves=0
	for i in $(seq 1 $K); do
		before=$(enabled)
		"$NDCTL" create-namespace -r "$big" -m $m -s $size >/dev/null 2>&1 &
		pid=$!
		msleep $((i * dur / (K + 1)))
		kill -KILL $pid 2>/dev/null
		wait $pid 2>/dev/null
		left=$(half | tr '\n' ' ')
		if [ -n "$left" ]; then
			halves=$((halves + 1))
		elif [ "$(enabled)" != "$before" ]; then
			whole=$((whole + 1))
		else
			none=$((none + 1))
		fi
		out=$("$NDCTL" create-namespace -r "$big" -m $m -s $size 2>"$tmp/err") ||
			fail "$m kill $i (left: ${left:-nothing}): the next create failed: $(cat "$tmp/err")"
		dev=$(jq -r .dev <<<"$out")
		assert_eq "$(ns_json "$dev" | jq -r .mode)" $m "$m kill $i: the next create's namespace"
		assert_eq "$(half | tr '\n' ' ')" "" "$m kill $i (left: ${left:-nothing}): half-made after the next create"
		assert_eq "$(ns_json "$bystander" | jq -c .)" "$want_other" "$m kill $i: the bystander"
		check nd destroy-namespace -f all -r "$big"
		assert_eq "$(half | tr '\n' ' ')" "" "$m kill $i: half-made after destroy"
	done
	echo "$m: $K SIGKILLs: $none left nothing, $whole a whole namespace, $halves a part-way configuration; each cleared by the next create"
done

# The part-way states a kill can leave, made by hand (the kill points
# above rarely land between the first write and the enable): the seed
# namespace with a uuid and a size; and with an fsdax claim attached.
# The next create takes them over and leaves nothing half-made.
for how in namespace claim; do
	seed=$(cat "$RDIR/namespace_seed")
	cat /proc/sys/kernel/random/uuid >"$RDIR/$seed/uuid"
	echo $((32 << 20)) >"$RDIR/$seed/size"
	if [ $how = claim ]; then
		pfn=$(cat "$RDIR/pfn_seed")
		cat /proc/sys/kernel/random/uuid >"$RDIR/$pfn/uuid"
		echo "$seed" >"$RDIR/$pfn/namespace"
	fi
	[ -n "$(half)" ] || fail "$how: no half-made state to clear"
	out=$("$NDCTL" create-namespace -v -r "$big" -m fsdax -s 16M 2>"$tmp/err") ||
		fail "$how left part-way: the next create failed: $(grep -v 'debug\|dbg' "$tmp/err")"
	if [ $how = claim ]; then
		grep -q "detached $pfn from the idle namespace $seed" "$tmp/err" ||
			fail "no note of the detached claim: $(grep -v 'debug\|dbg' "$tmp/err" | head -5)"
	fi
	assert_eq "$(ns_json "$(jq -r .dev <<<"$out")" | jq -r .mode)" fsdax "$how: the next create's namespace"
	assert_eq "$(half | tr '\n' ' ')" "" "$how: half-made after the next create"
	check nd destroy-namespace -f all -r "$big"
done
assert_eq "$(ns_json "$bystander" | jq -c .)" "$want_other" "the bystander at the end"
echo "kill create: ok"
