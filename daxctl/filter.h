/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef DAXCTL_FILTER_H
#define DAXCTL_FILTER_H

#include <stdbool.h>
#include <stddef.h>

struct daxctl_ctx;
struct daxctl_region;
struct daxctl_dev;

/*
 * Region names: "all", "<id>" or "region<id>".  Device names: "all",
 * "dax<r>.<d>" or "<r>.<d>".  The *_valid() checks catch malformed names
 * (an error) before matching, where no match is merely empty.
 */
bool region_ident_valid(const char *ident);
bool dev_ident_valid(const char *ident);
/* NULL or "all" matches everything. */
bool region_matches(struct daxctl_region *region, const char *ident);
bool dev_matches(struct daxctl_dev *dev, const char *ident);

/* A snapshot of objects in natural order (dax0.2 before dax0.10). */
struct dax_list {
	void **items;
	size_t n;
};

/* Regions matching @region_ident, sorted by id.  -ENOMEM on failure. */
int collect_regions(struct daxctl_ctx *ctx, const char *region_ident,
		    struct dax_list *out);
/* Devices of @region matching @dev_ident, in natural order. */
int collect_devs(struct daxctl_region *region, const char *dev_ident,
		 struct dax_list *out);
void dax_list_free(struct dax_list *l);

/*
 * A static region (pmem namespace in devdax mode) has one device sized by
 * the namespace: no dax_region/create to carve more.
 */
bool region_is_static(struct daxctl_region *region);

/* The one device named @ident (not "all"), or NULL. */
struct daxctl_dev *find_dev(struct daxctl_ctx *ctx, const char *ident);

#endif
