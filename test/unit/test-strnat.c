// SPDX-License-Identifier: LGPL-2.1-or-later
/* strnatcmp(): numeric runs by value, the rest bytewise, and qsort use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strnat.h"

static int failures;

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void cmp(const char *a, const char *b, int want)
{
	int got = sign(strnatcmp(a, b)), rev = sign(strnatcmp(b, a));

	if (got != want || rev != -want) {
		fprintf(stderr, "FAIL: strnatcmp('%s', '%s') = %d, want %d\n",
			a, b, got, want);
		failures++;
	}
}

int main(void)
{
	const char *names[] = { "dax0.10", "dax1.0", "dax0.2", "dax10.0",
				"dax0.1", "dax2.0", "dax0.0" };
	const char *sorted[] = { "dax0.0", "dax0.1", "dax0.2", "dax0.10",
				 "dax1.0", "dax2.0", "dax10.0" };
	size_t i;

	cmp("dax0.2", "dax0.10", -1);
	cmp("region9", "region10", -1);
	cmp("a", "a", 0);
	cmp("a", "ab", -1);
	cmp("a1", "a01", 0);
	cmp("abc", "abd", -1);
	cmp("x99", "y1", -1);
	cmp("", "a", -1);
	cmp("18446744073709551616", "18446744073709551615", 1);

	qsort(names, sizeof(names) / sizeof(names[0]), sizeof(names[0]),
	      strnatcmp_qsort);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], sorted[i]) != 0) {
			fprintf(stderr, "FAIL: sorted[%zu] = %s, want %s\n", i,
				names[i], sorted[i]);
			failures++;
		}
	return failures ? 1 : 0;
}
