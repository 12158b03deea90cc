/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_DIMM_H
#define NDCTL_DIMM_H

#include <stdbool.h>
#include <ndctl/libndctl.h>

/*
 * Run @fn on every DIMM named by @idents[0..n-1] ("all" allowed) on buses
 * matching @bus, in natural order.  Every identifier must name a DIMM
 * (else one line and -ENXIO before anything is done).  Returns the number
 * of DIMMs @fn succeeded on (>= 0); *@failed counts the others.
 */
int nd_for_each_dimm(struct ndctl_ctx *ctx, const char *prog, const char *bus,
		     const char **idents, int n,
		     int (*fn)(struct ndctl_dimm *dimm, void *arg), void *arg,
		     int *failed);

/*
 * Whether @dimm is safe to erase or reflash: no active namespace on a
 * region it is part of (and with @regions, no enabled region at all).
 * Prints one line naming the namespace or region and returns -EBUSY.
 */
int nd_dimm_check_unused(struct ndctl_dimm *dimm, const char *prog,
			 bool regions);

/*
 * Commands that report every failure in one line of their own: the
 * library's error messages only with -v (debug) or NDCTL_LOG set.
 */
void nd_quiet_library(struct ndctl_ctx *ctx, int verbose);

#endif
