// SPDX-License-Identifier: LGPL-2.1-or-later
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/size.h"

static int shift_for_suffix(char c)
{
	switch (toupper((unsigned char)c)) {
	case 'K': return 10;
	case 'M': return 20;
	case 'G': return 30;
	case 'T': return 40;
	case 'P': return 50;
	}
	return -1;
}

/* Hand-rolled digits so that overflow is caught exactly, not via strtoull. */
static int digit_value(char c, int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (base == 16 && c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (base == 16 && c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return v;
}

static int fail(const char **why, const char *reason, int err)
{
	if (why)
		*why = reason;
	return err;
}

int parse_size64(const char *str, uint64_t *val, const char **why)
{
	const char *p = str;
	uint64_t v = 0;
	int base = 10, shift = 0, d, ndigits = 0;

	if (!str || !*str)
		return fail(why, "empty size", -EINVAL);
	if (*p == '-')
		return fail(why, "negative sizes are not allowed", -EINVAL);
	if (*p == '+')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (; (d = digit_value(*p, base)) >= 0; p++, ndigits++) {
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return fail(why, "too large for 64 bits", -ERANGE);
		v = v * (uint64_t)base + (uint64_t)d;
	}
	if (!ndigits)
		return fail(why, base == 16 ? "no hex digits after 0x"
					    : "not a number", -EINVAL);
	if (*p) {
		shift = shift_for_suffix(*p);
		if (shift < 0)
			return fail(why,
				    "unknown suffix (use K, M, G, T or P)",
				    -EINVAL);
		p++;
		if (strcmp(p, "iB") == 0 || strcmp(p, "ib") == 0)
			p += 2;
		if (*p)
			return fail(why, "trailing characters after suffix",
				    -EINVAL);
	}
	if (shift && v > (UINT64_MAX >> shift))
		return fail(why, "too large for 64 bits", -ERANGE);
	*val = v << shift;
	return 0;
}

int format_size(char *buf, size_t len, uint64_t bytes)
{
	static const char *const iec[] = { "KiB", "MiB", "GiB", "TiB", "PiB",
					   "EiB" };
	static const char *const si[] = { "kB", "MB", "GB", "TB", "PB",
					  "EB" };
	uint64_t ib = 1024, db = 1000;
	unsigned i = 0, j = 0;

	if (bytes < 1024)
		return snprintf(buf, len, "%llu", (unsigned long long)bytes);
	/* Largest unit that leaves a whole part of at least 1. */
	while (i < 5 && bytes / ib >= 1024) {
		ib *= 1024;
		i++;
	}
	while (j < 5 && bytes / db >= 1000) {
		db *= 1000;
		j++;
	}
	return snprintf(buf, len, "%llu.%02llu %s (%llu.%02llu %s)",
			(unsigned long long)(bytes / ib),
			(unsigned long long)((unsigned __int128)(bytes % ib) * 100 / ib), iec[i],
			(unsigned long long)(bytes / db),
			(unsigned long long)((unsigned __int128)(bytes % db) * 100 / db), si[j]);
}
