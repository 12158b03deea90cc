#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Media errors end to end on nfit_test.0: inject-error (and --status,
# --uninject), list -M at region and namespace level with the DIMMs,
# clear-errors on raw, fsdax and devdax namespaces, start-/wait-scrub,
# clear-errors --scrub for an error the kernel was not told about, and bad
# input (one stderr line naming the problem, nothing changed).
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

relabel 1.2
big=$(label_regions | head -1)
small=$(label_regions | sed -n 2p)
declare -A dev=()
for m in raw fsdax devdax; do
	case $m in devdax) r=$small ;; *) r=$big ;; esac
	out=$(nd create-namespace -r "$r" -m $m -s 16M) || fail "create $m"
	dev[$m]=$(jq -r .dev <<<"$out")
done

# ns_me NAME: one namespace's listing with media errors
ns_me() { nd list -M -N -n "$1" | jq -c '.[0]'; }
region_of() { nd list -R -n "$1" | jq -r '.[0].dev'; }
# the DIMMs of a region, from its mappings
region_dimms() { nd list -R -D -r "$1" | jq -r '.regions[0].mappings[].dimm' | sort -u; }
status_of() { nd inject-error "$1" --status; }

for m in raw fsdax devdax; do
	d=${dev[$m]}
	r=$(region_of "$d")
	[ -z "$(status_of "$d")" ] || fail "$m: injected ranges before injecting"
	[ "$(ns_me "$d" | jq '.badblock_count // 0')" = 0 ] || fail "$m: errors before injecting"
	rbefore=$(nd list -M -R -r "$r" | jq '.[0].badblock_count // 0')

	out=$(nd inject-error "$d" -B 8 -n 2) || fail "$m: inject"
	assert_eq "$(jq -r .dev <<<"$out")" "$d" "$m: inject prints the namespace"
	assert_eq "$(status_of "$d" | jq -c .badblocks)" '[{"block":8,"count":2}]' "$m: --status"
	assert_eq "$(nd inject-error "$d" -t -u | jq -c .badblocks)" \
		'[{"block":"0x8","count":"0x2"}]' "$m: --status --human"

	# list -M: namespace level, offsets from the start of its data
	j=$(ns_me "$d")
	assert_eq "$(jq .badblock_count <<<"$j")" 2 "$m: namespace badblock_count"
	assert_eq "$(jq -c '[.badblocks[] | {offset, length}]' <<<"$j")" \
		'[{"offset":8,"length":2}]' "$m: namespace badblocks"
	dimms=$(jq -r '.badblocks[0].dimms[]?' <<<"$j")
	[ -n "$dimms" ] || fail "$m: no dimms for the error: $j"
	for x in $dimms; do
		grep -qx "$x" <<<"$(region_dimms "$r")" ||
			fail "$m: error dimm $x is not a DIMM of $r"
	done
	# region level: the same two blocks, with the same dimms
	rj=$(nd list -M -R -r "$r" | jq -c '.[0]')
	assert_eq "$(jq .badblock_count <<<"$rj")" $((rbefore + 2)) "$m: region badblock_count"
	jq -e --argjson d "$(jq -c '.badblocks[0].dimms' <<<"$j")" \
		'[.badblocks[] | select(.length == 2 and .dimms == $d)] | length == 1' \
		<<<"$rj" >/dev/null || fail "$m: region badblocks lack the error: $rj"

	# the same region badblocks, dimms included, as the established tool
	if [ -x "${DEB_ROOT:-}/usr/bin/ndctl" ]; then
		theirs=$(LD_LIBRARY_PATH=$DEB_ROOT/usr/lib/x86_64-linux-gnu \
			"$DEB_ROOT/usr/bin/ndctl" list -M -R -r "$r" | jq -c '.[0].badblocks')
		assert_eq "$(jq -c .badblocks <<<"$rj")" "$theirs" "$m: region badblocks vs the established ndctl"
	fi

	# un-inject: the platform forgets it, the kernel still lists it
	check nd inject-error "$d" --uninject -B 8 -n 2
	[ -z "$(status_of "$d")" ] || fail "$m: injected ranges after --uninject"
	[ "$(ns_me "$d" | jq .badblock_count)" = 2 ] ||
		fail "$m: --uninject should leave the kernel's badblocks"

	before=$(nd list -N -n "$d" | jq -c '.[0] | del(.badblock_count, .badblocks)')
	out=$(nd clear-errors "$d" 2>/tmp/clear.err) || { cat /tmp/clear.err >&2; fail "$m: clear-errors"; }
	grep -q "cleared errors in 1 of 1 namespace" /tmp/clear.err ||
		fail "$m: clear-errors summary: $(cat /tmp/clear.err)"
	assert_eq "$(jq '.badblock_count // 0' <<<"$out")" 0 "$m: clear-errors output"
	assert_eq "$(ns_me "$d" | jq '.badblock_count // 0')" 0 "$m: namespace errors after clear"
	assert_eq "$(nd list -M -R -r "$r" | jq '.[0].badblock_count // 0')" "$rbefore" \
		"$m: region errors after clear"
	# same namespace, same mode and device, still enabled
	assert_eq "$(nd list -N -n "$d" | jq -c '.[0] | del(.badblock_count, .badblocks)')" \
		"$before" "$m: namespace after clear"
	case $m in
	raw | fsdax)
		# the pmem driver's own list was rebuilt too (reads work again)
		bdev=$(jq -r .blockdev <<<"$before")
		assert_eq "$(cat /sys/block/$bdev/badblocks)" "" "$m: $bdev badblocks after clear"
		dd if=/dev/$bdev of=/dev/null bs=512 skip=8 count=2 iflag=direct 2>/dev/null ||
			fail "$m: reading the cleared blocks of $bdev failed"
		;;
	esac
done

# nothing to clear is no error
check nd clear-errors -b $BUS all

# start-scrub / wait-scrub
out=$(nd start-scrub $BUS) || fail "start-scrub"
assert_eq "$(jq -r 'if type == "array" then .[0] else . end | .provider' <<<"$out")" $BUS "start-scrub provider"
jq -e 'if type == "array" then .[0] else . end | has("dev") and has("scrub_state")' \
	<<<"$out" >/dev/null || fail "start-scrub keys: $out"
out=$(nd wait-scrub -p 2 $BUS) || fail "wait-scrub"
assert_eq "$(jq -r '.[0].scrub_state' <<<"$out")" idle "wait-scrub state"
out=$(nd wait-scrub) || fail "wait-scrub of every bus"
jq -e "[.[].provider] | index(\"$BUS\") != null" <<<"$out" >/dev/null ||
	fail "wait-scrub without operands lacks $BUS: $out"

# an error the OS is not told about: only a scrub finds it, and
# clear-errors --scrub clears it
d=${dev[devdax]}
check nd inject-error "$d" -B 16 -n 1 --no-notify
nd clear-errors "$d" >/dev/null 2>&1 || fail "clear-errors before the scrub"
[ -n "$(status_of "$d")" ] || fail "clear-errors without --scrub cleared an unknown error"
check nd clear-errors --scrub "$d"
[ -z "$(status_of "$d")" ] || fail "clear-errors --scrub left the latent error"
assert_eq "$(ns_me "$d" | jq '.badblock_count // 0')" 0 "errors after clear-errors --scrub"

# bad input: one line naming what was wrong, nothing changed
d=${dev[raw]}
nblocks=$(( $(nd list -N -n "$d" | jq '.[0].size') / 512 ))
snap() { nd list -M -R -N -b $BUS | jq -S 'del(.. | .scrub_state?)'; status_of "$d"; }
before=$(snap)
bad() { WANT=$1; shift; expect_fail_line nd "$@"; }
bad outside inject-error "$d" -B $nblocks
bad outside inject-error "$d" -B $((nblocks - 1)) -n 2
bad outside inject-error "$d" -B 1 -n 18446744073709551615
bad "--count 0" inject-error "$d" -B 1 -n 0
bad "too large" inject-error "$d" -B 18446744073709551616
bad "--block is required" inject-error "$d"
bad namespace9.9 inject-error namespace9.9 -B 1
bad "'all'" inject-error all -B 1
bad namespace9.9 clear-errors namespace9.9
bad nosuch start-scrub nosuch
bad nosuch wait-scrub nosuch
# a mounted fsdax namespace cannot be disabled around the clear
bdev=$(nd list -N -n ${dev[fsdax]} | jq -r '.[0].blockdev')
modprobe ext4 2>/dev/null
mkdir -p /tmp/media-mnt
if ! grep -qw ext4 /proc/filesystems || ! mkfs.ext4 -q -F /dev/$bdev 2>/dev/null; then
	echo "note: no ext4 here, the mounted-namespace case is not run" >&2
else
	mount /dev/$bdev /tmp/media-mnt || fail "mount $bdev"
	# (a scrub of our own, so that the error is listed whatever state
	# the notification-started one was in)
	check nd inject-error ${dev[fsdax]} -B 4000 -n 1 --no-notify
	check nd wait-scrub $BUS
	check nd start-scrub $BUS
	check nd wait-scrub $BUS
	assert_eq "$(ns_me ${dev[fsdax]} | jq .badblock_count)" 1 "fsdax error listed after the scrub"
	WANT=mounted expect_fail_line nd clear-errors ${dev[fsdax]} ${dev[raw]}
	assert_eq "$(ns_me ${dev[fsdax]} | jq .badblock_count)" 1 "fsdax error kept while mounted"
	umount /tmp/media-mnt
	check nd clear-errors ${dev[fsdax]}
	before=$(snap)
fi
after=$(snap)
assert_eq "$after" "$before" "state after bad input"
# a bus without error injection (nfit_test.1 offers no ACPI DSMs)
if [ "$(cat "$(nd_bus_dir nfit_test.1)/nfit/dsm_mask" 2>/dev/null)" = 0x0 ]; then
	d1=$(nd list -N -b nfit_test.1 | jq -r '.[0].dev')
	[ -n "$d1" ] && [ "$d1" != null ] || fail "no namespace on nfit_test.1"
	WANT="does not support error injection" expect_fail_line \
		nd inject-error -b nfit_test.1 "$d1" -B 1
	[ "$(nd list -M -N -n "$d1" -b nfit_test.1 | jq '.[0].badblock_count // 0')" = 0 ] ||
		fail "$d1 has errors after a refused injection"
else
	fail "nfit_test.1 unexpectedly offers DSMs: $(cat "$(nd_bus_dir nfit_test.1)/nfit/dsm_mask")"
fi
exit 0
