#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Bad input: one stderr line naming the bad value, non-zero exit, nothing
# on stdout, and no change to the configuration.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

relabel 1.2
big=$(label_regions | head -1)
ns=$(nd create-namespace -r "$big" -m fsdax -s 16M) || fail "create"
dev=$(jq -r .dev <<<"$ns")
# (scrub_state changes on its own as the bus finishes scrubbing)
snapshot() { nd list -vvv -i -b $BUS | jq -S "del(.. | .scrub_state?)"; }
before=$(snapshot)

bad() { WANT=$1; shift; expect_fail_line nd "$@"; }
bad not-a-uuid create-namespace -r $big -u not-a-uuid
bad 99999999999999999999 create-namespace -r $big -s 99999999999999999999
bad 12Q create-namespace -r $big -s 12Q
bad "'3M'" create-namespace -r $big -s 3M
bad "'1G'" create-namespace -r $big -s 1G
bad bogus create-namespace -r $big -m bogus
bad 3K create-namespace -r $big -m fsdax -a 3K
bad 8192 create-namespace -r $big -m fsdax -a 8K
bad 777 create-namespace -r $big -m sector -l 777
bad foo create-namespace -r $big -M foo
bad align create-namespace -r $big -m raw -a 2M
bad region99 create-namespace -r region99
bad nosuch create-namespace -b nosuch
bad namespace9.9 create-namespace -f -e namespace9.9
bad all create-namespace -f -e all
bad "$dev" create-namespace -e "$dev" -m raw
bad namespace9.9 destroy-namespace namespace9.9
bad "$dev" destroy-namespace "$dev"
# a list filter that matches nothing is no error: one warning naming it,
# an empty listing, exit 0 (scripts under set -e go on)
for a in "region99|-r region99" "nosuch|-b nosuch" "nmem99|-d nmem99" \
	"namespace9.9|-n namespace9.9"; do
	name=${a%%|*}
	# shellcheck disable=SC2086 # words
	out=$(nd list ${a#*|} 2>/tmp/ndctl-test.err) || fail "list ${a#*|} exited $?"
	[ -z "$out" ] || fail "list ${a#*|} printed: $out"
	err=$(cat /tmp/ndctl-test.err)
	case $err in
	"ndctl list: no "*" matches '$name'") ;;
	*) fail "list ${a#*|}: expected one warning naming $name: $err" ;;
	esac
done
bad bogus list -m bogus
bad bogus list -t bogus
bad x list -U x
bad 2.0 init-labels -f -V 2.0 -b $BUS all
bad nmem99 read-labels nmem99
bad nmem99 zero-labels nmem99
bad region99 enable-region region99
bad region99 disable-region region99
bad nmem99 disable-dimm nmem99
bad --bogus create-namespace --bogus
bad extra list extra
bad frobnicate frobnicate

after=$(snapshot)
assert_eq "$after" "$before" "configuration after bad input"
check nd destroy-namespace -f all -b $BUS
exit 0
