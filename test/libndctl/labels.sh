#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Label area round trips through libndctl on every nfit_test.0 DIMM:
# size, zero (read back all zeroes, validation fails), init v1.1 and v1.2
# (validation passes with the right label size), and the kernel agrees:
# after enabling the regions each DIMM reports all label slots free.
. "$TEST_SRCDIR/common.sh"
probe=${1:?usage: labels.sh ND_PROBE}

check "$probe" labels nfit_test.0
b=$(nd_bus_dir nfit_test.0) || fail "no nfit_test.0 bus"
for d in "$b"/nmem*; do
	[ -r "$d/available_slots" ] || continue
	slots=$(cat "$d/available_slots")
	# 128K area with 256-byte labels: 2 index blocks, the rest slots
	[ "$slots" -gt 100 ] || fail "$(basename "$d"): kernel sees $slots free slots after init"
done
