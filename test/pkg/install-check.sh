#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `meson install --destdir` into a temporary directory, then compare what
# was installed with the committed list (install-files): every listed file
# is there, nothing unlisted is, and what a distribution packages from the
# tree is sound (sonames, .pc versions, inert modprobe config).
# Usage: install-check.sh BUILDDIR LIST FEATURES NAME=DIR...
#   FEATURES: comma-separated features that are on (docs,systemd,bashcomp)
. "$TEST_SRCDIR/common.sh"
build=${1:?usage: $0 BUILDDIR LIST FEATURES NAME=DIR...}
list=${2:?} features=,${3:-},
shift 3
declare -A dir
for kv in "$@"; do
	dir[${kv%%=*}]=${kv#*=}
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest

command -v meson >/dev/null || fail "no meson in PATH"
# no --no-rebuild: meson test builds only the tests' dependencies, and the
# list must be checked against a complete build
meson install -C "$build" --destdir "$dest" >"$tmp/log" 2>&1 ||
	fail "meson install: $(tail -5 "$tmp/log")"
(cd "$dest" && find . ! -type d | sed 's|^\.||' | sort) >"$tmp/installed"

subst() {
	local p=$1 k
	for k in "${!dir[@]}"; do
		p=${p//\{$k\}/${dir[$k]}}
	done
	case $p in *\{*\}*) fail "install-files: unknown directory in '$1'" ;; esac
	printf '%s' "$p"
}

pats=()
while read -r cond path; do
	case $cond in '' | '#'*) continue ;; esac
	[ -n "$path" ] || fail "install-files: no path on line '$cond'"
	pat=$(subst "$path")
	matches=0
	while read -r f; do
		# shellcheck disable=SC2053 # $pat is a pattern
		[[ $f == $pat ]] && matches=$((matches + 1))
	done <"$tmp/installed"
	if [ "$cond" = - ] || [[ $features == *,$cond,* ]]; then
		[ $matches -gt 0 ] || fail "not installed: $pat"
		pats+=("$pat")
	else
		[ $matches = 0 ] || fail "installed although $cond is off: $pat"
	fi
done <"$list"

extra=
while read -r f; do
	ok=0
	for pat in "${pats[@]}"; do
		# shellcheck disable=SC2053
		[[ $f == $pat ]] && { ok=1; break; }
	done
	[ $ok = 1 ] || extra+=" $f"
done <"$tmp/installed"
[ -z "$extra" ] || fail "installed but not in test/pkg/install-files:$extra"

# what a package built from this tree relies on
libdir=$dest${dir[libdir]}
for l in libdaxctl.so.1 libndctl.so.6; do
	[ -L "$libdir/${l%.so.*}.so" ] || fail "${l%.so.*}.so is not a symlink"
	soname=$(readelf -d "$libdir/$l" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
	assert_eq "$soname" "$l" "soname of the installed $l"
done
for lib in libndctl libdaxctl; do
	PKG_CONFIG_PATH=$libdir/pkgconfig PKG_CONFIG_DISABLE_UNINSTALLED=1 \
		pkg-config --exists "$lib >= 63" || fail "installed $lib.pc fails $lib >= 63"
done
modprobe_conf=$dest${dir[modprobedir]}/daxctl.conf
[ -z "$(grep -v '^#' "$modprobe_conf" | grep -v '^[[:space:]]*$')" ] ||
	fail "installed modprobe config is active: $(grep -v '^#' "$modprobe_conf")"
grep -qx '#alias nd:t7\* dax_pmem' "$modprobe_conf" || fail "installed modprobe config lacks the nd:t7 alias"

echo "ok: $(wc -l <"$tmp/installed") files installed, as listed"
