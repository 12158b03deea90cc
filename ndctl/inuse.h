/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_INUSE_H
#define NDCTL_INUSE_H

#include <stddef.h>
#include <ndctl/libndctl.h>

/*
 * Who is using @ndns right now: a mounted block device or a device-dax
 * instance onlined as system RAM.  Returns 1 and a phrase such as
 * "pmem1 is mounted on /mnt" in @buf, or 0 when nothing was found.
 */
int nd_namespace_user(struct ndctl_namespace *ndns, char *buf, size_t len);

#endif
