# SPDX-License-Identifier: GPL-2.0-only
# bash completion for daxctl: commands and options come from the tool itself
# (--list-cmds, <command> --list-opts), devices and regions from sysfs.
_daxctl_devices()
{
	local d
	for d in /sys/bus/dax/devices/dax*; do
		[ -e "$d" ] && echo "${d##*/}"
	done
	echo all
}

_daxctl_regions()
{
	local d
	for d in /sys/bus/dax/devices/dax*/../dax_region/id; do
		[ -r "$d" ] && cat "$d"
	done 2>/dev/null | sort -un
	echo all
}

_daxctl()
{
	local cur prev cmd i opts
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	for ((i = 1; i < COMP_CWORD; i++)); do
		case "${COMP_WORDS[i]}" in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$(daxctl --list-cmds 2>/dev/null) --version --help --list-cmds" -- "$cur"))
		return
	fi
	case "$prev" in
	-r|--region) COMPREPLY=($(compgen -W "$(_daxctl_regions)" -- "$cur")); return ;;
	-d|--dev) COMPREPLY=($(compgen -W "$(_daxctl_devices)" -- "$cur")); return ;;
	-m|--mode) COMPREPLY=($(compgen -W "devdax system-ram" -- "$cur")); return ;;
	-a|--align) COMPREPLY=($(compgen -W "4K 2M 1G" -- "$cur")); return ;;
	--input) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	case "$cur" in
	--*=*)
		case "${cur%%=*}" in
		--region) COMPREPLY=($(compgen -P "--region=" -W "$(_daxctl_regions)" -- "${cur#*=}")) ;;
		--dev) COMPREPLY=($(compgen -P "--dev=" -W "$(_daxctl_devices)" -- "${cur#*=}")) ;;
		--mode) COMPREPLY=($(compgen -P "--mode=" -W "devdax system-ram" -- "${cur#*=}")) ;;
		--input) COMPREPLY=($(compgen -P "--input=" -f -- "${cur#*=}")) ;;
		esac
		return ;;
	-*)
		opts=$(daxctl "$cmd" --list-opts 2>/dev/null)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		# options taking a value end in '=': no space after them
		[ "${#COMPREPLY[@]}" = 1 ] && [ "${COMPREPLY[0]%=}" != "${COMPREPLY[0]}" ] &&
			compopt -o nospace
		return ;;
	esac
	case "$cmd" in
	help) COMPREPLY=($(compgen -W "$(daxctl --list-cmds 2>/dev/null)" -- "$cur")) ;;
	*-device|*-memory) COMPREPLY=($(compgen -W "$(_daxctl_devices)" -- "$cur")) ;;
	esac
}
complete -F _daxctl daxctl
