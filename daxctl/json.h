/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef DAXCTL_JSON_H
#define DAXCTL_JSON_H

#include "util/json.h"

struct daxctl_region;
struct daxctl_dev;

/* daxctl-only listing flags, above the shared UTIL_JSON_* ones */
enum {
	DAX_JSON_MAPPINGS = 1 << 8,	/* -M */
	DAX_JSON_NO_PATH = 1 << 9,	/* region under a namespace (ndctl -X) */
};

/* Keys and shapes as users' scripts parse them; see daxctl-list(1). */
struct json_object *dax_dev_to_json(struct daxctl_dev *dev,
				    unsigned long flags);
/* The region without its "devices" (the caller adds them). */
struct json_object *dax_region_to_json(struct daxctl_region *region,
				       unsigned long flags);
/*
 * All the region's devices as an array, zero-sized ones (idle seeds) only
 * with UTIL_JSON_IDLE; NULL when there is none to list.  ndctl's -X uses
 * it, so a device prints the same under `ndctl list` as under `daxctl list`.
 */
struct json_object *dax_region_devs_to_json(struct daxctl_region *region,
					    unsigned long flags);

#endif
