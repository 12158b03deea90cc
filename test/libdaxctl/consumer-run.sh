#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# In the nfit VM: run the consumer built against Debian's libdaxctl on
# our library, and the one built against our header on ours: listings and
# a create/destroy cycle must agree; listings also match Debian's library.
. "$TEST_SRCDIR/common.sh"

hmem_region_dir >/dev/null || skip "no dynamic (hmem) dax region"
out=$(mktemp -d) || fail "mktemp"
trap 'rm -rf "$out"' EXIT

run() { # NAME LIBDIR BINARY ARGS...
	local name=$1 lib=$2 bin=$3 rc=0
	shift 3
	LD_LIBRARY_PATH=$lib "$bin" "$@" >"$out/$name" 2>"$out/$name.err" || rc=$?
	if [ $rc != 0 ]; then
		cat "$out/$name" "$out/$name.err" >&2
		fail "$name $* exited $rc"
	fi
}

for mode in list cycle list; do
	run deb-on-ours "$OUR_LIB" "$CONSUMER_DIR/consumer-deb" $mode
	run ours "$OUR_LIB" "$CONSUMER_DIR/consumer-ours" $mode
	# the application really ran on our library
	libs=$(LD_LIBRARY_PATH=$OUR_LIB ldd "$CONSUMER_DIR/consumer-deb")
	grep -q "$OUR_LIB/libdaxctl.so.1" <<<"$libs" || fail "consumer-deb did not load our library"
	# Read-only listing: Debian's own library must say the same.  (Its
	# create cycle is not compared: it caches device lists and stats
	# /dev nodes, which devtmpfs creates asynchronously.)
	if [ $mode = list ]; then
		run deb-on-deb "$DEB_LIB" "$CONSUMER_DIR/consumer-deb" $mode
		diff -u "$out/deb-on-deb" "$out/deb-on-ours" >&2 ||
			fail "list: Debian's library and ours disagree"
	fi
	if ! diff -u "$out/deb-on-ours" "$out/ours" >&2; then
		fail "$mode: Debian-header build and our-header build differ"
	fi
	echo "== $mode"
	cat "$out/ours"
done
