#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# usage-text.sh DUMPER EXPECTED: the dumper's output must match exactly.
out=$("$1") || exit 1
printf '%s\n' "$out" | diff -u "$2" - || exit 1
