# SPDX-License-Identifier: GPL-2.0-only
# Helpers for the device-DAX contract scenarios; source after common.sh.
# DAX_CONTRACT is the dax-contract program (test/dax/dax-contract.c).
[ -x "${DAX_CONTRACT:-}" ] || fail "DAX_CONTRACT is not set (dax-contract not built?)"

# contract DEV CHECK [-- CMD...]: run one check, show its lines, fail on failure
contract() {
	local out rc
	out=$("$DAX_CONTRACT" "$@" 2>&1)
	rc=$?
	echo "$out" | sed "s|^|$1 $2: |"
	[ "$rc" = 0 ] || fail "dax-contract $* exited $rc"
	CONTRACT_OUT=$out
}

# full_contract DEV: every check that faults the mapping in
full_contract() {
	local c
	for c in refuse map pagesize fork; do
		contract "$1" "$c"
	done
}

# contract_refuses DEV PATTERN: dax-contract must exit 2 saying PATTERN
contract_refuses() {
	local out rc
	out=$("$DAX_CONTRACT" "$1" map 2>&1)
	rc=$?
	assert_eq "$rc" 2 "dax-contract on $1 ($out)"
	echo "$out" | grep -Eq -- "$2" || fail "dax-contract on $1: '$out' does not match '$2'"
}
