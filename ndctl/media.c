// SPDX-License-Identifier: GPL-2.0-only
/* Where a namespace's data lies, and the media errors inside it. */
#include <limits.h>
#include <errno.h>

#include "ndctl/media.h"

int nd_namespace_data_range(struct ndctl_namespace *ndns,
			    unsigned long long *begin, unsigned long long *size)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);

	*begin = *size = ULLONG_MAX;
	if (pfn) {
		*begin = ndctl_pfn_get_resource(pfn);
		*size = ndctl_pfn_get_size(pfn);
	} else if (dax) {
		*begin = ndctl_dax_get_resource(dax);
		*size = ndctl_dax_get_size(dax);
	}
	if (*begin == ULLONG_MAX || *size == ULLONG_MAX) {
		/* raw, sector, or a personality without a data range */
		*begin = ndctl_namespace_get_resource(ndns);
		*size = ndctl_namespace_get_size(ndns);
	}
	if (*begin == ULLONG_MAX || *size == ULLONG_MAX || !*size)
		return -ENXIO;
	return 0;
}

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
