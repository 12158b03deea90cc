// SPDX-License-Identifier: LGPL-2.1-or-later
/* Where a namespace's data lies (see data-range.h). */
#include <errno.h>
#include <limits.h>

#include "lib/ndctl/data-range.h"

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
