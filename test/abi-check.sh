#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Check a library's dynamic symbol table against the established ABI list:
# every exported function must be in the list and carry exactly the
# version node the list gives it, nothing may be exported unversioned,
# and each node must inherit the node listed before it.  With --complete
# every listed function must be exported too (libdaxctl); without it the
# library may export a subset (libndctl lacks the DIMM-specific DSM
# families), and unexported entries are only counted.
# Usage: abi-check.sh [--complete] LIBRARY.so SYMBOLS-FILE
# The lists live in test/abi/; a missing list is a failure, never a skip.
complete=0
[ "${1:-}" = --complete ] && { complete=1; shift; }
lib=$1 abi=$2

if [ ! -r "$abi" ]; then
	echo "FAIL: no ABI list at $abi (test/abi/ is part of the repository)" >&2
	exit 1
fi
[ -r "$lib" ] || { echo "FAIL: no library at $lib" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

readelf --dyn-syms -W "$lib" | awk '
	$7 == "UND" || ($5 != "GLOBAL" && $5 != "WEAK") { next }
	{
		name = $8
		n = index(name, "@")
		if (n == 0 && $7 == "ABS") next
		if (n == 0) { print "UNVERSIONED " name; next }
		sym = substr(name, 1, n - 1)
		ver = substr(name, n + 1)
		sub(/^@/, "", ver)
		if (sym == ver) next
		print ver " " sym
	}' | sort >"$tmp/have"
awk 'NF == 2 { print $1 " " $2 }' "$abi" | sort >"$tmp/want"

status=0
bad=$(comm -23 "$tmp/have" "$tmp/want")
if [ -n "$bad" ]; then
	status=1
	while read -r node sym; do
		listed=$(awk -v s="$sym" '$2 == s { print $1 }' "$abi")
		if [ -n "$listed" ]; then
			echo "FAIL: $sym exported at $node, the ABI has it at $listed" >&2
		else
			echo "FAIL: $sym ($node) is not in the established ABI" >&2
		fi
	done <<<"$bad"
fi
if [ $complete = 1 ] && [ -n "$(comm -13 "$tmp/have" "$tmp/want")" ]; then
	status=1
	comm -13 "$tmp/have" "$tmp/want" | sed 's/^/FAIL: not exported at its node: /' >&2
fi
n_have=$(wc -l <"$tmp/have")
[ "$n_have" -gt 0 ] || { echo "FAIL: nothing exported" >&2; status=1; }

readelf -V -W "$lib" | awk '
	/Name: / { for (i = 1; i <= NF; i++) if ($i == "Name:") cur = $(i + 1) }
	/Parent 1: / { print cur " " $NF }' | sort >"$tmp/parents"
awk 'NF == 2 && !seen[$1]++ { if (prev != "") print $1 " " prev; prev = $1 }' \
	"$abi" | sort >"$tmp/want-parents"
# only the nodes the library defines need to chain correctly
if [ -n "$(comm -23 "$tmp/parents" "$tmp/want-parents")" ]; then
	status=1
	echo "FAIL: version node parents differ (have vs want):" >&2
	comm -23 "$tmp/parents" "$tmp/want-parents" >&2
fi

[ $status = 0 ] && echo "$n_have of $(wc -l <"$tmp/want") established symbols exported, each at its node"
exit $status
