/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_NS_LIMITS_H
#define NDCTL_NS_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <ndctl/libndctl.h>

/*
 * The smallest namespace the kernel accepts in each mode, and the size
 * rules of an fsdax/devdax alignment, checked before anything is written
 * (a refused attach leaves a seed with the uuid already written, and a
 * seed's uuid cannot be cleared again).  Kernel facts (6.1):
 *  - claim.c nd_namespace_store(): a btt, pfn or dax refuses to attach to
 *    a namespace under 16 MiB (-ENXIO); btt.c also needs one 16 MiB arena.
 *  - namespace_devs.c nvdimm_namespace_common_probe(): a raw namespace
 *    under ND_MIN_NAMESPACE_SIZE (one page) does not probe (-ENODEV).
 *  - pfn_devs.c nd_pfn_init(): the data starts at the first @align
 *    boundary after the 8 KiB info block and, with map=dev, the page map
 *    (64 bytes per 4 KiB page); an offset at or past the end is -ENXIO.
 * @align 0 means the kernel's default (2 MiB).  @loc: where the page map
 * goes.  @given: the size was asked for (not "all available"): then, as
 * the established tool does, it must also be a multiple of the alignment
 * (the kernel silently drops an unaligned tail).  Returns 0, or -EINVAL with a reason in @why ("fsdax needs at
 * least 16 MiB: ...").
 */
int ns_size_check(enum ndctl_namespace_mode mode, unsigned long long size,
		  unsigned long align, enum ndctl_pfn_loc loc, bool given,
		  char *why, size_t len);

/* "16 MiB", "1 GiB", or the byte count when it is no whole unit */
void ns_size_name(unsigned long long v, char *buf, size_t len);

#endif
