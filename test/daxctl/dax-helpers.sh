# SPDX-License-Identifier: GPL-2.0-only
# Helpers for the daxctl nfit scenarios; source after common.sh.
[ -n "${DAXCTL:-}" ] || fail "DAXCTL is not set"
command -v jq >/dev/null || skip "jq is needed"

# id of the dynamic (hmem) region; numbers change between boots
dyn_region() {
	"$DAXCTL" list -R | jq -r '[.[] | select(.available_size != null or
		(.path | test("hmem")))][0].id'
}

# empty the dynamic region: every device destroyed, dax<r>.0 at size 0
reset_region() {
	check "$DAXCTL" destroy-device -f -r "$REGION" all
	assert_eq "$(dev_count)" 0 "devices left after reset"
}

# number of objects in a listing (nothing at all when there are none)
count() {
	jq -s 'map(if type == "array" then length else 1 end) | add // 0'
}

dev_count() {
	"$DAXCTL" list -r "$REGION" -D | count
}

# dev_field DEV KEY: one field of a device (-i so idle ones show)
dev_field() {
	"$DAXCTL" list -i -d "$1" | jq -r ".[0].$2"
}

avail() {
	"$DAXCTL" list -r "$REGION" | jq -r '.[0].available_size // 0'
}

# create ARGS...: create a device, print its name; fail the test otherwise
create() {
	local out
	out=$("$DAXCTL" create-device -r "$REGION" "$@" 2>"$ERR") ||
		fail "create-device $*: $(cat "$ERR")"
	grep -qx "created 1 device" "$ERR" || fail "create-device $*: stderr: $(cat "$ERR")"
	echo "$out" | jq -r '.[0].chardev'
}

# expect_fail STATUS PATTERN CMD...: CMD exits STATUS with one stderr line
# matching the extended regex PATTERN
expect_fail() {
	local want=$1 pat=$2 rc
	shift 2
	"$@" >"$OUT" 2>"$ERR"
	rc=$?
	assert_eq "$rc" "$want" "'$*' exit status ($(cat "$ERR"))"
	grep -Eq -- "$pat" "$ERR" || fail "'$*': stderr '$(cat "$ERR")' does not match '$pat'"
}

TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
OUT=$TMPD/out
ERR=$TMPD/err
REGION=$(dyn_region)
[ -n "$REGION" ] && [ "$REGION" != null ] || skip "no dynamic dax region (dax_hmem)"

# pmem_devdax: a devdax namespace on nfit_test.0 (a static dax region);
# sets PMEM_UUID, PMEM_DEV (daxR.0) and PMEM_REGION, or skips.
pmem_devdax() {
	local ns
	[ -x "${NDCTL:-}" ] || skip "ndctl is not built"
	"$NDCTL" disable-region -b nfit_test.0 all >/dev/null 2>&1
	"$NDCTL" init-labels -f -b nfit_test.0 all >/dev/null 2>&1
	"$NDCTL" enable-region -b nfit_test.0 all >/dev/null 2>&1
	ns=$("$NDCTL" create-namespace -b nfit_test.0 -m devdax -s 64M 2>"$ERR") ||
		skip "ndctl cannot create a devdax namespace yet: $(cat "$ERR")"
	PMEM_UUID=$(echo "$ns" | jq -r '.uuid')
	PMEM_DEV=$(echo "$ns" | jq -r '.daxregion.devices[0].chardev')
	PMEM_REGION=$(echo "$ns" | jq -r '.daxregion.id')
	[ "$PMEM_DEV" != null ] || skip "ndctl create-namespace printed no dax device: $ns"
}
