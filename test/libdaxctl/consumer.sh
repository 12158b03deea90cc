#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Issue requirement: an application built against the established
# (distribution) libdaxctl header and library runs unchanged on ours.
#
# On the host: get Debian's libdaxctl-dev + libdaxctl1 (cached; skip if
# they cannot be had), build consumer.c two ways, then run them in the
# nfit VM (through nfit-launch) with consumer-run.sh:
#   deb    Debian header, linked against Debian's libdaxctl.so.1
#   ours   our header, linked against our library
# deb runs on ours (LD_LIBRARY_PATH) and must print what ours prints; its
# read-only listing must also match what it prints on Debian's library.
. "$TEST_SRCDIR/common.sh"

src=$TEST_SRCDIR/libdaxctl
ourlib=$TOP_BUILDDIR/lib/daxctl
work=$TEST_BUILDDIR/libdaxctl/consumer
mkdir -p "$work" || fail "mkdir $work"

# Debian's files: the reference unpack if this machine has one, else a
# per-user cache filled by apt-get download.
find_debian() {
	local d
	for d in "${DEBIAN_LIBDAXCTL_ROOT:-}" /tmp/deb-ref/root \
		"${XDG_CACHE_HOME:-$HOME/.cache}/ndctl-test/libdaxctl-deb"; do
		[ -n "$d" ] || continue
		if [ -r "$d/usr/include/daxctl/libdaxctl.h" ] &&
		   ls "$d"/usr/lib/*/libdaxctl.so.1 >/dev/null 2>&1; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

if ! deb=$(find_debian); then
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/ndctl-test/libdaxctl-deb
	dl=$(mktemp -d) || fail "mktemp"
	trap 'rm -rf "$dl"' EXIT
	if ! (cd "$dl" && apt-get download libdaxctl-dev libdaxctl1) >"$dl/log" 2>&1; then
		cat "$dl/log" >&2
		skip "cannot download Debian's libdaxctl-dev/libdaxctl1"
	fi
	mkdir -p "$cache" || fail "mkdir $cache"
	for p in "$dl"/*.deb; do
		dpkg-deb -x "$p" "$cache" || fail "dpkg-deb -x $p"
	done
	deb=$(find_debian) || fail "downloaded packages lack header or library"
fi
deblib=$(dirname "$(ls "$deb"/usr/lib/*/libdaxctl.so.1 | head -n1)")
echo "Debian libdaxctl from $deb ($deblib)"

cc=${CC:-cc}
# Debian's dev package has the .so link only with -dev; link by soname.
mkdir -p "$work/deblink"
ln -sf "$deblib/libdaxctl.so.1" "$work/deblink/libdaxctl.so"
check "$cc" -Wall -Werror -I"$deb/usr/include" -o "$work/consumer-deb" \
	"$src/consumer.c" -L"$work/deblink" -ldaxctl
check "$cc" -Wall -Werror -I"$TOP_SRCDIR/lib/include" -o "$work/consumer-ours" \
	"$src/consumer.c" -L"$ourlib" -ldaxctl

# The Debian build must record the established version nodes.
syms=$(readelf --dyn-syms -W "$work/consumer-deb")
grep -q '@LIBDAXCTL_' <<<"$syms" ||
	fail "consumer-deb has no versioned libdaxctl references"

export CONSUMER_DIR=$work OUR_LIB=$ourlib DEB_LIB=$deblib
exec "$TOP_SRCDIR/test/nfit-launch" "$src/consumer-run.sh"
