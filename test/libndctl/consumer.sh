#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# An application built against the established (Debian) libndctl header
# and library must run unchanged on ours.  nd-probe is compiled with
# Debian's headers and linked against Debian's libndctl.so.6 on the host,
# then consumer-run.sh drives it in the nfit VM on our library.
. "$TEST_SRCDIR/common.sh"

src=$TEST_SRCDIR/libndctl
ourlib=$TOP_BUILDDIR/lib/ndctl
work=$TEST_BUILDDIR/libndctl/consumer
mkdir -p "$work" || fail "mkdir $work"

find_debian() {
	local d
	for d in "${DEBIAN_LIBNDCTL_ROOT:-}" /tmp/deb-ref/root \
		"${XDG_CACHE_HOME:-$HOME/.cache}/ndctl-test/libndctl-deb"; do
		[ -n "$d" ] || continue
		if [ -r "$d/usr/include/ndctl/libndctl.h" ] &&
		   ls "$d"/usr/lib/*/libndctl.so.6 "$d"/usr/lib/*/libdaxctl.so.1 \
			   >/dev/null 2>&1; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

if ! deb=$(find_debian); then
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/ndctl-test/libndctl-deb
	dl=$(mktemp -d) || fail "mktemp"
	trap 'rm -rf "$dl"' EXIT
	if ! (cd "$dl" && apt-get download libndctl-dev libndctl6 \
		libdaxctl-dev libdaxctl1) >"$dl/log" 2>&1; then
		cat "$dl/log" >&2
		skip "cannot download Debian's libndctl/libdaxctl packages"
	fi
	mkdir -p "$cache" || fail "mkdir $cache"
	for p in "$dl"/*.deb; do
		dpkg-deb -x "$p" "$cache" || fail "dpkg-deb -x $p"
	done
	deb=$(find_debian) || fail "downloaded packages lack headers or libraries"
fi
deblib=$(dirname "$(ls "$deb"/usr/lib/*/libndctl.so.6 | head -n1)")
echo "Debian libndctl from $deb ($deblib)"

mkdir -p "$work/deblink"
ln -sf "$deblib/libndctl.so.6" "$work/deblink/libndctl.so"
ln -sf "$deblib/libdaxctl.so.1" "$work/deblink/libdaxctl.so"
# Debian's ndctl.h wants ccan's ARRAY_SIZE from its build tree
check "${CC:-cc}" -Wall -Werror -DHAVE_UUID \
	'-DARRAY_SIZE(a)=(sizeof(a) / sizeof((a)[0]))' \
	-I"$deb/usr/include" -I"$TOP_SRCDIR" -o "$work/nd-probe-deb" \
	"$src/nd-probe.c" "$TOP_SRCDIR/lib/ndctl/labels.c" \
	-L"$work/deblink" -Wl,-rpath-link,"$deblib" -lndctl -ldaxctl -luuid

syms=$(readelf --dyn-syms -W "$work/nd-probe-deb")
grep -q '@LIBNDCTL_3' <<<"$syms" ||
	fail "nd-probe-deb has no versioned libndctl references"

export CONSUMER=$work/nd-probe-deb OUR_LIB=$ourlib DEB_LIB=$deblib
exec "$TOP_SRCDIR/test/nfit-launch" "$src/consumer-run.sh"
