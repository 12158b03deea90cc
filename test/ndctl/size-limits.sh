#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# create-namespace refuses sizes a mode cannot have (fsdax/devdax/sector
# under 16 MiB, an align with no room for data) before writing anything:
# no btt/pfn/dax seed is left with a uuid; -s 0 is a usage error.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

relabel 1.2
big=$(label_regions | head -1)
rdir=/sys/bus/nd/devices/$big
# a smaller region alignment lets sizes under 16 MiB reach the kernel
# (nfit_test regions default to 16 MiB); 4 MiB suits up to 4-way sets
echo $((4 << 20)) >"$rdir/align" || skip "cannot set $big/align"

# no claim device of the region may hold a uuid without being enabled
no_stray_seed() {
	local c u
	for c in "$rdir"/btt* "$rdir"/pfn* "$rdir"/dax*; do
		[ -e "$c/uuid" ] || continue
		u=$(cat "$c/uuid")
		# never written, or the null uuid a failed setup writes back
		[ -n "$u" ] && [ "$u" != 00000000-0000-0000-0000-000000000000 ] ||
			continue
		[ -e "$c/driver" ] ||
			fail "$1: ${c##*/} left with uuid $u (namespace '$(cat "$c/namespace")')"
	done
}
snapshot() { nd list -vvv -i -r "$big" | jq -S "del(.. | .scrub_state?)"; }
before=$(snapshot)
refuse() { # refuse STATUS PATTERN ARGS...
	local want=$1 pat=$2 rc
	shift 2
	nd create-namespace "$@" >/tmp/ndctl-test.out 2>/tmp/ndctl-test.err
	rc=$?
	assert_eq "$rc" "$want" "create-namespace $* exit status ($(cat /tmp/ndctl-test.err))"
	grep -Eq -- "$pat" /tmp/ndctl-test.err ||
		fail "create-namespace $*: stderr '$(cat /tmp/ndctl-test.err)' does not match '$pat'"
	[ "$(wc -l </tmp/ndctl-test.err)" = 1 ] ||
		fail "create-namespace $*: more than one line: $(cat /tmp/ndctl-test.err)"
	[ -s /tmp/ndctl-test.out ] && fail "create-namespace $* printed: $(cat /tmp/ndctl-test.out)"
	no_stray_seed "create-namespace $*"
}

refuse 129 "invalid size '4M': fsdax needs at least 16 MiB" -r "$big" -m fsdax -s 4M
refuse 129 "invalid size '8M': devdax needs at least 16 MiB" -r "$big" -m devdax -s 8M
refuse 129 "invalid size '12M': sector needs at least 16 MiB" -r "$big" -m sector -s 12M
refuse 129 "invalid size '0': must not be zero" -r "$big" -s 0
refuse 129 "devdax with align 1 GiB needs a size that is a multiple of 1 GiB" \
	-r "$big" -m devdax -a 1G -s 32M
assert_eq "$(snapshot)" "$before" "region after refused creates"

# the mode's minimum also holds for what is left: 8 MiB free, no -s
raw=$(nd create-namespace -r "$big" -m raw -s $(( $(jq -r '.[0].max_available_extent' <<<"$(nd list -R -r "$big")") - (8 << 20) ))) ||
	fail "raw namespace"
rawdev=$(jq -r .dev <<<"$raw")
refuse 1 "$big: size [0-9]+: fsdax needs at least 16 MiB" -r "$big" -m fsdax
refuse 1 "$big: size [0-9]+: sector needs at least 16 MiB" -r "$big" -m sector
# the 8 MiB as raw is fine, and -e to devdax keeps its size: refused
small=$(nd create-namespace -r "$big" -m raw) || fail "8M raw namespace"
smalldev=$(jq -r .dev <<<"$small")
assert_eq "$(jq -r .size <<<"$small")" $((8 << 20)) "size of the small raw namespace"
refuse 1 "$smalldev: size [0-9]+: devdax needs at least 16 MiB" -f -e "$smalldev" -m devdax
refuse 129 "invalid size '8M': sector needs at least 16 MiB" -f -e "$rawdev" -m sector -s 8M
assert_eq "$(jq -r .mode <<<"$(ns_json "$smalldev")")" raw "$smalldev after the refused reconfigure"

check nd destroy-namespace -f all -r "$big"
echo $((16 << 20)) >"$rdir/align"
exit 0
