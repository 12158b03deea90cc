// SPDX-License-Identifier: GPL-2.0-only
/* The records of namespace reconfigurations in progress; see ns-intent.h */
#include <stdio.h>
#include <string.h>

#include "ndctl/ns-intent.h"
#include "ndctl/ns-mode.h"

/* "devdax, size 32M, align 2M, map dev, name x" */
static void describe(const struct ns_config *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s", nd_mode_name(c->mode));
	intent_add_size(buf, len, ", size ", c->size);
	if (c->align)
		intent_add_size(buf, len, ", align ", c->align);
	if (c->sector_size)
		intent_add(buf, len, ", sector size %u", c->sector_size);
	if (c->mode == NDCTL_NS_MODE_FSDAX || c->mode == NDCTL_NS_MODE_DEVDAX)
		intent_add(buf, len, ", map %s",
			   c->loc == NDCTL_PFN_LOC_RAM ? "mem" : "dev");
	if (c->name[0])
		intent_add(buf, len, ", name %s", c->name);
}

/*
 * The create-namespace -e command that configures @dev as @c, from @from:
 * size and name only where they differ (a label-less namespace has a
 * fixed size and no name).
 */
static void command(const struct ns_config *c, const struct ns_config *from,
		    const char *dev, char *buf, size_t len)
{
	char q[160];

	snprintf(buf, len, "ndctl create-namespace -f -e %s -m %s", dev,
		 nd_mode_name(c->mode));
	if (c->size != from->size)
		intent_add_size(buf, len, " -s ", c->size);
	if (c->align)
		intent_add_size(buf, len, " -a ", c->align);
	if (c->sector_size)
		intent_add(buf, len, " -l %u", c->sector_size);
	if (c->mode == NDCTL_NS_MODE_FSDAX || c->mode == NDCTL_NS_MODE_DEVDAX)
		intent_add(buf, len, " -M %s",
			   c->loc == NDCTL_PFN_LOC_RAM ? "mem" : "dev");
	if (strcmp(c->name, from->name) &&
	    intent_quote(q, sizeof(q), c->name) == 0)
		intent_add(buf, len, " -n %s", q);
}

void ns_intent_begin(struct intent *in, const char *dev,
		     const struct ns_config *old, const struct ns_config *cfg,
		     const char *cmdline, const char *prog)
{
	char was[256], finish[512], undo[512];
	struct intent_desc d = {
		.command = cmdline, .was = was, .finish = finish, .undo = undo,
	};
	int rc;

	describe(old, was, sizeof(was));
	command(cfg, old, dev, finish, sizeof(finish));
	command(old, cfg, dev, undo, sizeof(undo));
	rc = intent_begin(in, NDCTL_INTENT_DIR, dev, &d);
	if (rc < 0)
		fprintf(stderr, "%s: %s: cannot record the reconfigure in %s (%s): if it is killed, nothing will say what it left\n",
			prog, dev, NDCTL_INTENT_DIR, strerror(-rc));
}
