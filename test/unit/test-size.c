// SPDX-License-Identifier: LGPL-2.1-or-later
/* parse_size64() and format_size(): accepted forms, every rejection. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/size.h"

#include "test/libndctl/expect.h"

static void ok(const char *s, uint64_t want)
{
	uint64_t v = 0;
	const char *why = NULL;
	int rc = parse_size64(s, &v, &why);

	expect(rc == 0 && v == want, "'%s': rc %d (%s) value %llu, want %llu",
	       s, rc, why ? why : "", (unsigned long long)v,
	       (unsigned long long)want);
}

static void bad(const char *s, int want_rc, const char *want_why)
{
	uint64_t v = 12345;
	const char *why = NULL;
	int rc = parse_size64(s, &v, &why);

	expect(rc == want_rc, "'%s': rc %d, want %d", s, rc, want_rc);
	expect(v == 12345, "'%s': out-param changed on failure", s);
	expect(why && strstr(why, want_why), "'%s': reason '%s', want '%s'",
	       s, why ? why : "(null)", want_why);
}

/* format_size_exact() reads back through parse_size64() */
static void exact(uint64_t v, const char *want)
{
	char buf[64];
	uint64_t back = 0;

	format_size_exact(buf, sizeof(buf), v);
	expect(strcmp(buf, want) == 0, "exact %llu: '%s', not '%s'",
	       (unsigned long long)v, buf, want);
	expect(parse_size64(buf, &back, NULL) == 0 && back == v,
	       "exact %llu: '%s' reads back as %llu", (unsigned long long)v,
	       buf, (unsigned long long)back);
}

static void fmt(uint64_t bytes, const char *want)
{
	char buf[64];

	format_size(buf, sizeof(buf), bytes);
	expect(strcmp(buf, want) == 0, "%llu: '%s', want '%s'",
	       (unsigned long long)bytes, buf, want);
}

int main(void)
{
	ok("0", 0);
	ok("4096", 4096);
	ok("4K", 4096);
	ok("4k", 4096);
	ok("2M", 2ULL << 20);
	ok("1G", 1ULL << 30);
	ok("1GiB", 1ULL << 30);
	ok("3T", 3ULL << 40);
	ok("2P", 2ULL << 50);
	ok("0x1000", 4096);
	ok("0X10M", 16ULL << 20);
	ok("+8", 8);
	ok("18446744073709551615", UINT64_MAX);
	ok("0xffffffffffffffff", UINT64_MAX);
	ok("16383P", 16383ULL << 50);

	bad("99999999999999999999G", -ERANGE, "too large");
	bad("18446744073709551616", -ERANGE, "too large");
	bad("0x10000000000000000", -ERANGE, "too large");
	bad("16384P", -ERANGE, "too large");
	bad("17179869184G", -ERANGE, "too large");
	bad("-1", -EINVAL, "negative");
	bad("4Q", -EINVAL, "unknown suffix");
	bad("0x", -EINVAL, "no hex digits");
	bad("", -EINVAL, "empty");
	bad("G", -EINVAL, "not a number");
	bad("1GG", -EINVAL, "trailing");
	bad("1 G", -EINVAL, "unknown suffix");
	bad("1.5G", -EINVAL, "unknown suffix");
	bad("0xg", -EINVAL, "no hex digits");

	fmt(0, "0");
	fmt(2097152, "2097152");
	fmt((5000ULL << 10) - 1, "5119999");
	fmt(5000ULL << 10, "4.88 MiB (5.12 MB)");
	fmt(32ULL << 20, "32.00 MiB (33.55 MB)");
	fmt(100ULL << 20, "100.00 MiB (104.86 MB)");
	fmt(512ULL << 20, "512.00 MiB (536.87 MB)");
	fmt((2ULL << 30) - 1, "2048.00 MiB (2147.48 MB)");
	fmt(4ULL << 30, "4.00 GiB (4.29 GB)");
	fmt(1500000000000ULL, "1396.98 GiB (1500.00 GB)");
	fmt(3ULL << 40, "3.00 TiB (3.30 TB)");
	fmt(UINT64_MAX, "16777216.00 TiB (18446744.07 TB)");

	exact(0, "0");
	exact(4096, "4K");
	exact(4097, "4097");
	exact(32ULL << 20, "32M");
	exact(33 << 10, "33K");
	exact(2ULL << 30, "2G");
	exact(3ULL << 40, "3T");
	exact(5ULL << 50, "5P");
	exact(1ULL << 60, "1024P");
	exact(UINT64_MAX, "18446744073709551615");

	expect(is_power_of_2(4096) && !is_power_of_2(0) &&
	       !is_power_of_2(3 << 20), "is_power_of_2");
	return failures ? 1 : 0;
}
