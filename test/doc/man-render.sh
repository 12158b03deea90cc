#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Every man page source renders without an asciidoctor warning (missing
# attributes included), is built (listed in its meson.build) with a header
# naming the source and the manual, has NAME, SYNOPSIS, DESCRIPTION,
# EXAMPLES (commands) and SEE ALSO, does not list itself under SEE ALSO
# and says what the tools do rather than comparing them with another
# implementation; every snippet is a dependency of the pages.
# Usage: man-render.sh ASCIIDOCTOR
. "$TEST_SRCDIR/common.sh"
ADOC=${1:?usage: man-render.sh ASCIIDOCTOR}
DOC=${TOP_SRCDIR:?}/Documentation
BUILT=${TOP_BUILDDIR:?}/Documentation
errors=0
problem() { echo "$*" >&2; errors=$((errors + 1)); }
tmp=$(mktemp -d) || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT

# asciidoctor starts slowly: render each directory's pages in one run,
# and only on a warning each page alone to say which one it was
pages=0
for dir in "$DOC"/*/; do
	srcs=()
	for src in "$dir"*.adoc; do
		# a page starts with its title "= name(section)"; the rest are snippets
		head -n 1 "$src" | grep -Eq '^= [a-z0-9-]+\([0-9]\)$' && srcs+=("$src")
	done
	[ ${#srcs[@]} -gt 0 ] || continue
	mkdir -p "$tmp/$(basename "$dir")"
	"$ADOC" -b manpage -d manpage --failure-level=WARN -a mansource=test \
		-a manmanual=test -a sysconfdir=/etc \
		-a attribute-missing=warn -D "$tmp/$(basename "$dir")" "${srcs[@]}" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
		# not every warning names its file: find the pages one by one
		before=$errors
		for src in "${srcs[@]}"; do
			"$ADOC" -b manpage -d manpage --failure-level=WARN \
				-a mansource=test -a manmanual=test -a sysconfdir=/etc \
				-a attribute-missing=warn -o "$tmp/one" "$src" 2>"$tmp/err1" &&
				[ ! -s "$tmp/err1" ] ||
				problem "${src#"$DOC"/}: asciidoctor: $(cat "$tmp/err1")"
		done
		[ "$errors" -gt "$before" ] ||
			problem "asciidoctor (exit $rc) on $dir: $(cat "$tmp/err")"
	fi
	pages=$((pages + ${#srcs[@]}))
done

for src in "$DOC"/*/*.adoc; do
	rel=${src#"$DOC"/}
	# plain facts, not comparisons (snippets included)
	if grep -qiE 'established (tool|ndctl|daxctl|one)' "$src"; then
		problem "$rel: compares with the established tool; say what the command does:
$(grep -niE 'established (tool|ndctl|daxctl|one)' "$src")"
	fi
	title=$(head -n 1 "$src")
	if ! [[ $title =~ ^=\ ([a-z0-9-]+)\(([0-9])\)$ ]]; then
		# a snippet: the pages are rebuilt when it changes
		grep -q "'$(basename "$src")'" "$(dirname "$src")/meson.build" ||
			problem "$rel: snippet not in the man_snippets of $(dirname "$rel")/meson.build"
		continue
	fi
	name=${BASH_REMATCH[1]} sect=${BASH_REMATCH[2]}
	[ "$(basename "$src" .adoc)" = "$name" ] ||
		problem "$rel: the title names $name"
	# the built page: in the install list, with a complete header
	out=$BUILT/$(dirname "$rel")/$name.$sect
	if [ ! -f "$out" ]; then
		problem "$rel: not built (is $name listed in $(dirname "$rel")/meson.build?)"
	else
		th=$(grep -m1 '^\.TH ' "$out")
		# .TH "TITLE" "SECTION" "DATE" "SOURCE" "MANUAL"
		eval "set -- ${th#.TH }"
		if [ $# -lt 5 ] || [ -z "$4" ] || [ -z "${5//[\\ &]/}" ]; then
			problem "$rel: header lacks the source or the manual: $th"
		fi
	fi
	# the sections a reader looks for
	for sec in NAME SYNOPSIS DESCRIPTION EXAMPLES "SEE ALSO"; do
		[ "$sect" = 1 ] || [ "$sec" != EXAMPLES ] || continue
		grep -q "^== $sec\$" "$src" || problem "$rel: no $sec section"
	done
	# SEE ALSO names other pages
	see=$(sed -n '/^\.SH "SEE ALSO"/,/^\.SH/p' "$tmp/$(dirname "$rel")/$name.$sect")
	grep -q "\\\\fB${name//-/\\\\-}\\\\fP($sect)" <<<"$see" &&
		problem "$rel: SEE ALSO lists the page itself"
done
[ "$pages" -gt 0 ] || fail "no man page found under $DOC"
[ "$errors" -eq 0 ] || fail "$errors problem(s) in $pages man pages"
echo "$pages man pages render cleanly"
