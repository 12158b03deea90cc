/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_NS_INTENT_H
#define NDCTL_NS_INTENT_H

#include "ndctl/nsconfig.h"
#include "util/intent.h"

/* where ndctl keeps its records of reconfigurations in progress */
#define NDCTL_INTENT_DIR "/run/ndctl"

/*
 * Before reconfiguring namespace @dev from @old to @cfg, as asked by the
 * command line @cmdline: write the record (intent.h) that the next
 * invocation reports if this one is killed half-way.  A record that
 * cannot be written is said on stderr; the reconfigure goes on.
 */
void ns_intent_begin(struct intent *in, const char *dev,
		     const struct ns_config *old, const struct ns_config *cfg,
		     const char *cmdline, const char *prog);

#endif
