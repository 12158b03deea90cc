#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# contrib/examples/dax-map.c builds the way its comment tells applications
# to: cc ... $(pkg-config --cflags --libs libdaxctl), warnings as errors,
# against this build's uninstalled libdaxctl.pc; and it refuses bad usage.
# Usage: example-build.sh
. "$TEST_SRCDIR/common.sh"
command -v pkg-config >/dev/null || skip "pkg-config is needed"
export PKG_CONFIG_PATH=$TOP_BUILDDIR/meson-uninstalled
flags=$(pkg-config --cflags --libs libdaxctl-uninstalled) || fail "pkg-config libdaxctl-uninstalled"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086 # the flags are words
check "${CC:-cc}" -std=gnu11 -Wall -Wextra -Werror -o "$tmp/dax-map" \
	"$TOP_SRCDIR/contrib/examples/dax-map.c" $flags
run() { LD_LIBRARY_PATH=$TOP_BUILDDIR/lib/daxctl "$tmp/dax-map" "$@"; }
for bad in "" "-d dax0.0 -n 1" "-n x" "-n -1" "-d dax0.0 -o 1Q" "-d dax0.0 -l 99999999999999999999G" "-d dax0.0 extra"; do
	# shellcheck disable=SC2086
	run $bad >/dev/null 2>&1
	assert_eq "$?" 2 "dax-map $bad"
done
