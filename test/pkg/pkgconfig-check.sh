#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The generated .pc files (the ones `meson install` installs) against the
# version checks real consumers make of the established libraries:
# pkg-config "libndctl >= 63" / "libdaxctl >= 63" (PMDK and others), meson's
# dependency(..., version : '>=63'), and a distribution package that must
# upgrade over 76.1.  Both tools must print the same version.
# Usage: pkgconfig-check.sh PCDIR [MESON]
. "$TEST_SRCDIR/common.sh"
pcdir=${1:?usage: $0 PCDIR [MESON]}
meson_cmd=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for lib in libndctl libdaxctl; do
	[ -r "$pcdir/$lib.pc" ] || fail "no $pcdir/$lib.pc"
done
export PKG_CONFIG_PATH=$pcdir PKG_CONFIG_DISABLE_UNINSTALLED=1
pkgconf=$(command -v pkg-config || command -v pkgconf) || fail "no pkg-config"

for lib in libndctl libdaxctl; do
	# ours, not a copy the distribution has installed
	dir=$("$pkgconf" --variable=pcfiledir "$lib") || fail "$lib not found"
	assert_eq "$(readlink -f "$dir")" "$(readlink -f "$pcdir")" "$lib pcfiledir"
	"$pkgconf" --exists "$lib >= 63" || fail "$lib >= 63 fails ($("$pkgconf" --modversion "$lib"))"
	"$pkgconf" --atleast-version=63 "$lib" || fail "$lib --atleast-version=63 fails"
	"$pkgconf" --exists "$lib > 76.1" || fail "$lib is not above 76.1"
	"$pkgconf" --cflags --libs "$lib" >/dev/null || fail "$lib --cflags --libs"
done
v=$("$pkgconf" --modversion libndctl)
assert_eq "$("$pkgconf" --modversion libdaxctl)" "$v" "libdaxctl and libndctl versions"
assert_eq "$("$DAXCTL" --version)" "$v" "daxctl --version"
assert_eq "$("$NDCTL" --version)" "$v" "ndctl --version"
case $v in *[!0-9.]*) fail "version '$v' is not numeric" ;; esac
if command -v dpkg >/dev/null; then
	dpkg --compare-versions "$v" gt 76.1 || fail "a $v package would not upgrade over 76.1"
fi

# meson's own check, as a consumer project writes it
if [ -n "$meson_cmd" ]; then
	mkdir "$tmp/src"
	cat >"$tmp/src/meson.build" <<'MESON'
project('consumer', 'c')
dependency('libndctl', version : '>=63')
dependency('libdaxctl', version : '>=63')
dependency('libndctl', version : ['>=63', '<1000'])
MESON
	$meson_cmd setup "$tmp/src" "$tmp/build" >"$tmp/log" 2>&1 ||
		fail "meson consumer check: $(grep -i 'error\|dependency' "$tmp/log" | tail -5)"
else
	echo "no meson found: the meson consumer check did not run" >&2
fi
echo "ok: libndctl and libdaxctl $v pass the consumer checks"
