/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_NSCONFIG_H
#define NDCTL_NSCONFIG_H

#include <stdbool.h>
#include <uuid/uuid.h>
#include <ndctl/libndctl.h>

/* Everything that defines a namespace's configuration, for (re)creating */
struct ns_config {
	enum ndctl_namespace_mode mode;
	unsigned long long size;	/* of the raw namespace */
	uuid_t uuid;			/* the user-visible (personality) uuid */
	uuid_t raw_uuid;		/* the namespace's own uuid */
	bool have_raw_uuid;
	char name[64];
	unsigned int sector_size;	/* 0: kernel default */
	unsigned long align;		/* 0: kernel default */
	enum ndctl_pfn_loc loc;
};

/* Read the configuration of an existing namespace. */
void ns_config_save(struct ndctl_namespace *ndns, struct ns_config *cfg);

/*
 * Configure @region's idle namespace (its seed) as @cfg and enable it;
 * *@out gets the namespace.  On failure the namespace is reset to idle
 * again, *@step names the step that failed ("setting the namespace
 * size", ...) and a negative errno is returned.
 */
int ns_config_apply(struct ndctl_region *region, const struct ns_config *cfg,
		    struct ndctl_namespace **out, const char **step);

/*
 * Disable @ndns, clear its btt/pfn/dax info block and free its capacity
 * (labels included).  @ndns is gone afterwards: the library drops the
 * object and the region's seed is the idle namespace to use next.
 * Returns 0 or a negative errno, *@step set.
 */
int ns_reset(struct ndctl_namespace *ndns, const char **step);

#endif
