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

/* @bytes in hundredths of @unit, rounded half up */
static unsigned long long centi(uint64_t bytes, uint64_t unit)
{
	return (unsigned long long)(((unsigned __int128)bytes * 200 / unit + 1) / 2);
}

int format_size(char *buf, size_t len, uint64_t bytes)
{
	const uint64_t gib = 1ULL << 30, tib = 1ULL << 40;
	unsigned long long b, d;
	const char *bu, *du;

	if (bytes < HUMAN_SIZE_MIN)
		return snprintf(buf, len, "%llu", (unsigned long long)bytes);
	/* MiB up to 2 GiB, GiB up to 2 TiB, then TiB: keeps 3-4 digits */
	if (bytes < 2 * gib) {
		b = centi(bytes, 1ULL << 20);
		d = centi(bytes, 1000000ULL);
		bu = "MiB", du = "MB";
	} else if (bytes < 2 * tib) {
		b = centi(bytes, gib);
		d = centi(bytes, 1000000000ULL);
		bu = "GiB", du = "GB";
	} else {
		b = centi(bytes, tib);
		d = centi(bytes, 1000000000000ULL);
		bu = "TiB", du = "TB";
	}
	return snprintf(buf, len, "%llu.%02llu %s (%llu.%02llu %s)", b / 100,
			b % 100, bu, d / 100, d % 100, du);
}

int format_size_units(char *buf, size_t len, uint64_t bytes,
		      const char *const *units, unsigned int n)
{
	unsigned int i = 0;

	while (bytes && i + 1 < n && bytes % 1024 == 0) {
		bytes /= 1024;
		i++;
	}
	return snprintf(buf, len, "%llu%s", (unsigned long long)bytes,
			units[i]);
}

int format_size_exact(char *buf, size_t len, uint64_t bytes)
{
	static const char *const suffix[] = { "", "K", "M", "G", "T", "P" };

	return format_size_units(buf, len, bytes, suffix, 6);
}
