#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# libndctl enumeration against sysfs: for both nfit_test buses, what the
# library reports (nd-probe enum) must equal the same facts read straight
# from sysfs here, object for object and in natural order.
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
probe=${1:?usage: enum.sh ND_PROBE}

mode_of() {
	case $1 in
	raw) echo raw ;;
	safe) echo sector ;;
	memory) echo fsdax ;;
	dax) echo devdax ;;
	*) echo unknown ;;
	esac
}

from_sysfs() {
	local b=$1 prov=$2 d r n m
	echo "bus $(basename "$b") $prov"
	for d in $(ls "$b" | grep '^nmem[0-9]*$' | sort -V); do
		printf 'dimm %s handle=%#x phys_id=%#x serial=%#010x id=%s\n' "$d" \
			"$(cat "$b/$d/nfit/handle")" "$(cat "$b/$d/nfit/phys_id")" \
			"$(cat "$b/$d/nfit/serial")" "$(cat "$b/$d/nfit/id")"
	done
	for r in $(ls "$b" | grep '^region[0-9]*$' | sort -V); do
		local en=0
		[ -e "$b/$r/driver" ] && en=1
		# io regions (no labels) have nothing to carve: reported as 0
		local avail=0 nstype
		nstype=$(cat "$b/$r/nstype")
		[ "$nstype" = 5 ] && avail=$(cat "$b/$r/available_size")
		echo "region $r size=$(cat "$b/$r/size") avail=$avail" \
			"mappings=$(cat "$b/$r/mappings") nstype=$(cat "$b/$r/nstype")" \
			"ro=$(cat "$b/$r/read_only") enabled=$en"
		for ((m = 0; m < $(cat "$b/$r/mappings"); m++)); do
			echo "mapping $r $(cat "$b/$r/mapping$m")"
		done
		for n in $(ls "$b/$r" | grep '^namespace[0-9]*\.[0-9]*$' | sort -V); do
			echo "namespace $n size=$(cat "$b/$r/$n/size")" \
				"mode=$(mode_of "$(cat "$b/$r/$n/mode")")"
		done
	done
}

for prov in nfit_test.0 nfit_test.1; do
	b=$(nd_bus_dir "$prov") || fail "no bus with provider $prov"
	want=$(from_sysfs "$b" "$prov") || fail "reading sysfs of $prov"
	got=$("$probe" enum "$prov") || fail "nd-probe enum $prov failed"
	if [ "$got" != "$want" ]; then
		show_diff "$want" "$got"
		fail "$prov: library view differs from sysfs (< sysfs, > libndctl)"
	fi
	# the test must have looked at something real
	echo "$got" | grep -q '^dimm ' || fail "$prov: no DIMMs enumerated"
	echo "$got" | grep -q '^region ' || fail "$prov: no regions enumerated"
	echo "$got" | grep -q '^mapping ' || fail "$prov: no mappings enumerated"
done
echo "enumeration matches sysfs on nfit_test.0 and nfit_test.1"
