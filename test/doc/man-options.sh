#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Every command of both tools has a man page, listed in its meson.build and
# named on the tool's own page, and every option in the command's option
# table (as `CMD -h` and `CMD --list-opts` print it) is documented there:
# "-x, --long" when the option has a short letter, "--long" otherwise.
# Pages are read with their include:: snippets expanded, so an option that
# comes from a shared snippet counts.  Needs no kernel and no asciidoctor.
. "$TEST_SRCDIR/common.sh"
DOC=${TOP_SRCDIR:?}/Documentation
errors=0
problem() { echo "$*" >&2; errors=$((errors + 1)); }

# expand PAGE: print it with include::FILE[] lines replaced by FILE (relative
# to the including file's directory), recursively
expand() {
	local f=$1 dir line inc
	dir=$(dirname "$f")
	while IFS= read -r line || [ -n "$line" ]; do
		if [[ $line =~ ^include::([^\[]+)\[.*\]$ ]]; then
			inc=$dir/${BASH_REMATCH[1]}
			[ -f "$inc" ] || { problem "$f: included ${BASH_REMATCH[1]} does not exist"; continue; }
			expand "$inc"
		else
			printf '%s\n' "$line"
		fi
	done < "$f"
}

# has TEXT OPT: OPT appears in TEXT as a whole option (not as the prefix
# of a longer one); the page's bold/italic markup is ignored
has() {
	local re
	re=$(sed 's/[][\.*^$+?(){}|/]/\\&/g' <<<"$2")
	grep -Eq -- "(^|[^[:alnum:]-])${re}([^[:alnum:]-]|\$)" <<<"$1"
}

for tool in ndctl daxctl; do
	bin=${tool^^}
	bin=${!bin:?}
	cmds=$("$bin" --list-cmds) || fail "$tool --list-cmds exited $?"
	[ -n "$cmds" ] || fail "$tool --list-cmds printed nothing"
	main=$(expand "$DOC/$tool/$tool.adoc")
	for cmd in $cmds; do
		case $cmd in version | help) continue ;; esac
		page=$DOC/$tool/$tool-$cmd.adoc
		if [ ! -f "$page" ]; then
			problem "$tool $cmd: no man page Documentation/$tool/$tool-$cmd.adoc"
			continue
		fi
		grep -q "'$tool-$cmd'" "$DOC/$tool/meson.build" ||
			problem "$tool $cmd: $tool-$cmd is not listed in Documentation/$tool/meson.build"
		has "$main" "*$cmd*" || has "$main" "$cmd" ||
			problem "$tool $cmd: not named in Documentation/$tool/$tool.adoc"
		text=$(expand "$page" | sed 's/[*_`]//g')
		usage=$("$bin" "$cmd" -h 2>&1)
		grep -q "^usage: $tool $cmd" <<<"$usage" ||
			problem "$tool $cmd -h: no usage line: $usage"
		# option lines of the usage: "    -x, --long <arg>  help",
		# "        --long  help" or "    -x  help"
		declare -A short=()
		longs=()
		while IFS= read -r l; do
			if [[ $l =~ ^\ +-([^-\ ]),\ --([[:alnum:]][[:alnum:]-]*) ]]; then
				short[${BASH_REMATCH[2]}]=${BASH_REMATCH[1]}
				longs+=("${BASH_REMATCH[2]}")
			elif [[ $l =~ ^\ +--([[:alnum:]][[:alnum:]-]*) ]]; then
				longs+=("${BASH_REMATCH[1]}")
			elif [[ $l =~ ^\ +-([^-\ ])(\ |$) ]]; then
				has "$text" "-${BASH_REMATCH[1]}" ||
					problem "$tool $cmd: option -${BASH_REMATCH[1]} is not in $tool-$cmd.adoc"
			fi
		done <<<"$usage"
		# --list-opts is what completion offers; it must agree with -h
		lo=$("$bin" "$cmd" --list-opts) || problem "$tool $cmd --list-opts exited $?"
		for o in $lo; do
			o=${o#--}
			o=${o%=}
			printf '%s\n' "${longs[@]}" | grep -qx -- "$o" || longs+=("$o")
		done
		for o in "${longs[@]}"; do
			if [ -n "${short[$o]:-}" ]; then
				has "$text" "-${short[$o]}, --$o" ||
					problem "$tool $cmd: option -${short[$o]}, --$o is not in $tool-$cmd.adoc"
			else
				has "$text" "--$o" ||
					problem "$tool $cmd: option --$o is not in $tool-$cmd.adoc"
			fi
		done
		unset short
	done
done
[ "$errors" -eq 0 ] || fail "$errors problem(s) in the man pages"
echo "man pages document every option of every command"
