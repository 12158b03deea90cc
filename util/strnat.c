// SPDX-License-Identifier: LGPL-2.1-or-later
#include <string.h>

#include "util/strnat.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int strnatcmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (is_digit(*a) && is_digit(*b)) {
			const char *ea, *eb;
			size_t la, lb;

			/* leading zeros carry no value */
			while (*a == '0' && is_digit(a[1]))
				a++;
			while (*b == '0' && is_digit(b[1]))
				b++;
			for (ea = a; is_digit(*ea); ea++)
				;
			for (eb = b; is_digit(*eb); eb++)
				;
			la = (size_t)(ea - a);
			lb = (size_t)(eb - b);
			if (la != lb)
				return la < lb ? -1 : 1;
			for (; a < ea; a++, b++)
				if (*a != *b)
					return *a < *b ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	if (*a == *b)
		return 0;
	return *a ? 1 : -1;
}

int strnatcmp_qsort(const void *a, const void *b)
{
	return strnatcmp(*(const char *const *)a, *(const char *const *)b);
}
