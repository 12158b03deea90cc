/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_MEDIA_H
#define NDCTL_MEDIA_H

#include <ndctl/libndctl.h>

/*
 * The system address range that holds a namespace's data: the pfn or dax
 * personality's data area (after its info block and memmap) when enabled,
 * else the whole namespace.  0, or -ENXIO when the kernel shows none.
 */
int nd_namespace_data_range(struct ndctl_namespace *ndns,
			    unsigned long long *begin, unsigned long long *size);

/*
 * Call @fn for each of the region's media errors that falls inside
 * [begin, begin + size), clipped to it, as a system address and a length
 * in bytes.  Stops at, and returns, the first negative return of @fn.
 */
typedef int (*nd_error_fn)(unsigned long long addr, unsigned long long len,
			   void *arg);
int nd_region_errors_in(struct ndctl_region *region, unsigned long long begin,
			unsigned long long size, nd_error_fn fn, void *arg);

#endif
