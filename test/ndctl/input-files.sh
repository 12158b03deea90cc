#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Input files that need no DIMM to be refused (issue 14): monitor -c,
# update-firmware -f (read before any DIMM is asked) and read-infoblock -i
# given a FIFO, an endless device, a directory or something too large fail
# at once with one line naming the file.  timeout turns a hang into a
# failure of this test instead of a stalled suite.
. "$TEST_SRCDIR/common.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/fifo"

refused() {
	local want=$1 out rc
	shift
	out=$(timeout 20 "$NDCTL" "$@" 2>&1 >/dev/null)
	rc=$?
	[ "$rc" != 124 ] || fail "ndctl $*: hung"
	[ "$rc" != 0 ] || fail "ndctl $*: succeeded"
	assert_eq "$(printf '%s\n' "$out" | wc -l)" 1 "ndctl $*: one line ($out)"
	case "$out" in *"$want"*) ;; *) fail "ndctl $*: '$out' lacks '$want'" ;; esac
}

refused "config file $tmp/fifo: not a regular file" monitor -c "$tmp/fifo"
refused "config file /dev/zero: not a regular file" monitor -c /dev/zero
refused "config file $tmp: a directory, not a regular file" monitor -c "$tmp"
refused "config file $tmp/none: No such file" monitor -c "$tmp/none"
truncate -s $(((1 << 20) + 1)) "$tmp/huge.conf"
refused "config file $tmp/huge.conf: larger than 1048576 bytes" monitor -c "$tmp/huge.conf"
printf '[core]\nbroken line\n' > "$tmp/bad.conf"
refused "$tmp/bad.conf:2: expected 'key = value', not 'broken line'" monitor -c "$tmp/bad.conf"
printf 'bus = x\n\0\n' > "$tmp/nul.conf"
refused "$tmp/nul.conf:2: a NUL byte" monitor -c "$tmp/nul.conf"

refused "firmware file $tmp/fifo: not a regular file" update-firmware -f "$tmp/fifo" nmem0
refused "firmware file /dev/zero: not a regular file" update-firmware -f /dev/zero nmem0
truncate -s 65M "$tmp/huge.img"
refused "firmware file $tmp/huge.img: larger than 67108864 bytes" update-firmware -f "$tmp/huge.img" nmem0
: > "$tmp/empty.img"
refused "firmware file $tmp/empty.img: empty" update-firmware -f "$tmp/empty.img" nmem0

refused "$tmp/fifo: reading the info block failed: not a regular file or block device" \
	read-infoblock -i "$tmp/fifo"
refused "/dev/zero: reading the info block failed: not a regular file or block device" \
	read-infoblock -i /dev/zero
echo ok
