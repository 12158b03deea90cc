#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Enumeration is lazy: listing every object's name opens one attribute
# file per bus (its provider, needed to find buses by name) and nothing
# for DIMMs, regions or namespaces; asking the region sizes of one bus
# opens one file per region of that bus and nothing else.
# Counted with strace on the nfit_test topology.
. "$TEST_SRCDIR/common.sh"
probe=${1:?usage: lazy.sh ND_PROBE}
command -v strace >/dev/null || skip "strace not installed"

# attribute files opened under /sys (directories are readdir, not reads)
opens() {
	local log
	log=$(mktemp) || fail "mktemp"
	strace -f -qq -e trace=openat -o "$log" "$probe" "$@" >"$log.out" ||
		fail "nd-probe $* failed"
	grep '"/sys/' "$log" | grep -v O_DIRECTORY | sed 's/.*"\(\/sys[^"]*\)".*/\1/'
	cp "$log.out" "$TMPOUT"
	rm -f "$log" "$log.out"
}
TMPOUT=$(mktemp) || fail "mktemp"
trap 'rm -f "$TMPOUT"' EXIT

names=$(opens names)
nobj=$(wc -l <"$TMPOUT")
nbus=$(grep -c '^ndbus' "$TMPOUT")
[ "$nobj" -gt 10 ] || fail "only $nobj objects listed"
n=$(grep -c . <<<"$names")
echo "names of $nobj objects on $nbus buses: $n attribute opens"
[ "$n" = "$nbus" ] || { echo "$names" >&2; fail "listing names opened $n files (want $nbus)"; }
grep -qv '/provider$' <<<"$names" && fail "listing names read more than providers"

b0=$(nd_bus_dir nfit_test.0) || fail "no nfit_test.0"
sizes=$(opens sizes nfit_test.0)
nreg=$(wc -l <"$TMPOUT")
n=$(grep -c . <<<"$sizes")
echo "sizes of $nreg regions: $n attribute opens"
[ "$nreg" -ge 1 ] || fail "no regions"
bad=$(grep -v "^$b0/region[0-9]*/\|/provider$" <<<"$sizes")
[ -z "$bad" ] || { echo "$bad" >&2; fail "sizes read outside the bus's regions"; }
grep -q 'nmem\|namespace' <<<"$sizes" && fail "sizes read DIMM or namespace files"
[ "$n" = $((nbus + nreg)) ] || { echo "$sizes" >&2; fail "$n opens for $nreg region sizes (want $((nbus + nreg)))"; }
