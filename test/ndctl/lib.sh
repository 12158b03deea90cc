# SPDX-License-Identifier: GPL-2.0-only
# Helpers for the ndctl CLI scenarios (bash, sourced after common.sh).
NDCTL=${NDCTL:?NDCTL must name the ndctl binary under test}
BUS=nfit_test.0

nd() { "$NDCTL" "$@"; }

# ref ARGS...: the established ndctl (Debian's, scripts/fetch-established;
# DEB_ROOT, or NDCTL_REF and NDCTL_REF_LIBS, name it); ref_probe sets
# have_ref to 1 when it runs here, else 0
REF=${NDCTL_REF:-${DEB_ROOT:-/tmp/deb-ref/root}/usr/bin/ndctl}
REF_LIBS=${NDCTL_REF_LIBS:-${DEB_ROOT:-/tmp/deb-ref/root}/usr/lib/x86_64-linux-gnu}
ref() { LD_LIBRARY_PATH=$REF_LIBS "$REF" "$@"; }
ref_probe() {
	have_ref=0
	ref --version >/dev/null 2>&1 && have_ref=1
	return 0
}

# relabel BUS with label version $1 (1.1 or 1.2); all namespaces go away
relabel() {
	check nd disable-region -b "$BUS" all
	check nd init-labels -f -V "$1" -b "$BUS" all
	check nd enable-region -b "$BUS" all
}

# ns_json NAME: the listing of one namespace (idle ones included)
ns_json() {
	nd list -N -i -n "$1" | jq -c 'if type == "array" then .[0] else . end'
}

# the regions of BUS with labels, largest free extent first
label_regions() {
	nd list -R -b "$BUS" | jq -r 'sort_by(-.max_available_extent) | .[].dev'
}

# expect_fail_line CMD...: must fail with exactly one line on stderr that
# names $WANT (set by the caller) and print nothing on stdout
expect_fail_line() {
	local out err rc
	out=$("$@" 2>/tmp/ndctl-test.err) && fail "'$*' succeeded"
	err=$(cat /tmp/ndctl-test.err)
	[ -z "$out" ] || fail "'$*' printed on stdout: $out"
	[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] ||
		fail "'$*': expected one stderr line, got: $err"
	case "$err" in
	*"$WANT"*) ;;
	*) fail "'$*': stderr does not name '$WANT': $err" ;;
	esac
}

# test_dimm_dir DIMM: nfit_test's control directory of a DIMM (fail_cmd,
# fail_cmd_code), found by the NFIT handle it shows as hex
test_dimm_dir() {
	local h t
	h=$(nd list -D -d "$1" | jq -r '.[0].handle')
	for t in /sys/class/nfit_test_dimm/test_dimm*; do
		[ -e "$t/fail_cmd" ] || continue
		if [ "$(($(cat "$t/handle")))" = "$h" ]; then
			echo "$t"
			return 0
		fi
	done
	return 1
}
