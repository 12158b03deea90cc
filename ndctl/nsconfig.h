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

/*
 * Give a new configuration its uuids as the established tool does: -u
 * (@given, or a random uuid when NULL) is the namespace's own uuid, the
 * one its labels store; a btt/pfn/dax claim gets a fresh uuid of its own.
 */
void ns_config_set_uuids(struct ns_config *cfg, const unsigned char *given);

/* Read the configuration of an existing namespace. */
void ns_config_save(struct ndctl_namespace *ndns, struct ns_config *cfg);

/*
 * Configure a namespace of @region as @cfg and enable it: @target when
 * given (a disabled, released namespace reconfigured in place: it keeps
 * its device name and its capacity is resized, as the established tool
 * does), else the region's idle seed.  *@out gets the namespace.  A
 * label-less namespace (ND_DEVICE_NAMESPACE_IO) has no uuid, name or size
 * of its own: only its claim (btt/pfn/dax) is set.  On failure a seed is
 * reset to idle again and a @target released (capacity kept), *@step
 * names the step that failed ("setting the namespace size", ...) and a
 * negative errno is returned.
 */
int ns_config_apply(struct ndctl_region *region, struct ndctl_namespace *target,
		    const struct ns_config *cfg, struct ndctl_namespace **out,
		    const char **step);

/*
 * Disable @ndns, release its btt/pfn/dax and clear the info block, so that
 * it comes back raw; its capacity and labels stay.  Returns 0 or a
 * negative errno, *@step set.
 */
int ns_release(struct ndctl_namespace *ndns, const char **step);

/*
 * ns_release(), then free the capacity (labels included; a label-less
 * namespace keeps its fixed range).  Kernel fact: a pmem namespace whose
 * size becomes zero is unregistered unless it is the region's seed or
 * id 0, so @ndns must not be used afterwards.
 * Returns 0 or a negative errno, *@step set.
 */
int ns_reset(struct ndctl_namespace *ndns, const char **step);

#endif
