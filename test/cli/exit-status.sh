#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The exit statuses ndctl and daxctl share (util/cli.h,
# Documentation/exit-status.adoc): 0 success, also for a list that matches
# nothing; 1 a failed operation, no or an unknown command, a manual that
# cannot be shown; 129 a wrong command line.  Where the distribution's tools
# are available, the statuses scripts see are compared with theirs.
#   exit-status.sh cmdline   no kernel, no fixture (unit suite)
#   exit-status.sh sysfs     list and operations on recorded sysfs trees
#                            replayed with umockdev (sysfs suite); runs
#                            itself as sysfs-nd and sysfs-dax in a replay
. "${TEST_SRCDIR:?}/common.sh" || exit 1
: "${NDCTL:?}" "${DAXCTL:?}" "${TOP_BUILDDIR:?}"
mode=${1:?usage: exit-status.sh cmdline|sysfs}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the distribution's tools, when fetched (scripts/fetch-established)
ref_lib=${DEB_ROOT:-/nonexistent}/usr/lib/x86_64-linux-gnu
ref() {
	local tool=$1
	shift
	LD_LIBRARY_PATH=$ref_lib "$DEB_ROOT/usr/bin/$tool" "$@"
}
have_ref=false
[ -x "${DEB_ROOT:-/nonexistent}/usr/bin/ndctl" ] &&
	[ -x "$DEB_ROOT/usr/bin/daxctl" ] && have_ref=true

# run TOOL ARGS...: our tool; sets rc, out (stdout) and err (stderr).  Stdin
# is no terminal and there is a time limit, so a manual that waits for a
# pager fails the test instead of hanging it.
run() {
	local tool=$1 bin
	shift
	case $tool in ndctl) bin=$NDCTL ;; daxctl) bin=$DAXCTL ;; esac
	timeout 60 "$bin" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(<"$tmp/out") err=$(<"$tmp/err")
}

# expect STATUS LINES TOOL ARGS...: exit STATUS with LINES lines on stderr
# (- for any number) and nothing on stdout
expect() {
	local want=$1 lines=$2
	shift 2
	run "$@"
	assert_eq "$rc" "$want" "$* exit status (stderr: $err)"
	[ -z "$out" ] || fail "$*: printed on stdout: $out"
	[ "$lines" = - ] ||
		assert_eq "$(printf '%s\n' "$err" | grep -c .)" "$lines" "$*: stderr lines ($err)"
}

# same_as_ref TOOL ARGS...: the distribution's tool exits as ours does
same_as_ref() {
	local theirs
	$have_ref || return 0
	timeout 60 env LD_LIBRARY_PATH=$ref_lib "$DEB_ROOT/usr/bin/$1" \
		"${@:2}" </dev/null >/dev/null 2>&1
	theirs=$?
	assert_eq "$rc" "$theirs" "$*: our exit status vs the established tool's"
}

cmdline() {
	local tool=$1 operand_cmd=$2 bad_value=$3 bin_of_tool
	case $tool in ndctl) bin_of_tool=$NDCTL ;; daxctl) bin_of_tool=$DAXCTL ;; esac

	# usage errors: 129, one line, as the established tools
	expect 129 1 "$tool" list --no-such-option
	same_as_ref "$tool" list --no-such-option
	expect 129 1 "$tool" list -r	# an option without its value
	same_as_ref "$tool" list -r
	expect 129 1 "$tool" $operand_cmd	# a missing operand
	same_as_ref "$tool" $operand_cmd
	# shellcheck disable=SC2086 # words
	expect 129 1 "$tool" $bad_value
	expect 129 1 "$tool" list extra	# an extra operand
	expect 129 1 "$tool" version extra
	expect 129 1 "$tool" help list extra

	# no arguments: the usage on stderr, 1, as the established tools
	run "$tool"
	assert_eq "$rc" 1 "$tool without arguments: exit status"
	[ -z "$out" ] || fail "$tool without arguments: printed on stdout"
	case $err in "usage: $tool "*) ;; *) fail "$tool without arguments: $err" ;; esac
	same_as_ref "$tool"

	# an unknown command: 1, as git and the established tools
	expect 1 1 "$tool" frobnicate
	same_as_ref "$tool" frobnicate
	expect 1 1 "$tool" help frobnicate

	# asked-for help is success: usage on stdout
	for a in --help -h help; do
		run "$tool" $a
		assert_eq "$rc" 0 "$tool $a: exit status"
		case $out in "usage: $tool "*) ;; *) fail "$tool $a: $out" ;; esac
	done
	run "$tool" list -h
	assert_eq "$rc" 0 "$tool list -h: exit status"
	case $out in "usage: $tool list"*) ;; *) fail "$tool list -h: $out" ;; esac

	# help CMD and CMD --help show TOOL-CMD(1) with man(1); with no page
	# (MANPATH pointing nowhere) they fail with 1 and say what to run
	for a in "help list" "list --help"; do
		# shellcheck disable=SC2086 # words
		MANPATH=$tmp/nowhere PAGER=cat MANPAGER=cat run "$tool" $a
		assert_eq "$rc" 1 "$tool $a without a manual: exit status ($err)"
		case $err in
		*"$tool: cannot show the manual $tool-list"*"'$tool list -h' prints the usage"*) ;;
		*) fail "$tool $a without a manual: $err" ;;
		esac
	done
	# ... and the same without man(1) at all
	mkdir -p "$tmp/bin" && ln -sf "$(command -v timeout)" "$tmp/bin/"
	PATH=$tmp/bin run "$tool" help list

	assert_eq "$rc" 1 "$tool help list without man: exit status"
	case $err in *"man(1) is not installed"*) ;; *) fail "$tool help list without man: $err" ;; esac
	# with the page built and man installed, help CMD shows it and exits 0
	local pages=$TOP_BUILDDIR/Documentation/$tool
	if command -v man >/dev/null && [ -f "$pages/$tool-list.1" ]; then
		mkdir -p "$tmp/man/man1"
		ln -sf "$pages"/*.1 "$tmp/man/man1/"
		MANPATH=$tmp/man PAGER=cat MANPAGER=cat MANWIDTH=80 run "$tool" help list
		assert_eq "$rc" 0 "$tool help list: exit status ($err)"
		case $out in *"EXIT STATUS"*"129"*) ;; *) fail "$tool help list: no EXIT STATUS in: $out" ;; esac
		# help and version are described in the tool's own page
		MANPATH=$tmp/man PAGER=cat MANPAGER=cat MANWIDTH=80 run "$tool" help help
		assert_eq "$rc" 0 "$tool help help: exit status ($err)"
		MANPATH=$tmp/man PAGER=cat MANPAGER=cat MANWIDTH=80 run "$tool" version --help
		assert_eq "$rc" 0 "$tool version --help: exit status ($err)"
		case $out in *"EXIT STATUS"*) ;; *) fail "$tool version --help: $out" ;; esac

	else
		echo "$tool: man or the built pages missing: successful help not checked"
	fi

	# every page of the tool has the one shared EXIT STATUS table
	local c page
	for c in "" $("$bin_of_tool" --list-cmds); do
		case $c in version | help) continue ;; esac
		page=$TOP_SRCDIR/Documentation/$tool/$tool${c:+-$c}.adoc
		[ -f "$page" ] || fail "no man page $page"
		grep -qx 'include::exit-status.adoc\[\]' "$page" ||
			fail "$page does not include exit-status.adoc"
		[ -f "$pages/$tool${c:+-$c}.1" ] || continue
		grep -q '^\.SH "EXIT STATUS"' "$pages/$tool${c:+-$c}.1" ||
			fail "$tool${c:+-$c}.1 has no EXIT STATUS section"
		grep -q '129' "$pages/$tool${c:+-$c}.1" ||
			fail "$tool${c:+-$c}.1: EXIT STATUS lacks 129"
	done
	grep -qx 'include::../exit-status.adoc\[\]' \
		"$TOP_SRCDIR/Documentation/$tool/exit-status.adoc" ||
		fail "Documentation/$tool/exit-status.adoc is not the shared table"
}

# run inside one umockdev replay of ndctl/fixtures/nd-modes (sysfs-nd) or
# sysfs/fixtures/hmem-carved (sysfs-dax): every command sees the tree
sysfs_nd() {
	# a list whose filter matches nothing: a warning, an empty listing, 0
	# (the established tools print nothing and exit 0)
	for a in "-b nosuch" "-r 99" "-r region99" "-d nosuchdimm" "-D -d nmem99" \
		"-n namespace9.9"; do
		# shellcheck disable=SC2086 # words
		expect 0 1 ndctl list $a
		case $err in "ndctl list: no "*" matches '"*"'") ;; *) fail "ndctl list $a: $err" ;; esac
		# shellcheck disable=SC2086 # words
		same_as_ref ndctl list $a
	done
	# one name of two matching: the match is listed, the other warned about
	run ndctl list -D -d nmem1,nmem99
	assert_eq "$rc" 0 "ndctl list -d nmem1,nmem99: exit status"
	assert_eq "$err" "ndctl list: no dimm matches 'nmem99'" "ndctl list -d nmem1,nmem99: warning"
	assert_eq "$(jq -r '.[].dev' <<<"$out")" nmem1 "ndctl list -d nmem1,nmem99: listing"
	# a bad value is still a usage error, a fact of the machine a failure
	expect 129 1 ndctl list -m bogus
	expect 1 1 ndctl list -U 0
	# an operation that fails: 1 (the established tool: 0 for a region
	# it did not find, -errno & 0xff elsewhere)
	expect 1 1 ndctl disable-region region99
	expect 1 1 ndctl destroy-namespace namespace9.9
}

sysfs_dax() {
	for a in "-r 99" "-d dax0.9" "-R -r 5"; do
		# shellcheck disable=SC2086 # words
		expect 0 1 daxctl list $a
		case $err in "daxctl list: no "*" matches '"*"'") ;; *) fail "daxctl list $a: $err" ;; esac
		# shellcheck disable=SC2086 # words
		same_as_ref daxctl list $a
	done
	# a name no device can have is a bad value
	expect 129 1 daxctl list -d dax-1.0
	expect 1 1 daxctl disable-device dax0.9
	expect 1 1 daxctl destroy-device dax0.9
}

case $mode in
cmdline)
	cmdline ndctl enable-region "create-namespace -s 12Q"
	cmdline daxctl enable-device "create-device -s 4Q"
	# failures that need no kernel: files that cannot be read or written
	expect 1 1 ndctl monitor -c "$tmp/nowhere/monitor.conf"
	mkdir "$tmp/ro" && chmod a-w "$tmp/ro"
	if [ "$(id -u)" != 0 ]; then
		DAXCTL_MODPROBE_DIR=$tmp/ro run daxctl migrate-device-model
	else
		DAXCTL_MODPROBE_DIR=$tmp/nowhere/modprobe.d run daxctl migrate-device-model
	fi
	assert_eq "$rc" 1 "migrate-device-model into an unwritable directory ($err)"
	;;
sysfs)
	command -v umockdev-run >/dev/null || skip "no umockdev-run"
	umockdev-run -d "$TEST_SRCDIR/ndctl/fixtures/nd-modes.umockdev" -- \
		bash "$0" sysfs-nd || exit 1
	umockdev-run -d "$TEST_SRCDIR/sysfs/fixtures/hmem-carved.umockdev" -- \
		bash "$0" sysfs-dax || exit 1
	;;
sysfs-nd) sysfs_nd ;;
sysfs-dax) sysfs_dax ;;
*) fail "unknown mode $mode" ;;
esac
case $mode in sysfs-*) exit 0 ;; esac
$have_ref || echo "the established tools are not fetched: statuses not compared"
echo ok

