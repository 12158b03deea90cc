#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Debian 12's own ndctl and daxctl (76.1, unpacked by
# scripts/fetch-established, never installed) run on our libraries with
# immediate binding: they must start, and a list / namespace / health /
# security / firmware scenario must give what the same binaries give on
# Debian's libraries.  Runs in the nfit VM.
. "$TEST_SRCDIR/common.sh"

root=${DEB_ROOT:-}
[ -x "$root/usr/bin/ndctl" ] || skip "Debian's ndctl is not unpacked (scripts/fetch-established)"
debian=$(dirname "$(ls "$root"/usr/lib/*/libndctl.so.6 | head -n1)")
ours=$TOP_BUILDDIR/lib/ndctl:$TOP_BUILDDIR/lib/daxctl:$debian
export LD_BIND_NOW=1

# their_ndctl / our_ndctl ARGS: Debian's binary on either library set
# (Debian's libiniparser comes from the unpacked tree in both cases)
their_ndctl() { LD_LIBRARY_PATH=$debian "$root/usr/bin/ndctl" "$@"; }
our_ndctl() { LD_LIBRARY_PATH=$ours "$root/usr/bin/ndctl" "$@"; }
our_daxctl() { LD_LIBRARY_PATH=$ours "$root/usr/bin/daxctl" "$@"; }

libs=$(LD_LIBRARY_PATH=$ours ldd "$root/usr/bin/ndctl")
grep -q "$TOP_BUILDDIR/lib/ndctl/libndctl.so.6" <<<"$libs" ||
	fail "Debian's ndctl did not load our libndctl"

assert_eq "$(our_ndctl --version)" "76.1" "Debian's ndctl --version on our library"
assert_eq "$(our_daxctl --version)" "76.1" "Debian's daxctl --version on our library"

# Object order is the one deliberate difference (ours natural, theirs
# readdir): compare with every array sorted by device name.
norm() { jq -S 'walk(if type == "array" then sort_by(.dev? // .) else . end)'; }

same() {
	local what=$1 a b
	shift
	a=$(their_ndctl "$@" | norm) || fail "$what: Debian's library failed"
	b=$(our_ndctl "$@" | norm) || fail "$what: our library failed"
	if [ "$a" != "$b" ]; then
		echo "$a" >/tmp/debian-tools.a
		echo "$b" >/tmp/debian-tools.b
		diff /tmp/debian-tools.a /tmp/debian-tools.b >&2
		fail "$what: Debian's ndctl differs on our library (< Debian, > ours)"
	fi
}

same "list -DHF" list -DHF
same "list -BRv" list -BRv
same "list -RM" list -RM

# namespace lifecycle by Debian's tool on our library
check our_ndctl disable-region -b nfit_test.0 all
check our_ndctl init-labels -f -b nfit_test.0 all
check our_ndctl enable-region -b nfit_test.0 all
ns=$(our_ndctl create-namespace -b nfit_test.0 -m fsdax -s 32M | jq -r .dev) ||
	fail "create-namespace through our library"
[ -n "$ns" ] && [ "$ns" != null ] || fail "create-namespace printed no namespace"
same "list -N after create" list -N
check our_ndctl destroy-namespace -f "$ns"
same "list -N after destroy" list -Ni

# health: Debian's inject-smart through our library moves what both see
check our_ndctl inject-smart -m 61 nmem0
t=$(our_ndctl list -H -d nmem0 | jq '.[0].health.temperature_celsius // .health.temperature_celsius')
assert_eq "$t" "61" "media temperature after inject-smart"
same "list -DH after inject-smart" list -DH
check our_ndctl inject-smart --media-temperature-uninject nmem0

# firmware: a generated image through start/send/finish/query
img=$(mktemp)
head -c 300000 /dev/urandom >"$img"
check our_ndctl update-firmware -f "$img" nmem1
next=$(our_ndctl list -F -d nmem1 | jq -r '.[0].firmware.next_version // .firmware.next_version')
[ -n "$next" ] && [ "$next" != null ] || fail "no next_version after update-firmware"
same "list -DF after update-firmware" list -DF
rm -f "$img"

# security: nfit_test DIMMs start with security disabled, where the
# kernel refuses a freeze; the tool must report the same on both
# libraries (the passphrase lifecycle needs keys: see the security tests)
their_ndctl freeze-security nmem2 >/tmp/debian-tools.t 2>&1
trc=$?
our_ndctl freeze-security nmem2 >/tmp/debian-tools.o 2>&1
orc=$?
assert_eq "$orc" "$trc" "freeze-security exit status (ours vs Debian's library)"
assert_eq "$(grep -v '^libndctl:' /tmp/debian-tools.o)" \
	"$(grep -v '^libndctl:' /tmp/debian-tools.t)" "freeze-security output"
same "list -D after freeze-security" list -D

echo "Debian's ndctl 76.1 and daxctl 76.1 on our libraries: list, namespace, health, firmware, security as on Debian's libraries"
