#!/bin/bash
# Runs test-vendor-payload under umockdev on the recorded nfit_test tree,
# with its DIMMs advertising ND_CMD_VENDOR ("vendor" in commands), which
# nfit_test itself does not.  No kernel, no root.
# Usage: vendor-payload.sh TEST_VENDOR_PAYLOAD FIXTURE WORKDIR
exe=$1 fixture=$2 work=$3
command -v umockdev-run >/dev/null || { echo "SKIP: no umockdev-run" >&2; exit 77; }
mkdir -p "$work" || exit 1
grep -q '^A: commands=.*get_size' "$fixture" || { echo "FAIL: $fixture has no DIMM commands" >&2; exit 1; }
sed 's/^\(A: commands=.*get_size\)/\1 vendor/' "$fixture" >"$work/vendor.umockdev" || exit 1
exec umockdev-run -d "$work/vendor.umockdev" -- "$exe"
