#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# check-namespace on a BTT the kernel wrote (sector namespace on
# nfit_test.0, a known pattern written through /dev/pmemXs): clean passes;
# each corruption written with dd into the raw metadata (primary info
# block, its backup, a checksum, a map entry, a flog entry, the whole
# flog) is named and fails the check, nothing is written without
# --repair (the raw namespace's checksum is unchanged), --repair fixes it
# and the data reads back intact in sector mode (crafted offsets too);
# what cannot be decided (a block mapped twice, both info blocks gone, an
# arena past the end of the namespace) is refused without a write.  An
# active namespace is refused without --force, and with it is disabled
# for the check and enabled again, also when problems are found.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

relabel 1.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$(nd create-namespace -b "$BUS" -m sector -s 32M) || fail "create sector"
d=$(jq -r .dev <<<"$out")
blk=$(jq -r .blockdev <<<"$out")
[ -b "/dev/$blk" ] || fail "no /dev/$blk"
sys=/sys/bus/nd/devices/$d

# 2 MiB of known data through the BTT
dd if=/dev/urandom of="$tmp/pattern" bs=4096 count=512 status=none
dd if="$tmp/pattern" of="/dev/$blk" bs=4096 oflag=direct conv=fsync status=none ||
	fail "writing the pattern"
data_ok() { # $1: what; the namespace is enabled in sector mode
	dd if="/dev/$blk" bs=4096 count=512 iflag=direct status=none |
		cmp -s - "$tmp/pattern" || fail "$1: data changed"
}

WANT="namespace is active" expect_fail_line nd check-namespace "$d"
check nd check-namespace -f "$d"
[ -b "/dev/$blk" ] || fail "clean -f: not re-enabled"
check nd check-namespace -b "$BUS" -f all
data_ok "clean check"

# the geometry, from the info block
check nd disable-namespace "$d"
ib=$(nd read-infoblock "$d" -j 2>/dev/null) || fail "read-infoblock"
g() { jq -r ".[0].$1" <<<"$ib"; }
base=4096
mapoff=$((base + $(g mapoff)))
logoff=$((base + $(g logoff)))
info2=$((base + $(g info2off)))
nfree=$(g nfree)

raw_on() {
	echo 1 >"$sys/force_raw" || fail "force_raw"
	check nd enable-namespace "$d"
	raw=/dev/$(ls "$sys/block")
	[ -b "$raw" ] || fail "no raw block device"
}
raw_off() {
	check nd disable-namespace "$d"
	echo 0 >"$sys/force_raw"
}
# each raw-mode switch costs seconds under TCG: the helpers below work on
# $raw inside one session (raw_on ... raw_off), never in a pipeline
sum() { sha256sum <"$raw"; }
# put OFFSET: stdin bytes at OFFSET of the raw namespace
put() { dd of="$raw" bs=1 seek="$1" conv=notrunc,fsync status=none || fail "dd"; }
get() { dd if="$raw" bs=1 skip="$1" count="$2" status=none; }
raw_sum() { raw_on; sum; raw_off; }
poke() { raw_on; put "$1"; raw_off; }
peek() { raw_on; get "$@"; raw_off; }

# case NAME OFFSET WANT REPAIRED-LINE < corruption bytes
case_fix() {
	local name=$1 off=$2 want=$3 fixed=$4 start before
	raw_on
	start=$(sum)
	put "$off"
	before=$(sum)
	raw_off
	[ "$before" != "$start" ] || fail "$name: corruption not written"
	nd check-namespace "$d" 2>"$tmp/err" && fail "$name: check passed"
	grep -q -- "$want" "$tmp/err" || fail "$name: no '$want' in: $(cat "$tmp/err")"
	grep -q "run with --repair" "$tmp/err" || fail "$name: no hint"
	assert_eq "$(raw_sum)" "$before" "$name: written without --repair"
	nd check-namespace -R "$d" 2>"$tmp/err" ||
		fail "$name: --repair failed: $(cat "$tmp/err")"
	grep -q -- "$fixed" "$tmp/err" || fail "$name: no '$fixed' in: $(cat "$tmp/err")"
	grep -q "arena 0: repaired" "$tmp/err" || fail "$name: not reported repaired"
	nd check-namespace "$d" 2>"$tmp/err" ||
		fail "$name: not clean after repair: $(cat "$tmp/err")"
	check nd enable-namespace "$d"
	data_ok "$name"
	check nd disable-namespace "$d"
}

head -c 16 /dev/zero |
	case_fix "primary info block" $base "no BTT_ARENA_INFO signature" \
		"primary info block restored from the backup"
printf '\x55' |
	case_fix "primary checksum" $((base + 2000)) "info block checksum mismatch" \
		"primary info block restored from the backup"
printf '\x55' |
	case_fix "backup info block" $((info2 + 2000)) "backup info block is invalid" \
		"backup info block restored from the primary"
printf '\xff\xff\xff\xff' |
	case_fix "map entry" $((mapoff + 4 * 3)) "map entry points past the internal blocks" \
		"map entry set to the one unreferenced block"
head -c 16 /dev/zero | tr '\0' '\377' |
	case_fix "flog entry" "$logoff" "flog lane has no valid pair of sequence numbers" \
		"flog lane rebuilt"
head -c $((nfree * 64)) /dev/urandom |
	case_fix "random flog" "$logoff" "flog" "flog lane rebuilt"
# crafted: a primary with its offsets past any arena, checksum resealed
# (so only the fields give it away): restored from the backup
# craft FILE FIELD-OFFSET VALUE: set a 64-bit field, reseal the checksum
craft() {
	python3 -c 'import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
b[int(sys.argv[2]):int(sys.argv[2]) + 8] = struct.pack("<Q", int(sys.argv[3]))
b[4088:4096] = bytes(8)
lo = hi = 0
for i in range(0, 4096, 4):
    if i < 4088:
        lo = (lo + struct.unpack_from("<I", b, i)[0]) & 0xffffffff
    hi = (hi + lo) & 0xffffffffffffffff
b[4088:4096] = struct.pack("<Q", ((hi << 32) | lo) & 0xffffffffffffffff)
sys.stdout.buffer.write(b)' "$@"
}
peek $base 4096 >"$tmp/primary"
craft "$tmp/primary" 112 $((1 << 40)) |
	case_fix "crafted offsets" $base "arena offsets unordered" \
		"primary info block restored from the backup"
# crafted, and consistent in itself, but the arena ends past the
# namespace: named, never read there, nothing written even with -R
craft "$tmp/primary" 112 $((1 << 30)) >"$tmp/long"
raw_on
put $base <"$tmp/long"
before=$(sum)
raw_off
nd check-namespace -R "$d" 2>"$tmp/err" && fail "arena past the end: passed"
grep -q "metadata extends past the end" "$tmp/err" || fail "past the end: $(cat "$tmp/err")"
assert_eq "$(raw_sum)" "$before" "past the end: written"
poke $base <"$tmp/primary"
check nd check-namespace "$d"

assert_eq "$(nd check-namespace -v "$d" 2>&1 | grep -c 'arena 0 at 0x1000')" 1 \
	"-v names the arena"

# -L: a flog in the layout of kernels before 4.15 (entries in slots 0
# and 2) is valid; --rewrite-log (only with --repair) moves it to (0,1)
check nd enable-namespace "$d"
dd if="$tmp/pattern" of="/dev/$blk" bs=4096 oflag=direct conv=fsync status=none ||
	fail "rewriting the pattern"
check nd disable-namespace "$d"
raw_on
get "$logoff" $((nfree * 64)) >"$tmp/flog"
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
for i in range(0, len(b), 64):
    b[i + 32:i + 48] = b[i + 16:i + 32]
    b[i + 16:i + 32] = bytes(16)
sys.stdout.buffer.write(b)' "$tmp/flog" >"$tmp/flog02"
put "$logoff" <"$tmp/flog02"
raw_off
cmp -s "$tmp/flog" "$tmp/flog02" && fail "-L: no lane has a second entry"
check nd check-namespace "$d"
WANT=--repair expect_fail_line nd check-namespace -L "$d"
check nd check-namespace -R -L "$d"
peek "$logoff" $((nfree * 64)) | cmp -s - "$tmp/flog" ||
	fail "-L: the flog is not the kernel's (0,1) layout again"
check nd enable-namespace "$d"
data_ok "-L"
check nd disable-namespace "$d"

# an active namespace with a damaged backup (the kernel does not read it):
# -f disables, reports, and enables again, with and without --repair
# (the rebuilt lanes differ from the kernel's bytes: compare from here)
raw_on
snap=$(sum)
printf '\x55' | put $((info2 + 3000))
raw_off
check nd enable-namespace "$d"
nd check-namespace -f "$d" 2>"$tmp/err" && fail "-f: damaged backup passed"
grep -q "backup info block is invalid" "$tmp/err" || fail "-f: $(cat "$tmp/err")"
[ -b "/dev/$blk" ] || fail "-f: not re-enabled after a failed check"
check nd check-namespace -f -R "$d"
[ -b "/dev/$blk" ] || fail "-f -R: not re-enabled"
data_ok "-f -R"
check nd check-namespace -f "$d"
check nd disable-namespace "$d"
assert_eq "$(raw_sum)" "$snap" "-f -R: backup not restored byte for byte"

# undecidable: premap 5 maps premap 4's block too; refused, not written
raw_on
get $((mapoff + 20)) 4 >"$tmp/ent5"
get $((mapoff + 16)) 4 >"$tmp/ent4"
put $((mapoff + 20)) <"$tmp/ent4"
before=$(sum)
raw_off
nd check-namespace -R "$d" 2>"$tmp/err" && fail "duplicate: --repair passed"
grep -q "postmap block mapped more than once" "$tmp/err" || fail "duplicate: $(cat "$tmp/err")"
grep -q "not repaired" "$tmp/err" || fail "duplicate: no refusal: $(cat "$tmp/err")"
assert_eq "$(raw_sum)" "$before" "duplicate: written although refused"
poke $((mapoff + 20)) <"$tmp/ent5"

# both info blocks gone: nothing to go on
raw_on
get $base 4096 >"$tmp/info"
get "$info2" 4096 >"$tmp/info2"
head -c 4096 /dev/zero | put $base
head -c 4096 /dev/urandom | put "$info2"
before=$(sum)
raw_off
nd check-namespace -R "$d" 2>"$tmp/err" && fail "no info block: passed"
grep -q "no valid BTT info block" "$tmp/err" || fail "no info block: $(cat "$tmp/err")"
assert_eq "$(raw_sum)" "$before" "no info block: written"
raw_on
put $base <"$tmp/info"
put "$info2" <"$tmp/info2"
after=$(sum)
raw_off
assert_eq "$after" "$snap" "restored by hand"

check nd check-namespace "$d"
check nd enable-namespace "$d"
data_ok "at the end"
exit 0
