/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_MEDIA_H
#define NDCTL_MEDIA_H

#include <ndctl/libndctl.h>

#include "lib/ndctl/data-range.h"

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
