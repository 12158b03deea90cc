/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_SIZE_H
#define UTIL_SIZE_H

#include <stddef.h>
#include <stdint.h>

#define SZ_4K 0x1000ULL
#define SZ_2M 0x200000ULL
#define SZ_1G 0x40000000ULL

/*
 * Parse a byte count: decimal or 0x-prefixed hex, optionally followed by
 * one binary suffix K, M, G, T or P (any case, "iB" allowed after it).
 * Returns 0, -EINVAL (malformed) or -ERANGE (does not fit in 64 bits);
 * on failure *@why, when non-NULL, points at a static one-phrase reason
 * fit for "invalid size '%s': %s".  *@val is untouched on failure.
 */
int parse_size64(const char *str, uint64_t *val, const char **why);

/* Below this, human-readable output keeps sizes as plain byte counts. */
#define HUMAN_SIZE_MIN (5000ULL << 10)

/*
 * "4.00 GiB (4.29 GB)": binary units then the decimal equivalent, rounded
 * to two decimals, as the established tools print them (MiB/MB below
 * 2 GiB, GiB/GB below 2 TiB, TiB/TB above).  Values below HUMAN_SIZE_MIN
 * come out as the plain number.  Returns what snprintf returns.
 */
int format_size(char *buf, size_t len, uint64_t bytes);

/*
 * "32M", "2M", "4K", "1G", "3T": the largest binary suffix that divides
 * @bytes exactly, else the plain number; parse_size64() reads it back
 * as the same value, so it serves in commands printed for the user.
 */
int format_size_exact(char *buf, size_t len, uint64_t bytes);

/*
 * The rule of format_size_exact() with the caller's words: @bytes in the
 * largest of @units[1] .. @units[@n - 1] (each 1024 times the one before,
 * from KiB) that holds it whole, else the byte count and @units[0];
 * printed as "%llu%s".  Returns what snprintf returns.
 */
int format_size_units(char *buf, size_t len, uint64_t bytes,
		      const char *const *units, unsigned int n);

static inline int is_power_of_2(uint64_t v)
{
	return v && !(v & (v - 1));
}

#endif
