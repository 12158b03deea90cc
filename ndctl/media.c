// SPDX-License-Identifier: GPL-2.0-only
/* The media errors inside a namespace's data. */
#include <limits.h>
#include <errno.h>

#include "ndctl/media.h"

int nd_region_errors_in(struct ndctl_region *region, unsigned long long begin,
			unsigned long long size, nd_error_fn fn, void *arg)
{
	unsigned long long rbegin = ndctl_region_get_resource(region);
	struct badblock *bb;
	int rc;

	if (rbegin == ULLONG_MAX)
		return 0;
	ndctl_region_badblock_foreach(region, bb) {
		unsigned long long s = rbegin + (bb->offset << 9);
		unsigned long long e = s + ((unsigned long long)bb->len << 9);

		if (e <= begin || s >= begin + size)
			continue;
		if (s < begin)
			s = begin;
		if (e > begin + size)
			e = begin + size;
		rc = fn(s, e - s, arg);
		if (rc < 0)
			return rc;
	}
	return 0;
}
