/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_FILTER_H
#define NDCTL_FILTER_H

#include <stdbool.h>
#include <ndctl/libndctl.h>

/*
 * Object selection shared by every command.  Each identifier may be a
 * space separated list; "all" matches everything.  A bus matches by id,
 * provider or device name; a region, dimm by id or device name; a
 * namespace by device name or "R.N".
 */
struct nd_filter {
	const char *bus;
	const char *region;
	const char *dimm;
	const char *namespace;
	const char *mode;	/* namespace mode (aliases accepted) */
	const char *type;	/* region type: pmem or blk */
	const char *numa_node;
	/* filled in by nd_filter_prepare() */
	int numa;		/* -1: any */
	unsigned int region_type;	/* 0: any */
	int ns_mode;		/* -1: any */
};

/*
 * Validate the value filters (mode, type, numa node).  On a bad value
 * prints one line "@prog: <why>: '<value>'" and returns -EINVAL (a usage
 * error, EXIT_USAGE); a numa node on a machine without NUMA is
 * -EOPNOTSUPP (a failure, EXIT_FAIL).
 */
int nd_filter_prepare(struct nd_filter *f, const char *prog);

/*
 * Every identifier given must name at least one existing object, so that
 * a typo is reported rather than silently matching nothing.  Prints one
 * line per unmatched name and returns -ENXIO otherwise.  An action fails
 * on that; list only warns (exit 0, as the established tool).
 */
int nd_filter_check_exists(struct ndctl_ctx *ctx, const struct nd_filter *f,
			   const char *prog);

bool nd_bus_match(struct ndctl_bus *bus, const char *ident);
bool nd_region_match(struct ndctl_region *region, const char *ident);
bool nd_dimm_match(struct ndctl_dimm *dimm, const char *ident);
bool nd_namespace_match(struct ndctl_namespace *ndns, const char *ident);

/*
 * Callbacks of a filtered walk, each optional.  bus/region return false
 * to skip the object's children.  Objects come in natural name order.
 */
struct nd_walk {
	bool (*bus)(struct ndctl_bus *bus, void *arg);
	void (*dimm)(struct ndctl_dimm *dimm, void *arg);
	bool (*region)(struct ndctl_region *region, void *arg);
	void (*ns)(struct ndctl_namespace *ndns, void *arg);
	void *arg;
};

/* Returns 0 or -ENOMEM. */
int nd_filter_walk(struct ndctl_ctx *ctx, const struct nd_filter *f,
		   const struct nd_walk *w);

/*
 * A list of objects sorted by natural order of their names; used by the
 * walk and by commands that act on the objects they find.
 */
struct nd_sorted {
	size_t n;
	struct nd_sorted_item {
		const char *name;
		void *obj;
	} *v;
};
int nd_sorted_buses(struct ndctl_ctx *ctx, struct nd_sorted *s);
int nd_sorted_dimms(struct ndctl_bus *bus, struct nd_sorted *s);
int nd_sorted_regions(struct ndctl_bus *bus, struct nd_sorted *s);
int nd_sorted_namespaces(struct ndctl_region *region, struct nd_sorted *s);
void nd_sorted_free(struct nd_sorted *s);

#endif
