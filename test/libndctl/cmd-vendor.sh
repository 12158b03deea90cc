#!/bin/bash
# nfit_test implements no ND_CMD_VENDOR: a vendor-specific command on any of
# its DIMMs is refused (not created, or a submit with a negative errno) with
# a log line, never a crash.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/libndctl/cmd-common.sh"
for c in /sys/bus/nd/devices/nmem*/commands; do
	grep -qw vendor "$c" && fail "$c lists vendor: the kernel fact changed"
done
for prov in nfit_test.0 nfit_test.1; do
	out=$("$probe" vendor $prov 2>&1) || { echo "$out" >&2; fail "cmd-probe vendor $prov"; }
	echo "$out"
	n=$(grep -cE '^nmem[0-9]+ vendor: (not created|submit rc=-[0-9]+)$' <<<"$out")
	[ "$n" -ge 2 ] || fail "$prov: $n DIMMs refused the vendor command"
	grep -q "log(" <<<"$out" || fail "$prov: no log line"
done
