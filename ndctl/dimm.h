/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_DIMM_H
#define NDCTL_DIMM_H

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

#endif
