#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# create-namespace waits for udev: with the real systemd-udevd running
# (test/vm/run --udev), /dev/pmemN with its /dev/disk/by-id/pmem-<uuid>
# and by-diskseq links (Debian's 60-persistent-storage.rules), and
# /dev/daxN.M with a link a test rule gives it, are all there
# the moment the command returns -- no `udevadm settle` here, several
# rounds so a pass is not luck.  Without udev (part "none") nothing waits
# and the library says so at debug level.
# Usage: udev.sh udev|none            (from meson: boots the VM)
#        udev.sh --guest udev|none    (the checks, in the VM or natively)
. "$TEST_SRCDIR/common.sh"
if [ "${1:-}" != --guest ]; then
	case "${1:-}" in
	udev) export TEST_VM_ARGS="--udev" ;;
	none) export TEST_VM_ARGS="--no-udev" ;;
	*) fail "usage: udev.sh udev|none" ;;
	esac
	exec "$TOP_SRCDIR/test/nfit-launch" "$TEST_SRCDIR/ndctl/udev.sh" --guest "$1"
fi
part=${2:-}
. "$TEST_SRCDIR/ndctl/lib.sh"
command -v jq >/dev/null || skip "jq is needed"
ROUNDS=${UDEV_ROUNDS:-5}

# In the VM the harness decides whether udev runs; natively, the machine.
have_udev=0
[ -S /run/udev/control ] && have_udev=1
if [ "$part" = udev ] && [ $have_udev = 0 ]; then
	[ "${TEST_VM:-0}" = 1 ] && fail "no udev in the guest (/run/udev/control is missing)"
	skip "udev is not running"
fi
if [ "$part" = none ] && [ $have_udev = 1 ]; then
	[ "${TEST_VM:-0}" = 1 ] && fail "udev runs in a guest booted without --udev"
	skip "udev is running on this machine"
fi

# udev writes no database entry for a dax device no rule says anything
# about, so a rule gives it a link to look for (VM only: it changes rules).
# Not only on "add": udev recomputes links on every event, and the bind
# that follows the add would drop one set on "add" alone.
daxlinks=0
if [ "${TEST_VM:-0}" = 1 ]; then
	mkdir -p /etc/udev/rules.d
	echo 'ACTION!="remove", SUBSYSTEM=="dax", SYMLINK+="dax-test/%k"' \
		>/etc/udev/rules.d/99-ndctl-udev-test.rules
	# Slow rules, as blkid on a large device or a site's PROGRAM make
	# them: udev makes a device's links only once all its rules ran, so
	# a command that did not wait returns before they exist (without
	# this the tool's own work after the enable outlasts udev here).
	echo 'ACTION=="add", SUBSYSTEM=="block|dax", KERNEL=="pmem*|dax*", PROGRAM="/bin/sleep 2"' \
		>/etc/udev/rules.d/59-ndctl-udev-test-slow.rules
	check udevadm control --reload
	daxlinks=1
fi

relabel 1.2
region=$(label_regions | head -1)
ERR=/tmp/udev-test.err

# create ARGS...: create-namespace with library debug on stderr ($ERR)
create() {
	nd create-namespace -v -r "$region" "$@" 2>"$ERR" ||
		fail "create-namespace $*: $(grep -v 'libndctl.*debug' "$ERR" | tail -n 3)"
}

# initialized DEVNODE: udev has handled the device (its database entry
# carries USEC_INITIALIZED; devtmpfs alone makes the node but no entry)
initialized() {
	udevadm info -q property -n "$1" 2>/dev/null | grep -q '^USEC_INITIALIZED='
}

if [ "$part" = none ]; then
	ns=$(create -m fsdax -s 16M) || exit 1
	blk=$(jq -r .blockdev <<<"$ns")
	[ -b "/dev/$blk" ] || fail "/dev/$blk is missing"
	grep -q "udev is not running, not waiting for it" "$ERR" ||
		fail "no 'udev is not running' debug line: $(grep -i udev "$ERR")"
	grep -q "waited .* for udev" "$ERR" && fail "waited for a udev that does not run"
	check nd destroy-namespace -f "$(jq -r .dev <<<"$ns")"
	exit 0
fi

bad=0 nolog=0
for i in $(seq "$ROUNDS"); do
	ns=$(create -m fsdax -s 16M) || exit 1
	# checked straight away: anything slower than a stat gives udev time
	blk=$(jq -r .blockdev <<<"$ns")
	uuid=$(jq -r .uuid <<<"$ns")
	idlink=/dev/disk/by-id/pmem-$uuid
	seqlink=/dev/disk/by-diskseq/$(cat "/sys/block/$blk/diskseq" 2>/dev/null)
	miss=
	[ -b "/dev/$blk" ] || miss+=" /dev/$blk"
	[ "$(readlink -f "$idlink")" = "/dev/$blk" ] || miss+=" $idlink"
	[ "$(readlink -f "$seqlink")" = "/dev/$blk" ] || miss+=" $seqlink"
	initialized "/dev/$blk" || miss+=" udev-db($blk)"
	if [ -n "$miss" ]; then
		echo "round $i fsdax $blk: missing on return:$miss" >&2
		bad=$((bad + 1))
	else
		echo "round $i fsdax $blk: $idlink in place"
	fi
	grep -q "waited .* ms for udev" "$ERR" || nolog=$((nolog + 1))

	ns2=$(create -m devdax -a 4K -s 16M) || exit 1
	dax=$(jq -r '.daxregion.devices[0].chardev' <<<"$ns2")
	miss=
	[ -c "/dev/$dax" ] || miss+=" /dev/$dax"
	if [ $daxlinks = 1 ]; then
		[ "$(readlink -f "/dev/dax-test/$dax")" = "/dev/$dax" ] || miss+=" /dev/dax-test/$dax"
		initialized "/dev/$dax" || miss+=" udev-db($dax)"
	fi
	if [ -n "$miss" ]; then
		echo "round $i devdax $dax: missing on return:$miss" >&2
		bad=$((bad + 1))
	else
		echo "round $i devdax $dax: udev's link and database entry in place"
	fi

	check nd destroy-namespace -f "$(jq -r .dev <<<"$ns")"
	check nd destroy-namespace -f "$(jq -r .dev <<<"$ns2")"
done
[ $nolog = 0 ] || echo "$nolog of $ROUNDS fsdax creations logged no wait for udev" >&2
[ $bad = 0 ] || fail "$bad of $((2 * ROUNDS)) creations returned before udev had handled the device"
[ $nolog = 0 ] || fail "the library did not log its wait for udev"
