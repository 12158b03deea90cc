# Shared by the cmd-*.sh scenarios (source after common.sh): the raw,
# label-less namespace that nfit_test.0 gives each interleaved region at
# boot, and its facts as sysfs reports them.
probe=${1:?usage: ${0##*/} CMD_PROBE}

# ns_of_region REGION_DIR: its enabled namespace (the one with a block device)
ns_of_region() {
	local n
	for n in "$1"/namespace*; do
		[ -d "$n/block" ] && { basename "$n"; return 0; }
	done
	return 1
}

# pick_ns MIN_MAPPINGS: sets NS REGION NS_START NS_SIZE REGION_START PMEM
pick_ns() {
	local bus r
	bus=$(nd_bus_dir nfit_test.0) || fail "no nfit_test.0 bus"
	for r in "$bus"/region*; do
		[ "$(cat "$r/nstype")" = 4 ] || continue
		[ "$(cat "$r/mappings")" -ge "$1" ] || continue
		NS=$(ns_of_region "$r") || continue
		REGION=$r
		NS_START=$(($(cat "$r/$NS/resource")))
		NS_SIZE=$(cat "$r/$NS/size")
		REGION_START=$(($(cat "$r/resource")))
		PMEM=$(ls "$r/$NS/block")
		return 0
	done
	fail "no enabled pmem namespace in a region of >= $1 DIMMs on nfit_test.0"
}

# last_dimm REGION_DIR: the nmem of its highest-position mapping
last_dimm() {
	local n
	n=$(cat "$1/mappings")
	cut -d, -f1 <"$1/mapping$((n - 1))"
}

# probe_ok ARGS...: run cmd-probe, fail the test on error, print its
# standard output (its diagnostics and the library's log go to stderr)
probe_ok() {
	local out
	out=$("$probe" "$@") || { echo "$out" >&2; fail "cmd-probe $*"; }
	echo "$out"
}

# ars_blocks ARS_OUTPUT NS_START: the 512-byte blocks of the namespace that
# the ARS records touch, "first+count" runs, one a line
ars_blocks() {
	local a l b e prev= first=
	while read -r _ a l; do
		[ -n "$a" ] || continue
		b=$(( (a - $2) / 512 )) e=$(( (a + l - 1 - $2) / 512 ))
		for ((; b <= e; b++)); do
			if [ -n "$prev" ] && [ $b -le $((prev + 1)) ]; then
				[ $b -gt $prev ] && prev=$b
				continue
			fi
			[ -n "$first" ] && echo "$first+$((prev - first + 1))"
			first=$b prev=$b
		done
	done <<<"$(grep '^record ' <<<"$1" | sort -k2,2)"
	[ -n "$first" ] && echo "$first+$((prev - first + 1))"
	return 0
}

# has_line TEXT LINE WHAT
has_line() {
	grep -qxF -- "$2" <<<"$1" || { echo "$1" >&2; fail "$3: no line '$2'"; }
}
