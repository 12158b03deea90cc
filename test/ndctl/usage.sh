#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Every command: -h prints usage, --list-opts lists options, an unknown
# option is one stderr line and exit 129, a missing operand or a bad value
# one line and exit 129 too (the usage status of both tools, util/cli.h);
# a failure that is not the command line's exits 1.  Needs no kernel.
. "$TEST_SRCDIR/common.sh"
NDCTL=${NDCTL:?}

cmds=$("$NDCTL" --list-cmds) || fail "--list-cmds"
for c in list create-namespace destroy-namespace enable-namespace \
	disable-namespace enable-region disable-region enable-dimm disable-dimm \
	init-labels read-labels write-labels zero-labels check-labels \
	inject-error clear-errors start-scrub wait-scrub setup-passphrase \
	update-passphrase remove-passphrase freeze-security sanitize-dimm \
	wait-overwrite load-keys update-firmware activate-firmware \
	read-infoblock write-infoblock check-namespace; do
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
	sanitize-dimm wait-overwrite update-firmware write-infoblock check-namespace; do
	"$NDCTL" $c >/dev/null 2>/tmp/ndctl-usage.$$
	assert_eq "$?" 129 "$c without operand: exit status"
	assert_eq "$(wc -l < /tmp/ndctl-usage.$$)" 1 "$c without operand: stderr lines"
done
# check-namespace: the established options; --rewrite-log needs --repair
assert_eq "$("$NDCTL" check-namespace --list-opts)" \
	"--bus= --region= --verbose --repair --rewrite-log --force" \
	"check-namespace options"
"$NDCTL" check-namespace -L all >/dev/null 2>/tmp/ndctl-usage.$$ &&
	fail "check-namespace -L without --repair succeeded"
grep -q -- "--repair" /tmp/ndctl-usage.$$ ||
	fail "check-namespace -L: error does not name --repair"
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
# the established option letters of write-infoblock
assert_eq "$("$NDCTL" write-infoblock --list-opts)" \
	"--bus= --region= --verbose --output= --stdout --mode= --size= --align= --uuid= --map= --parent-uuid= --offset=" \
	"write-infoblock options"
# value checks come before any object is looked up
while IFS='|' read -r args want; do
	"$NDCTL" inject-error namespace0.0 $args >/dev/null 2>/tmp/ndctl-usage.$$
	assert_eq "$?" 129 "inject-error $args: exit status"
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
"$NDCTL" inject-error a b >/dev/null 2>&1
assert_eq "$?" 129 "inject-error with two namespaces: exit status"
"$NDCTL" wait-scrub -p -1 >/dev/null 2>&1
assert_eq "$?" 129 "wait-scrub -p -1: exit status"
rm -f /tmp/ndctl-usage.$$
# every command has a manual page
for c in $cmds; do
	case $c in version | help) continue ;; esac
	[ -f "$TOP_SRCDIR/Documentation/ndctl/ndctl-$c.adoc" ] ||
		fail "no man page for $c"
done
assert_eq "$("$NDCTL" --version)" "$("$NDCTL" version)" "version"
"$NDCTL" frobnicate >/dev/null 2>&1
assert_eq "$?" 1 "unknown command: exit status (as git and the established tool)"
# the health commands: the established option names
assert_eq "$("$NDCTL" inject-smart --list-opts)" \
	"--bus= --verbose --human --media-temperature= --media-temperature-threshold= --media-temperature-alarm= --media-temperature-uninject --ctrl-temperature= --ctrl-temperature-threshold= --ctrl-temperature-alarm= --ctrl-temperature-uninject --spares= --spares-threshold= --spares-alarm= --spares-uninject --fatal --fatal-uninject --unsafe-shutdown --unsafe-shutdown-uninject --uninject-all" \
	"inject-smart options"
assert_eq "$("$NDCTL" monitor --list-opts)" \
	"--bus= --region= --dimm= --namespace= --dimm-event= --log= --config-file= --daemon --human --verbose --poll=" \
	"monitor options"
for c in inject-smart monitor; do
	grep -qx "$c" <<<"$cmds" || fail "--list-cmds lacks $c"
done
# their values are checked before any object is looked up or file opened;
# the third field is the exit status: 129 for the command line's own
# mistakes, 1 for a file that cannot be read or written
while IFS='|' read -r args want status; do
	"$NDCTL" $args >/dev/null 2>/tmp/ndctl-usage.$$
	assert_eq "$?" "$status" "$args: exit status"
	assert_eq "$(wc -l < /tmp/ndctl-usage.$$)" 1 "$args: stderr lines"
	grep -q -- "$want" /tmp/ndctl-usage.$$ ||
		fail "$args: error does not name $want: $(cat /tmp/ndctl-usage.$$)"
done <<'EOT'
inject-smart|specify the dimm|129
inject-smart nmem0|nothing to do|129
inject-smart nmem0 nmem1 -f|one dimm|129
inject-smart all -f|not 'all'|129
inject-smart nmem0 -m 20C|--media-temperature: not a temperature|129
inject-smart nmem0 -C 2048|--ctrl-temperature-threshold: 2048 C is out of range|129
inject-smart nmem0 -m nan|not a temperature|129
inject-smart nmem0 -s 101|--spares: 101 is out of range|129
inject-smart nmem0 -S -5|--spares-threshold: not a percentage|129
inject-smart nmem0 --media-temperature-alarm=yes|expected 'on' or 'off'|129
inject-smart nmem0 -U --unsafe-shutdown-uninject|--unsafe-shutdown: cannot both|129
inject-smart nmem0 -N -s 5|--uninject-all cannot be combined|129
monitor extra|unexpected argument 'extra'|129
monitor -p -3|--poll: -3|129
monitor -D dimm-foo|unknown dimm-event 'dimm-foo'|129
monitor -D ,|no dimm-event given|129
monitor -c /nonexistent/monitor.conf|/nonexistent/monitor.conf|1
monitor -l /nonexistent/dir/log|cannot open log /nonexistent/dir/log|1
monitor --daemon -l standard|standard output|129
monitor --daemon -l log.txt|absolute path|129
inject-smart nmem0 -m 20 -M 30 -s x|--spares: not a percentage|129
EOT
rm -f /tmp/ndctl-usage.$$
exit 0
