#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Every command: -h prints usage, --list-opts lists options, an unknown
# option is one stderr line and exit 129, a missing operand one line and
# a non-zero exit.  Needs no kernel.
. "$TEST_SRCDIR/common.sh"
NDCTL=${NDCTL:?}

cmds=$("$NDCTL" --list-cmds) || fail "--list-cmds"
for c in list create-namespace destroy-namespace enable-namespace \
	disable-namespace enable-region disable-region enable-dimm disable-dimm \
	init-labels read-labels write-labels zero-labels check-labels \
	inject-error clear-errors start-scrub wait-scrub setup-passphrase \
	update-passphrase remove-passphrase freeze-security sanitize-dimm \
	wait-overwrite load-keys update-firmware activate-firmware; do
	grep -qx "$c" <<<"$cmds" || fail "--list-cmds lacks $c"
done
for c in $cmds; do
	case $c in version | help) continue ;; esac
	out=$("$NDCTL" $c -h) || fail "$c -h exited $?"
	grep -q "^usage: ndctl $c" <<<"$out" || fail "$c -h: no usage line"
	opts=$("$NDCTL" $c --list-opts) || fail "$c --list-opts exited $?"
	case $c in
	*-scrub | activate-firmware | load-keys) ;;	# as in the established tool
	*) grep -q -- "--bus" <<<"$opts" || fail "$c --list-opts lacks --bus: $opts" ;;
	esac
	"$NDCTL" $c --no-such-option >/dev/null 2>/tmp/ndctl-usage.$$
	rc=$?
	assert_eq "$rc" 129 "$c --no-such-option exit status"
	assert_eq "$(wc -l < /tmp/ndctl-usage.$$)" 1 "$c --no-such-option stderr lines"
	grep -q -- "--no-such-option" /tmp/ndctl-usage.$$ ||
		fail "$c: error does not name the option"
done
# commands that act on named objects want at least one
for c in destroy-namespace enable-namespace disable-namespace enable-region \
	disable-region enable-dimm disable-dimm init-labels read-labels \
	write-labels zero-labels check-labels inject-error clear-errors \
	setup-passphrase update-passphrase remove-passphrase freeze-security \
	sanitize-dimm wait-overwrite update-firmware; do
	"$NDCTL" $c >/dev/null 2>/tmp/ndctl-usage.$$ && fail "$c without operand succeeded"
	assert_eq "$(wc -l < /tmp/ndctl-usage.$$)" 1 "$c without operand: stderr lines"
done
# the established option letters of the media-error commands
assert_eq "$("$NDCTL" inject-error --list-opts)" \
	"--bus= --region= --verbose --block= --count= --uninject --status --no-notify --saturate --human" \
	"inject-error options"
assert_eq "$("$NDCTL" clear-errors --list-opts)" "--bus= --region= --verbose --scrub" \
	"clear-errors options"
assert_eq "$("$NDCTL" start-scrub --list-opts)" "--verbose" "start-scrub options"
assert_eq "$("$NDCTL" wait-scrub --list-opts)" "--verbose --poll=" "wait-scrub options"
# the established option letters of the security and firmware commands
assert_eq "$("$NDCTL" setup-passphrase --list-opts)" "--bus= --verbose --key-handle= --master-passphrase" \
	"setup-passphrase options"
assert_eq "$("$NDCTL" remove-passphrase --list-opts)" "--bus= --verbose --master-passphrase" \
	"remove-passphrase options"
assert_eq "$("$NDCTL" sanitize-dimm --list-opts)" \
	"--bus= --verbose --master-passphrase --crypto-erase --overwrite --zero-key --force" \
	"sanitize-dimm options"
assert_eq "$("$NDCTL" load-keys --list-opts)" "--key-path= --tpm-handle=" "load-keys options"
assert_eq "$("$NDCTL" update-firmware --list-opts)" \
	"--bus= --verbose --firmware= --force --arm --disarm" "update-firmware options"
assert_eq "$("$NDCTL" activate-firmware --list-opts)" "--verbose --idle --force --dry-run" \
	"activate-firmware options"
# value checks come before any object is looked up
while IFS='|' read -r args want; do
	"$NDCTL" inject-error namespace0.0 $args >/dev/null 2>/tmp/ndctl-usage.$$ &&
		fail "inject-error $args succeeded"
	assert_eq "$(wc -l < /tmp/ndctl-usage.$$)" 1 "inject-error $args: stderr lines"
	grep -q -- "$want" /tmp/ndctl-usage.$$ ||
		fail "inject-error $args: error does not name $want: $(cat /tmp/ndctl-usage.$$)"
done <<'EOT'
-B x|--block 'x'
-B 1 -n 0|--count 0
-B 1 -n 99999999999999999999|--count '99999999999999999999'
-n 1|--block is required
-t -B 1|--status
-d -B 1 -S|--saturate
EOT
"$NDCTL" inject-error a b >/dev/null 2>&1 && fail "inject-error with two namespaces succeeded"
"$NDCTL" wait-scrub -p -1 >/dev/null 2>&1 && fail "wait-scrub -p -1 succeeded"
rm -f /tmp/ndctl-usage.$$
# every command has a manual page
for c in $cmds; do
	case $c in version | help) continue ;; esac
	[ -f "$TOP_SRCDIR/Documentation/ndctl/ndctl-$c.adoc" ] ||
		fail "no man page for $c"
done
assert_eq "$("$NDCTL" --version)" "$("$NDCTL" version)" "version"
"$NDCTL" frobnicate >/dev/null 2>&1 && fail "unknown command succeeded"
exit 0
