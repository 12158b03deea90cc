/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_INFOBLOCK_H
#define NDCTL_INFOBLOCK_H

/*
 * Raw access to a namespace's metadata, shared by read-infoblock and
 * write-infoblock (ndctl/infoblock.c).
 */
#include <ndctl/libndctl.h>

#include "ndctl/filter.h"

/*
 * The namespaces each of @names (device names or "all") selects under the
 * bus and region of @f, in the order given; a name that matches nothing
 * is an error.  Returns the count with *@out malloc()ed (free it), or -1
 * after printing one line prefixed with @prog.
 */
int ib_collect_namespaces(struct ndctl_ctx *ctx, struct nd_filter *f,
			  int n, const char **names, const char *prog,
			  struct ndctl_namespace ***out);

/* called with the raw block device ("/dev/pmemX") of the namespace */
typedef int (*ib_raw_fn)(struct ndctl_namespace *ndns, const char *bdev,
			 void *arg);

/*
 * Run @fn on a disabled namespace enabled in raw mode (its info block
 * not interpreted), then disable it and leave raw mode again.  An active
 * namespace is refused with -EBUSY.  Failures are printed as one line
 * prefixed with @prog (@fn prints its own); returns 0 or negative errno.
 */
int ib_with_raw_namespace(struct ndctl_namespace *ndns, const char *prog,
			  ib_raw_fn fn, void *arg);

#endif
