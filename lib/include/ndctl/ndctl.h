/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDCTL_NDCTL_H
#define NDCTL_NDCTL_H

/*
 * Kernel ioctl interface of /dev/ndctlN and /dev/nmemN.  The payload
 * layouts, command numbers and ioctl codes are the kernel's UAPI, so take
 * them from the installed kernel headers rather than keeping a second copy
 * that could drift; only the few values the UAPI header lacks follow.
 */
#include <linux/ndctl.h>
#include <unistd.h>

/* Retired BLK namespaces: the number stays reserved in the device model. */
#ifndef ND_DEVICE_NAMESPACE_BLK
#define ND_DEVICE_NAMESPACE_BLK 6
#endif

/* The smallest namespace the kernel accepts is one page. */
#ifndef ND_MIN_NAMESPACE_SIZE
#define ND_MIN_NAMESPACE_SIZE ((unsigned)sysconf(_SC_PAGESIZE))
#endif

#endif
