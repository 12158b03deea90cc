/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBNDCTL_DATA_RANGE_H
#define LIBNDCTL_DATA_RANGE_H

#include <ndctl/libndctl.h>

/*
 * The system address range that holds a namespace's data: the pfn or dax
 * personality's data area (after its info block and memmap) when enabled,
 * else the whole namespace.  0, or -ENXIO when the kernel shows none.
 *
 * Built on the public API only, so that the library (error injection,
 * the namespace's badblocks) and the ndctl tool (list -M, clear-errors)
 * compile the same file and agree on where a namespace's block 0 is.
 */
int nd_namespace_data_range(struct ndctl_namespace *ndns,
			    unsigned long long *begin, unsigned long long *size);

#endif
