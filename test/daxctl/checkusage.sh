#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Every subcommand: -h prints usage and exits 0, --list-opts lists options,
# an unknown option is one stderr line and exit 129 (no usage dump), a
# missing required argument is one line and exit 129: the usage status of
# both tools (util/cli.h).  An unknown command exits 1, as in git.
. "$TEST_SRCDIR/common.sh"

cmds=$("$DAXCTL" --list-cmds) || fail "--list-cmds failed"
[ "$(echo "$cmds" | wc -l)" -ge 11 ] || fail "--list-cmds: too few commands: $cmds"
needs_dev="destroy-device enable-device disable-device reconfigure-device online-memory offline-memory"

for c in $cmds; do
	out=$("$DAXCTL" "$c" -h 2>&1) || fail "$c -h exited $?"
	case "$out" in *"usage: daxctl $c"*) ;; *) [ "$c" = help ] || fail "$c -h: no usage line: $out" ;; esac

	out=$("$DAXCTL" "$c" --list-opts 2>&1) || fail "$c --list-opts exited $?"

	out=$("$DAXCTL" "$c" --no-such-option 2>&1 >/dev/null)
	rc=$?
	assert_eq "$rc" 129 "$c --no-such-option exit status"
	assert_eq "$(printf '%s\n' "$out" | wc -l)" 1 "$c --no-such-option: lines of stderr ($out)"
	assert_eq "$out" "daxctl $c: unknown option '--no-such-option'" "$c unknown option message"

	out=$("$DAXCTL" "$c" -Z 2>&1 >/dev/null)
	assert_eq "$?" 129 "$c -Z exit status"
	assert_eq "$out" "daxctl $c: unknown switch '-Z'" "$c unknown switch message"

	case " $needs_dev " in
	*" $c "*)
		out=$("$DAXCTL" "$c" 2>&1 >/dev/null)
		assert_eq "$?" 129 "$c without a device: exit status"
		assert_eq "$out" "daxctl $c: missing device name (or 'all')" "$c without a device"
		;;
	esac
done

# options that need a value
for c in "list -r" "list -d" "create-device -s" "create-device --align" \
	 "reconfigure-device dax0.0 -m"; do
	# shellcheck disable=SC2086
	out=$("$DAXCTL" $c 2>&1 >/dev/null)
	assert_eq "$?" 129 "'$c' exit status"
	case "$out" in *"requires a value") ;; *) fail "'$c': $out" ;; esac
done

# the option lists feed bash completion: spot-check the known ones
opts=$("$DAXCTL" list --list-opts)
for o in --region= --dev= --devices --regions --mappings --idle --human; do
	case " $opts " in *" $o "*) ;; *) fail "list --list-opts lacks $o: $opts" ;; esac
done
opts=$("$DAXCTL" reconfigure-device --list-opts)
for o in --mode= --size= --align= --no-online --no-movable --force --check-config; do
	case " $opts " in *" $o "*) ;; *) fail "reconfigure-device --list-opts lacks $o: $opts" ;; esac
done

# -u/--human is accepted by every device command, as by the established
# daxctl (which prints no JSON for these five, so it changes nothing there)
for c in destroy-device disable-device enable-device online-memory offline-memory; do
	opts=$("$DAXCTL" $c --list-opts)
	case " $opts " in *" --human "*) ;; *) fail "$c --list-opts lacks --human: $opts" ;; esac
	for u in -u --human; do
		out=$("$DAXCTL" $c $u dax99.99 2>&1 >/dev/null)
		case "$out" in
		*"unknown switch"* | *"unknown option"*) fail "$c $u refused: $out" ;;
		esac
	done
done

out=$("$DAXCTL" bogus 2>&1)
assert_eq "$?" 1 "unknown command exit status"

assert_eq "$out" "daxctl: unknown command 'bogus' (see 'daxctl --list-cmds')" "unknown command"
out=$("$DAXCTL" version) || fail "version failed"
[ -n "$out" ] || fail "version printed nothing"
assert_eq "$("$DAXCTL" --version)" "$out" "--version"
echo "checked $(echo "$cmds" | wc -l) commands"
