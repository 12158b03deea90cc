#!/bin/bash
# Compare the dynamic symbol table of a built library with the established
# ABI list: every listed function exported at exactly its version node,
# nothing else exported, and each node's parent the node listed before it.
# Usage: abi-check.sh LIBRARY.so SYMBOLS-FILE
# SYMBOLS-FILE has "NODE symbol" lines.  Exit 77 when it does not exist.
lib=$1 abi=$2

if [ ! -r "$abi" ]; then
	echo "SKIP: no ABI list at $abi" >&2
	exit 77
fi
[ -r "$lib" ] || { echo "FAIL: no library at $lib" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Defined, globally visible dynamic symbols as "NODE name".  The version
# nodes themselves appear as ABS objects named after the node: skip them.
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
		print ver " " sym
	}' | sort >"$tmp/have"
awk 'NF == 2 { print $1 " " $2 }' "$abi" | sort >"$tmp/want"

status=0
if ! cmp -s "$tmp/have" "$tmp/want"; then
	status=1
	comm -13 "$tmp/have" "$tmp/want" | sed 's/^/missing or at the wrong node: /' >&2
	comm -23 "$tmp/have" "$tmp/want" | sed 's/^/unexpected export: /' >&2
fi

# Node inheritance: the order in which nodes first appear in the list is
# the order of definition; each one after the first names its predecessor.
readelf -V -W "$lib" | awk '
	/Name: / { for (i = 1; i <= NF; i++) if ($i == "Name:") cur = $(i + 1) }
	/Parent 1: / { print cur " " $NF }' | sort >"$tmp/parents"
awk 'NF == 2 && !seen[$1]++ { if (prev != "") print $1 " " prev; prev = $1 }' \
	"$abi" | sort >"$tmp/want-parents"
if ! cmp -s "$tmp/parents" "$tmp/want-parents"; then
	status=1
	echo "version node parents differ (have vs want):" >&2
	diff "$tmp/parents" "$tmp/want-parents" >&2
fi

[ $status = 0 ] && echo "$(wc -l <"$tmp/want") symbols at their nodes"
exit $status
