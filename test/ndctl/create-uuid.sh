#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# create-namespace -u U puts U where the established tool does: it is the
# namespace's own uuid (its labels; "raw_uuid" in list -v once claimed),
# and a btt/pfn/dax claim gets a fresh uuid of its own ("uuid").  Raw
# mode has no claim: "uuid" is U.  The same for a reconfigure (-e -u).
# Where the distribution's ndctl runs, it is held to the same placement.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

deb=${DEB_ROOT:-/tmp/deb-ref/root}
REF=${NDCTL_REF:-$deb/usr/bin/ndctl}
REF_LIBS=${NDCTL_REF_LIBS:-$deb/usr/lib/x86_64-linux-gnu}
ref() { LD_LIBRARY_PATH=$REF_LIBS "$REF" "$@"; }

# placement TOOL MODE SIZE U: create with -u U and check both uuids
placement() {
	local tool=$1 m=$2 size=$3 u=$4 out dev j
	out=$("$tool" create-namespace -b $BUS -m "$m" -s "$size" -u "$u") ||
		fail "$tool: create $m -u $u failed"
	dev=$(jq -r .dev <<<"$out")
	j=$(nd list -v -n "$dev" | jq -c 'if type == "array" then .[0] else . end')
	if [ "$m" = raw ]; then
		assert_eq "$(jq -r .uuid <<<"$j")" "$u" "$tool $m: uuid"
	else
		assert_eq "$(jq -r .raw_uuid <<<"$j")" "$u" "$tool $m: raw_uuid (the namespace's own)"
		[ "$(jq -r .uuid <<<"$j")" != "$u" ] ||
			fail "$tool $m: the claim got the -u uuid too"
		assert_eq "$(jq -r .uuid <<<"$out")" "$(jq -r .uuid <<<"$j")" \
			"$tool $m: printed uuid is the claim's"
	fi
	echo "$dev"
}

relabel 1.1
n=0
for m in devdax fsdax sector raw; do
	n=$((n + 1))
	size=16M
	[ $m = sector ] && size=32M
	placement "$NDCTL" $m $size "0000000$n-1111-2222-3333-444444444444" >/dev/null
done
check nd destroy-namespace -f all -b $BUS

# reconfigure in place: -u again names the namespace, not the claim
dev=$(placement "$NDCTL" fsdax 16M 00000009-1111-2222-3333-444444444444) || exit 1
u=0000000a-1111-2222-3333-444444444444
out=$(nd create-namespace -f -e "$dev" -m devdax -u $u) || fail "reconfigure -u failed"
j=$(nd list -v -n "$dev" | jq -c '.[0]')
assert_eq "$(jq -r .raw_uuid <<<"$j")" "$u" "reconfigure: raw_uuid"
[ "$(jq -r .uuid <<<"$out")" != "$u" ] || fail "reconfigure: the claim got the -u uuid"
check nd destroy-namespace -f all -b $BUS

if ref --version >/dev/null 2>&1; then
	for m in devdax fsdax raw; do
		placement ref $m 16M 0000000b-1111-2222-3333-444444444444 >/dev/null
		check nd destroy-namespace -f all -b $BUS
	done
else
	echo "no runnable reference ndctl ($REF): placement checked on ours only"
fi
echo "create -u: ok"
