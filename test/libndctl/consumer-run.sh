#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# In the nfit VM: nd-probe built against Debian's libndctl runs on ours.
# Its enumeration must match sysfs (enum.sh) and what Debian's own library
# reports; label and namespace operations must work through it.
. "$TEST_SRCDIR/common.sh"

# (the VM has no /dev/fd, so no process substitution)
show_diff() {
	local d
	d=$(mktemp -d) || return
	echo "$1" >"$d/a"
	echo "$2" >"$d/b"
	diff "$d/a" "$d/b" >&2
	rm -rf "$d"
}

libs=$(LD_LIBRARY_PATH=$OUR_LIB ldd "$CONSUMER")
grep -q "$OUR_LIB/libndctl.so.6" <<<"$libs" || fail "consumer did not load our libndctl"

export LD_LIBRARY_PATH=$OUR_LIB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
check "$TEST_SRCDIR/libndctl/enum.sh" "$CONSUMER"
for prov in nfit_test.0 nfit_test.1; do
	# same facts; the order may differ (ours is natural, theirs readdir)
	ours=$("$CONSUMER" enum "$prov" | sort) || fail "enum $prov on our library"
	theirs=$(LD_LIBRARY_PATH=$DEB_LIB "$CONSUMER" enum "$prov" | sort) ||
		fail "enum $prov on Debian's library"
	if [ "$ours" != "$theirs" ]; then
		show_diff "$theirs" "$ours"
		fail "$prov: our library and Debian's disagree (< Debian, > ours)"
	fi
done
check "$CONSUMER" labels nfit_test.0
# labelled now: pmem regions report their capacity in both libraries
ours=$("$CONSUMER" enum nfit_test.0 | sort)
theirs=$(LD_LIBRARY_PATH=$DEB_LIB "$CONSUMER" enum nfit_test.0 | sort)
[ "$ours" = "$theirs" ] || { show_diff "$theirs" "$ours"; fail "labelled nfit_test.0 differs"; }
grep -q 'nstype=5' <<<"$ours" || fail "no pmem region after labelling"
for mode in fsdax devdax sector raw; do
	check "$CONSUMER" create nfit_test.0 "$mode"
done
# Every read-only getter, object by object, against Debian's library.
# Known, deliberate differences are masked: the bus persistence domain
# (Debian's is always -1), "aliased" (the 6.1 kernel calls the flag
# "label", which Debian does not know), daxctl regions of disabled dax
# devices (we give none) and the order of DIMMs within a region.
norm() { sed -E 's/^(bus .*) pd=[^ ]*/\1/; s/ aliased=[0-9]+//; s/ daxctl=[a-z]+//; s/ dimms=[^ ]*//' | sort; }
ours=$("$CONSUMER" dump | norm) || fail "dump on our library"
theirs=$(LD_LIBRARY_PATH=$DEB_LIB "$CONSUMER" dump | norm) || fail "dump on Debian's"
[ "$ours" = "$theirs" ] || { show_diff "$theirs" "$ours"; fail "getters differ from Debian's library (< Debian, > ours)"; }
[ "$(grep -c namespace <<<"$ours")" -ge 4 ] || fail "dump saw too few namespaces"

echo "Debian-built consumer: enum, labels and 4 namespace modes on our library"
