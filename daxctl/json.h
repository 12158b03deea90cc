/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef DAXCTL_JSON_H
#define DAXCTL_JSON_H

#include "util/json.h"

struct daxctl_region;
struct daxctl_dev;

/* daxctl-only listing flags, above the shared UTIL_JSON_* ones */
enum {
	DAX_JSON_MAPPINGS = 1 << 8,	/* -M */
};

/* Keys and shapes as users' scripts parse them; see daxctl-list(1). */
struct json_object *dax_dev_to_json(struct daxctl_dev *dev,
				    unsigned long flags);
/* The region without its "devices" (the caller adds them). */
struct json_object *dax_region_to_json(struct daxctl_region *region,
				       unsigned long flags);

#endif
