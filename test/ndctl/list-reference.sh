#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# ndctl list prints the same keys as the distribution's ndctl, object for
# object (order aside), on the nfit_test topology with namespaces in every
# mode.  NDCTL_REF names the reference binary (with NDCTL_REF_LIBS its
# library directories); skipped when it cannot run.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

deb=${DEB_ROOT:-/tmp/deb-ref/root}
REF=${NDCTL_REF:-$deb/usr/bin/ndctl}
export LD_LIBRARY_PATH=${NDCTL_REF_LIBS:-$deb/usr/lib/x86_64-linux-gnu:/tmp/d-ref/root/usr/lib/x86_64-linux-gnu}
"$REF" --version >/dev/null 2>&1 || skip "no runnable reference ndctl ($REF)"
unset_ld() { LD_LIBRARY_PATH= "$@"; }
norm="$TEST_SRCDIR/ndctl/jq-normalize"

# key paths of each output, array positions kept (arrays are sorted by
# object identity first), values dropped.  "security" needs the DIMM
# security API, which our libndctl does not provide yet.
keys() {
	jq -S -f "$norm" | jq -c '[paths | map(tostring)] | map(select(index("security") | not)) | sort'
}
same_keys() {
	local a b
	a=$("$REF" "$@" 2>/dev/null | keys) || fail "reference list $*"
	b=$(unset_ld "$NDCTL" "$@" 2>/dev/null | keys) || fail "list $*"
	[ "$a" = "$b" ] && return 0
	echo "reference: $a" >&2
	echo "ours:      $b" >&2
	fail "keys differ for: list $*"
}
run_all() {
	local o
	for o in "" "-B" "-D" "-R" "-N" "-i" "-B -D -R -N -i" "-v" "-vv" \
		"-R -C" "-D -R" "-R -M" "-X" "-N -X" "-u -R -D -N -i" \
		"-b $BUS" "-d nmem0 -R" "-D -d nmem1" "-m raw" "-t pmem -R" \
		"-U 0 -R -D" "-c"; do
		# shellcheck disable=SC2086
		same_keys list $o
	done
}
run_all
relabel 1.1
big=$(label_regions | head -1)
small=$(label_regions | sed -n 2p)
unset_ld check nd create-namespace -r $big -m fsdax -s 16M
unset_ld check nd create-namespace -r $big -m devdax -s 16M -n dax
unset_ld check nd create-namespace -r $big -m sector -s 32M
unset_ld check nd create-namespace -r $small -m raw -s 16M
run_all
unset_ld check nd destroy-namespace -f all -b $BUS
exit 0
