#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Same recorded sysfs, same listing: our daxctl against the distribution's
# (Debian package unpacked by bench/daxctl-bench or under DEB_DAXCTL_ROOT).
# Order is normalised (ours is natural order, theirs is readdir order);
# everything else must be identical.  Skips when that binary is absent.
#   compare-established.sh FIXTURE_DIR
. "$TEST_SRCDIR/common.sh"
fixtures=$1
command -v umockdev-run >/dev/null || skip "no umockdev-run"
command -v jq >/dev/null || skip "no jq"
root=
for r in "${DEB_DAXCTL_ROOT:-}" "${XDG_CACHE_HOME:-$HOME/.cache}/ndctl-bench/deb/root" /tmp/deb-ref/root; do
	[ -n "$r" ] && [ -x "$r/usr/bin/daxctl" ] || continue
	LD_LIBRARY_PATH=$r/usr/lib/x86_64-linux-gnu "$r/usr/bin/daxctl" version >/dev/null 2>&1 || continue
	root=$r
	break
done
[ -n "$root" ] || skip "no runnable distribution daxctl (run bench/daxctl-bench once, or set DEB_DAXCTL_ROOT)"

norm='def devs: if .devices then .devices |= (sort_by(.chardev) | map(if .mappings then .mappings |= sort_by(.page_offset) else . end)) else . end;
      (if type == "array" then . else [.] end) | map(devs) | sort_by(.id // .chardev) |
      map(if .mappings then .mappings |= sort_by(.page_offset) else . end)'
n=0
# hmem-system-ram is left out: replayed, the distribution's library cannot
# see the kmem driver and reports devdax
for f in hmem-boot hmem-carved pmem-static; do
	for args in "list" "list -i" "list -R" "list -R -D -M -i" "list -R -D -M -i -u" "list -r 0 -d all"; do
		ours=$(umockdev-run -d "$fixtures/$f.umockdev" -- "$DAXCTL" $args 2>/dev/null | jq -S "$norm")
		theirs=$(LD_LIBRARY_PATH=$root/usr/lib/x86_64-linux-gnu umockdev-run -d "$fixtures/$f.umockdev" -- \
			"$root/usr/bin/daxctl" $args 2>/dev/null | jq -S "$norm")
		[ -n "$ours" ] && [ "$ours" != "[]" ] || fail "$f: daxctl $args printed nothing"
		if [ "$ours" != "$theirs" ]; then
			diff -u <(echo "$theirs") <(echo "$ours") >&2
			fail "$f: daxctl $args differs from the distribution's"
		fi
		n=$((n + 1))
	done
done
echo "$n listings identical"
