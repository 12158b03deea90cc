#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Integration pieces without a kernel: migrate-device-model's modprobe file,
# --help / help opening the man pages, bash completion driven by
# --list-cmds/--list-opts, and `meson install` with DESTDIR.
. "$TEST_SRCDIR/common.sh"
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT

# migrate-device-model
mkdir "$tmp/modprobe.d"
DAXCTL_MODPROBE_DIR=$tmp/modprobe.d check "$DAXCTL" migrate-device-model
grep -qx "blacklist dax_pmem_compat" "$tmp/modprobe.d/daxctl.conf" || fail "no blacklist line"
grep -qx "alias nd:t7\* dax_pmem" "$tmp/modprobe.d/daxctl.conf" || fail "no alias line"
# the packaged copy is inert and holds the same directives, commented out
packaged=$TOP_SRCDIR/contrib/daxctl/modprobe-daxctl.conf
[ -z "$(grep -v '^#' "$packaged" | grep -v '^[[:space:]]*$')" ] ||
	fail "packaged modprobe config has active lines"
assert_eq "$(sed -n 's/^#\(blacklist\|alias\|install\|options\|softdep\) /\1 /p' "$packaged")" \
	"$(grep -v '^#' "$tmp/modprobe.d/daxctl.conf")" "packaged vs written modprobe directives"
DAXCTL_MODPROBE_DIR=$tmp/modprobe.d check "$DAXCTL" migrate-device-model
assert_eq "$(ls "$tmp/modprobe.d")" daxctl.conf "no temporary files left"
chmod a-w "$tmp/modprobe.d"
if [ "$(id -u)" != 0 ]; then
	out=$(DAXCTL_MODPROBE_DIR=$tmp/modprobe.d "$DAXCTL" migrate-device-model 2>&1)
	assert_eq "$?" 1 "read-only modprobe.d exit status"
	case "$out" in *"daxctl.conf: cannot write: Permission denied") ;; *) fail "read-only: $out" ;; esac
fi
chmod u+w "$tmp/modprobe.d"

# man pages: CMD --help and help CMD run man on daxctl-CMD; --help and help
# alone print the usage (as the established tool); help help shows daxctl(1)
pages=$TOP_BUILDDIR/Documentation/daxctl
if command -v man >/dev/null && [ -f "$pages/daxctl-list.1" ]; then
	mkdir -p "$tmp/man/man1"
	ln -s "$pages"/*.1 "$tmp/man/man1/"
	export MANPATH=$tmp/man MANPAGER=cat PAGER=cat MANWIDTH=80
	out=$("$DAXCTL" list --help 2>&1) || fail "list --help: $out"
	case "$out" in *"daxctl-list - list dax regions and devices as JSON"*) ;; *) fail "list --help: $out" ;; esac
	out=$("$DAXCTL" help reconfigure-device 2>&1) || fail "help: $out"
	case "$out" in *"--check-config"*) ;; *) fail "help reconfigure-device: $out" ;; esac
	out=$("$DAXCTL" help help 2>&1) || fail "help help: $out"
	case "$out" in *"manage device-DAX regions and devices"*) ;; *) fail "help help: $out" ;; esac
	out=$("$DAXCTL" --help 2>/dev/null) || fail "--help: $out"
	case "$out" in "usage: daxctl "*) ;; *) fail "--help: $out" ;; esac

	for c in $("$DAXCTL" --list-cmds); do
		case "$c" in version|help) continue ;; esac
		[ -f "$pages/daxctl-$c.1" ] || fail "no man page for $c"
	done
fi

# bash completion
mkdir "$tmp/bin"
ln -s "$DAXCTL" "$tmp/bin/daxctl"
complete_words() {
	PATH=$tmp/bin:$PATH bash -c '
		compopt() { :; }
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_daxctl; echo "${COMPREPLY[*]}"' _ "$TOP_SRCDIR/contrib/daxctl/daxctl.bash" "$@"
}
assert_eq "$(complete_words daxctl reco)" reconfigure-device "command completion"
assert_eq "$(complete_words daxctl reconfigure-device --no-m)" --no-movable "option completion"
assert_eq "$(complete_words daxctl reconfigure-device -m sys)" system-ram "mode completion"
assert_eq "$(complete_words daxctl list --hu)" --human "list option completion"

# meson install with DESTDIR puts every piece in place
if command -v meson >/dev/null; then
	meson install -C "$TOP_BUILDDIR" --no-rebuild --destdir "$tmp/dest" >/dev/null 2>"$tmp/install.err" ||
		fail "meson install: $(tail -3 "$tmp/install.err")"
	for f in bin/daxctl share/bash-completion/completions/daxctl \
		 lib/udev/rules.d/90-daxctl-device.rules lib/modprobe.d/daxctl.conf \
		 etc/daxctl.conf.d/daxctl.example.conf; do
		[ -n "$(find "$tmp/dest" -path "*/$f" -print -quit)" ] || fail "not installed: $f"
	done
	if [ -f "$pages/daxctl-list.1" ]; then
		[ -n "$(find "$tmp/dest" -path "*/man1/daxctl-reconfigure-device.1" -print -quit)" ] ||
			fail "man pages not installed"
	fi
	unit=$(find "$tmp/dest" -name 'daxdev-reconfigure@.service' -print -quit)
	if [ -n "$unit" ]; then
		grep -q "^ExecStart=/.*/daxctl reconfigure-device --check-config %i$" "$unit" ||
			fail "unit ExecStart: $(cat "$unit")"
	fi
	grep -q 'daxdev-reconfigure@%k.service' "$(find "$tmp/dest" -name 90-daxctl-device.rules)" ||
		fail "udev rule does not start the unit"
fi
echo ok
