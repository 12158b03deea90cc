# SPDX-License-Identifier: GPL-2.0-only
# bash completion for ndctl
# Commands and options come from the binary itself (--list-cmds,
# --list-opts), object names from `ndctl list`, so this stays in step.

__ndctl_objects()
{
	# $1: ndctl, $2: key to extract ("dev" or "provider"), $3: list class
	local key=${2:-dev}
	"$1" list $3 -i 2>/dev/null |
		sed -n 's/^ *"'"$key"'":"\([^"]*\)".*/\1/p'
}

_ndctl()
{
	local cur prev cmd i words_n
	local nd=${COMP_WORDS[0]}
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$($nd --list-cmds 2>/dev/null) --version --help --list-cmds" -- "$cur"))
		return
	fi

	# the media-error commands reuse letters other commands give values
	case $cmd:$prev in
	inject-error:-B | inject-error:--block | inject-error:-n | inject-error:--count | \
	wait-scrub:-p | wait-scrub:--poll)
		return ;;
	inject-error:-[dtNSu] | inject-error:--uninject | inject-error:--status | \
	inject-error:--no-notify | inject-error:--saturate | inject-error:--human | \
	clear-errors:-s | clear-errors:--scrub | \
	*-passphrase:-m | sanitize-dimm:-[mcozf] | sanitize-dimm:--overwrite | \
	update-firmware:-[iAD] | activate-firmware:-[IfnD] | activate-firmware:--dry-run)
		prev= ;;	# flags: complete the next word afresh
	inject-smart:-[mMcCsS] | inject-smart:--*temperature | inject-smart:--*-threshold | \
	inject-smart:--spares | monitor:-p | monitor:--poll)
		return ;;	# numbers
	inject-smart:--*-alarm)
		COMPREPLY=($(compgen -W "on off" -- "$cur")); return ;;
	inject-smart:-[fFUNuv] | inject-smart:--*uninject* | inject-smart:--fatal | \
	inject-smart:--unsafe-shutdown | inject-smart:--human | monitor:-u | monitor:--human)
		prev= ;;
	monitor:-D | monitor:--dimm-event)
		COMPREPLY=($(compgen -W "all dimm-spares-remaining dimm-media-temperature dimm-controller-temperature dimm-health-state dimm-unclean-shutdown" -- "$cur")); return ;;
	monitor:-l | monitor:--log)
		COMPREPLY=($(compgen -W "syslog standard" -- "$cur") $(compgen -f -- "$cur")); return ;;
	monitor:-c | monitor:--config-file)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	# the security and firmware commands' values
	*-passphrase:-k | *-passphrase:--key-handle)
		COMPREPLY=($(compgen -W "user:nvdimm-master trusted:nvdimm-master" -- "$cur")); return ;;
	update-firmware:-f | update-firmware:--firmware)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	load-keys:-p | load-keys:--key-path)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	load-keys:-t | load-keys:--tpm-handle)
		return ;;
	# write-infoblock: only the info block modes; -c is a flag here
	write-infoblock:-m | write-infoblock:--mode)
		COMPREPLY=($(compgen -W "fsdax devdax" -- "$cur")); return ;;
	write-infoblock:-p | write-infoblock:--parent-uuid)
		return ;;
	write-infoblock:-c | write-infoblock:--stdout)
		prev= ;;
	esac

	case $prev in
	-b | --bus)
		COMPREPLY=($(compgen -W "$(__ndctl_objects $nd provider -B)" -- "$cur")); return ;;
	-r | --region)
		COMPREPLY=($(compgen -W "all $(__ndctl_objects $nd dev -R)" -- "$cur")); return ;;
	-d | --dimm)
		COMPREPLY=($(compgen -W "all $(__ndctl_objects $nd dev -D)" -- "$cur")); return ;;
	-n | --namespace | -e | --reconfig)
		[ "$cmd" = create-namespace ] && [ "$prev" = -n -o "$prev" = --name ] && return
		COMPREPLY=($(compgen -W "$(__ndctl_objects $nd dev -N)" -- "$cur")); return ;;
	-m | --mode)
		COMPREPLY=($(compgen -W "fsdax devdax sector raw" -- "$cur")); return ;;
	-M | --map)
		COMPREPLY=($(compgen -W "mem dev" -- "$cur")); return ;;
	-t | --type)
		COMPREPLY=($(compgen -W "pmem blk" -- "$cur")); return ;;
	-V | --label-version)
		COMPREPLY=($(compgen -W "1.1 1.2" -- "$cur")); return ;;
	-i | --input | -o | --output)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-s | --size | -a | --align | -l | --sector-size | -u | --uuid | -O | --offset | -U | --numa-node)
		return ;;
	esac

	if [[ $cur == -* ]]; then
		# --list-opts marks options taking a value with a trailing '='
		COMPREPLY=($(compgen -W "$($nd $cmd --list-opts 2>/dev/null | tr -d '=')" -- "$cur"))
		return
	fi
	case $cmd in
	*-namespace)
		[ "$cmd" = create-namespace ] && return
		COMPREPLY=($(compgen -W "all $(__ndctl_objects $nd dev -N)" -- "$cur")) ;;
	inject-error)
		COMPREPLY=($(compgen -W "$(__ndctl_objects $nd dev -N)" -- "$cur")) ;;
	*-infoblock)
		COMPREPLY=($(compgen -W "all $(__ndctl_objects $nd dev -N)" -- "$cur")) ;;
	clear-errors)
		COMPREPLY=($(compgen -W "all $(__ndctl_objects $nd dev -N)" -- "$cur")) ;;
	inject-smart)
		COMPREPLY=($(compgen -W "$(__ndctl_objects $nd dev -D)" -- "$cur")) ;;
	*-scrub | activate-firmware)
		COMPREPLY=($(compgen -W "$(__ndctl_objects $nd provider -B)" -- "$cur")) ;;
	*-passphrase | freeze-security | sanitize-dimm | wait-overwrite | update-firmware)
		COMPREPLY=($(compgen -W "all $(__ndctl_objects $nd dev -D)" -- "$cur")) ;;
	*-region)
		COMPREPLY=($(compgen -W "all $(__ndctl_objects $nd dev -R)" -- "$cur")) ;;
	*-dimm | *-labels)
		COMPREPLY=($(compgen -W "all $(__ndctl_objects $nd dev -D)" -- "$cur")) ;;
	help)
		COMPREPLY=($(compgen -W "$($nd --list-cmds 2>/dev/null)" -- "$cur")) ;;
	esac
}

complete -F _ndctl ndctl
