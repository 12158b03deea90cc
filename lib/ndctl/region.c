// SPDX-License-Identifier: LGPL-2.1-or-later
/* Regions (regionN): geometry, mappings, interleave set, state. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private.h"
#include "util/strnat.h"

static bool carvable(struct ndctl_region *region);

struct ndctl_ctx *nd_region_ctx(struct ndctl_region *region)
{
	return region->bus->ctx;
}

int nd_child_init(struct nd_child *ch, struct ndctl_region *region,
		  const char *name, const char *prefix)
{
	ch->region = region;
	if (nd_name_id(name, prefix, &ch->id) < 0)
		return -EINVAL;
	ch->devname = strdup(name);
	ch->path = nd_path_join(region->path, name);
	if (!ch->devname || !ch->path) {
		nd_child_fini(ch);
		return -ENOMEM;
	}
	return 0;
}

void nd_child_fini(struct nd_child *ch)
{
	free(ch->devname);
	free(ch->path);
	ch->devname = ch->path = NULL;
}

struct nd_child *nd_child_find(struct list_head *list, const char *devname)
{
	struct nd_child *ch;

	list_for_each(list, ch, node)
		if (strcmp(ch->devname, devname) == 0)
			return ch;
	return NULL;
}

static bool name_listed(char **names, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

void nd_region_sync(struct ndctl_region *region, struct list_head *list,
		    const char *prefix, nd_child_new_fn fn)
{
	struct nd_child *ch, *tmp, *pos;
	char **names;
	int n, i;

	n = nd_scan_dir(region->path, prefix, &names);
	if (n < 0)
		n = 0, names = NULL;
	list_for_each_safe(list, ch, tmp, node) {
		if (name_listed(names, n, ch->devname))
			continue;
		list_del(&ch->node);
		list_add_tail(&region->retired, &ch->node);
	}
	for (i = 0; i < n; i++) {
		if (nd_child_find(list, names[i]))
			continue;
		ch = fn(region, names[i]);
		if (!ch)
			continue;
		list_for_each(list, pos, node)
			if (strnatcmp(pos->devname, ch->devname) > 0)
				break;
		list_add_before(pos ? &pos->node : &list->n, &ch->node);
	}
	nd_free_names(names, n);
}

static void release_list(struct list_head *list)
{
	struct nd_child *ch, *tmp;

	list_for_each_safe(list, ch, tmp, node) {
		list_del(&ch->node);
		ch->release(ch);
	}
}

void nd_region_free_children(struct ndctl_region *region)
{
	release_list(&region->namespaces);
	release_list(&region->btts);
	release_list(&region->pfns);
	release_list(&region->daxs);
}

void nd_region_free(struct ndctl_region *region)
{
	struct ndctl_mapping *m, *tmp;

	nd_region_unlock(region);
	nd_region_free_children(region);
	release_list(&region->retired);
	list_for_each_safe(&region->mappings, m, tmp, node) {
		list_del(&m->node);
		free(m);
	}
	nd_badblocks_clear(&region->bb);
	free(region->devname);
	free(region->path);
	free(region);
}

static struct ndctl_region *add_region(struct ndctl_bus *bus, const char *name)
{
	struct ndctl_region *region;

	region = calloc(1, sizeof(*region));
	if (!region)
		return NULL;
	region->bus = bus;
	region->lock_fd = -1;
	list_head_init(&region->mappings);
	list_head_init(&region->namespaces);
	list_head_init(&region->btts);
	list_head_init(&region->pfns);
	list_head_init(&region->daxs);
	list_head_init(&region->retired);
	if (nd_name_id(name, "region", &region->id) < 0)
		goto err;
	region->devname = strdup(name);
	region->path = nd_path_join(bus->path, name);
	if (!region->devname || !region->path)
		goto err;
	return region;
err:
	free(region->devname);
	free(region->path);
	free(region);
	return NULL;
}

static void scan_regions(struct ndctl_bus *bus)
{
	char **names;
	int n, i;

	if (bus->regions_scanned)
		return;
	bus->regions_scanned = true;
	n = nd_scan_dir(bus->path, "region", &names);
	if (n < 0)
		return;
	for (i = 0; i < n; i++) {
		struct ndctl_region *region = add_region(bus, names[i]);

		if (region)
			list_add_tail(&bus->regions, &region->node);
	}
	nd_free_names(names, n);
}

NDCTL_EXPORT struct ndctl_region *ndctl_region_get_first(struct ndctl_bus *bus)
{
	if (!bus)
		return NULL;
	scan_regions(bus);
	return list_first(&bus->regions, struct ndctl_region, node);
}

NDCTL_EXPORT struct ndctl_region *
ndctl_region_get_next(struct ndctl_region *region)
{
	return region ? list_next(&region->bus->regions, region, node) : NULL;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_region_get_ctx(struct ndctl_region *region)
{
	return region ? region->bus->ctx : NULL;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_region_get_bus(struct ndctl_region *region)
{
	return region ? region->bus : NULL;
}

NDCTL_EXPORT unsigned int ndctl_region_get_id(struct ndctl_region *region)
{
	return region ? region->id : UINT_MAX;
}

NDCTL_EXPORT const char *ndctl_region_get_devname(struct ndctl_region *region)
{
	return region ? region->devname : NULL;
}

static const struct {
	const char *name;
	bool is_signed;
} fixed_attrs[REGION_ATTR_COUNT] = {
	[REGION_ATTR_SIZE] = { "size", false },
	[REGION_ATTR_RESOURCE] = { "resource", false },
	[REGION_ATTR_NSTYPE] = { "nstype", false },
	[REGION_ATTR_MAPPINGS] = { "mappings", false },
	[REGION_ATTR_NUMA] = { "numa_node", true },
	[REGION_ATTR_TARGET] = { "target_node", true },
	[REGION_ATTR_RANGE] = { "nfit/range_index", false },
	[REGION_ATTR_COOKIE] = { "set_cookie", false },
};

/*
 * An attribute that cannot change while the region device exists, read
 * the first time it is asked for (so a listing pays only for what it
 * prints).  Returns 0 with *val, or the negative errno of the read.
 */
static int fixed(struct ndctl_region *region, enum region_attr a,
		 unsigned long long *val)
{
	struct ndctl_ctx *ctx = nd_region_ctx(region);

	if (!(region->fixed_read & (1u << a))) {
		long long sv;
		int rc;

		if (fixed_attrs[a].is_signed) {
			rc = nd_read_s64(ctx, region->path, fixed_attrs[a].name,
					 &sv);
			region->fixed_val[a] = (unsigned long long)sv;
		} else {
			rc = nd_read_u64(ctx, region->path, fixed_attrs[a].name,
					 &region->fixed_val[a]);
		}
		region->fixed_rc[a] = rc;
		region->fixed_read |= 1u << a;
	}
	*val = region->fixed_val[a];
	return region->fixed_rc[a];
}

static unsigned long long fixed_or(struct ndctl_region *region,
				   enum region_attr a, unsigned long long dflt)
{
	unsigned long long v;

	return fixed(region, a, &v) < 0 ? dflt : v;
}

NDCTL_EXPORT unsigned int ndctl_region_get_type(struct ndctl_region *region)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!region)
		return 0;
	if (!region->type) {
		region->type = ND_DEVICE_REGION_PMEM;
		if (nd_read_attr(nd_region_ctx(region), region->path, "devtype",
				 buf) == 0 &&
		    strcmp(buf, "nd_blk") == 0)
			region->type = ND_DEVICE_REGION_BLK;
	}
	return region->type;
}

NDCTL_EXPORT const char *ndctl_region_get_type_name(struct ndctl_region *region)
{
	return ndctl_region_get_type(region) == ND_DEVICE_REGION_BLK ? "blk" :
								       "pmem";
}

NDCTL_EXPORT unsigned int ndctl_region_get_nstype(struct ndctl_region *region)
{
	return region ? (unsigned int)fixed_or(region, REGION_ATTR_NSTYPE, 0) : 0;
}

NDCTL_EXPORT unsigned long long ndctl_region_get_size(struct ndctl_region *region)
{
	return region ? fixed_or(region, REGION_ATTR_SIZE, ULLONG_MAX) :
			ULLONG_MAX;
}

NDCTL_EXPORT unsigned long long
ndctl_region_get_resource(struct ndctl_region *region)
{
	return region ? fixed_or(region, REGION_ATTR_RESOURCE, ULLONG_MAX) :
			ULLONG_MAX;
}

NDCTL_EXPORT unsigned int ndctl_region_get_mappings(struct ndctl_region *region)
{
	unsigned long long n;

	if (!region)
		return 0;
	n = fixed_or(region, REGION_ATTR_MAPPINGS, 0);
	return n > UINT_MAX ? 0 : (unsigned int)n;
}

NDCTL_EXPORT unsigned int
ndctl_region_get_interleave_ways(struct ndctl_region *region)
{
	unsigned int n = ndctl_region_get_mappings(region);

	return n ? n : 1;
}

NDCTL_EXPORT unsigned int
ndctl_region_get_range_index(struct ndctl_region *region)
{
	return region ? (unsigned int)fixed_or(region, REGION_ATTR_RANGE,
					       UINT_MAX) :
			UINT_MAX;
}

static int node_attr(struct ndctl_region *region, enum region_attr a)
{
	unsigned long long v;

	if (!region || fixed(region, a, &v) < 0)
		return NUMA_NO_ATTR;
	return (int)(long long)v;
}

NDCTL_EXPORT int ndctl_region_get_numa_node(struct ndctl_region *region)
{
	return node_attr(region, REGION_ATTR_NUMA);
}

NDCTL_EXPORT int ndctl_region_has_numa(struct ndctl_region *region)
{
	return ndctl_region_get_numa_node(region) != NUMA_NO_ATTR;
}

/* The kernel hides target_node when there is none: that is "no node". */
NDCTL_EXPORT int ndctl_region_get_target_node(struct ndctl_region *region)
{
	unsigned long long v;

	if (!region)
		return NUMA_NO_ATTR;
	if (fixed(region, REGION_ATTR_TARGET, &v) < 0)
		return NUMA_NO_NODE;
	return (int)(long long)v;
}

/* Capacity values move as namespaces are created: read them fresh. */
static unsigned long long fresh_u64(struct ndctl_region *region,
				    const char *attr)
{
	unsigned long long v;

	if (!region || nd_read_u64(nd_region_ctx(region), region->path, attr,
				   &v) < 0)
		return ULLONG_MAX;
	return v;
}

/*
 * Only label-backed regions (pmem/blk namespaces) can be carved up; an io
 * region is one platform-defined namespace, so it has nothing available
 * whatever sysfs says (the established library reports 0 too).
 */
static bool carvable(struct ndctl_region *region)
{
	unsigned int t = ndctl_region_get_nstype(region);

	return t == ND_DEVICE_NAMESPACE_PMEM || t == ND_DEVICE_NAMESPACE_BLK;
}

NDCTL_EXPORT unsigned long long
ndctl_region_get_available_size(struct ndctl_region *region)
{
	if (region && !carvable(region))
		return 0;
	return fresh_u64(region, "available_size");
}

NDCTL_EXPORT unsigned long long
ndctl_region_get_max_available_extent(struct ndctl_region *region)
{
	if (region && !carvable(region))
		return 0;
	return fresh_u64(region, "max_available_extent");
}

NDCTL_EXPORT unsigned long ndctl_region_get_align(struct ndctl_region *region)
{
	unsigned long long v = fresh_u64(region, "align");

	return v == ULLONG_MAX ? ULONG_MAX : (unsigned long)v;
}

NDCTL_EXPORT int ndctl_region_set_align(struct ndctl_region *region,
					unsigned long align)
{
	char buf[32];

	if (!region)
		return -EINVAL;
	snprintf(buf, sizeof(buf), "%#lx", align);
	return nd_write_attr(nd_region_ctx(region), region->path, "align", buf);
}

NDCTL_EXPORT int ndctl_region_get_ro(struct ndctl_region *region)
{
	unsigned long long v = fresh_u64(region, "read_only");

	if (v == ULLONG_MAX)
		return -ENXIO;
	return !!v;
}

NDCTL_EXPORT int ndctl_region_set_ro(struct ndctl_region *region, int ro)
{
	int rc;

	if (!region)
		return -EINVAL;
	rc = nd_write_attr(nd_region_ctx(region), region->path, "read_only",
			   ro ? "1" : "0");
	if (rc < 0)
		return rc;
	return ndctl_region_get_ro(region);
}

NDCTL_EXPORT enum ndctl_persistence_domain
ndctl_region_get_persistence_domain(struct ndctl_region *region)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!region || nd_read_attr(nd_region_ctx(region), region->path,
				    "persistence_domain", buf) < 0)
		return PERSISTENCE_UNKNOWN;
	if (strcmp(buf, "cpu_cache") == 0)
		return PERSISTENCE_CPU_CACHE;
	if (strcmp(buf, "memory_controller") == 0)
		return PERSISTENCE_MEM_CTRL;
	if (buf[0] == '\0' || strcmp(buf, "none") == 0)
		return PERSISTENCE_NONE;
	return PERSISTENCE_UNKNOWN;
}

NDCTL_EXPORT int ndctl_region_deep_flush(struct ndctl_region *region)
{
	if (!region)
		return -EINVAL;
	return nd_write_attr(nd_region_ctx(region), region->path, "deep_flush",
			     "1");
}

/* ---- mappings ---- */

static void scan_mappings(struct ndctl_region *region)
{
	struct ndctl_ctx *ctx = nd_region_ctx(region);
	char attr[32], buf[SYSFS_ATTR_SIZE], name[64];
	unsigned int i, n;

	if (region->mappings_scanned)
		return;
	region->mappings_scanned = true;
	n = ndctl_region_get_mappings(region);
	for (i = 0; i < n; i++) {
		struct ndctl_mapping *m;
		unsigned long long off, len;
		int pos = -1, got;

		snprintf(attr, sizeof(attr), "mapping%u", i);
		if (nd_read_attr(ctx, region->path, attr, buf) < 0)
			continue;
		/* nmemX,<dpa offset>,<length>[,<position>] */
		got = sscanf(buf, "%63[^,],%llu,%llu,%d", name, &off, &len, &pos);
		if (got < 3) {
			nd_dbg(ctx, "%s/%s: unparsable '%s'\n", region->devname,
			       attr, buf);
			continue;
		}
		m = calloc(1, sizeof(*m));
		if (!m)
			return;
		m->region = region;
		m->dimm = nd_bus_find_dimm(region->bus, name);
		m->offset = off;
		m->length = len;
		m->position = got == 4 ? pos : -1;
		list_add_tail(&region->mappings, &m->node);
	}
}

NDCTL_EXPORT struct ndctl_mapping *
ndctl_mapping_get_first(struct ndctl_region *region)
{
	if (!region)
		return NULL;
	scan_mappings(region);
	return list_first(&region->mappings, struct ndctl_mapping, node);
}

NDCTL_EXPORT struct ndctl_mapping *
ndctl_mapping_get_next(struct ndctl_mapping *mapping)
{
	return mapping ? list_next(&mapping->region->mappings, mapping, node) :
			 NULL;
}

NDCTL_EXPORT struct ndctl_dimm *
ndctl_mapping_get_dimm(struct ndctl_mapping *mapping)
{
	return mapping ? mapping->dimm : NULL;
}

NDCTL_EXPORT struct ndctl_ctx *
ndctl_mapping_get_ctx(struct ndctl_mapping *mapping)
{
	return mapping ? nd_region_ctx(mapping->region) : NULL;
}

NDCTL_EXPORT struct ndctl_bus *
ndctl_mapping_get_bus(struct ndctl_mapping *mapping)
{
	return mapping ? mapping->region->bus : NULL;
}

NDCTL_EXPORT struct ndctl_region *
ndctl_mapping_get_region(struct ndctl_mapping *mapping)
{
	return mapping ? mapping->region : NULL;
}

NDCTL_EXPORT unsigned long long
ndctl_mapping_get_offset(struct ndctl_mapping *mapping)
{
	return mapping ? mapping->offset : ULLONG_MAX;
}

NDCTL_EXPORT unsigned long long
ndctl_mapping_get_length(struct ndctl_mapping *mapping)
{
	return mapping ? mapping->length : ULLONG_MAX;
}

NDCTL_EXPORT int ndctl_mapping_get_position(struct ndctl_mapping *mapping)
{
	return mapping ? mapping->position : -EINVAL;
}

/* DIMMs of the region, in mapping order, each once. */
NDCTL_EXPORT struct ndctl_dimm *
ndctl_region_get_first_dimm(struct ndctl_region *region)
{
	struct ndctl_mapping *m;

	ndctl_mapping_foreach(region, m)
		if (m->dimm)
			return m->dimm;
	return NULL;
}

NDCTL_EXPORT struct ndctl_dimm *
ndctl_region_get_next_dimm(struct ndctl_region *region, struct ndctl_dimm *dimm)
{
	struct ndctl_mapping *m;
	bool found = false;

	if (!dimm)
		return NULL;
	ndctl_mapping_foreach(region, m) {
		if (!m->dimm)
			continue;
		if (found)
			return m->dimm;
		if (m->dimm == dimm)
			found = true;
	}
	return NULL;
}

/* ---- interleave sets ---- */

/* Regions built from an NFIT interleave set publish its cookie. */
NDCTL_EXPORT struct ndctl_interleave_set *
ndctl_region_get_interleave_set(struct ndctl_region *region)
{
	unsigned long long cookie;

	/* the cookie only matters where labels are: label-backed regions */
	if (!region || !carvable(region) ||
	    fixed(region, REGION_ATTR_COOKIE, &cookie) < 0)
		return NULL;
	region->iset.region = region;
	region->iset.cookie = cookie;
	return &region->iset;
}

static struct ndctl_interleave_set *iset_from(struct ndctl_region *region)
{
	for (; region; region = ndctl_region_get_next(region)) {
		struct ndctl_interleave_set *iset =
			ndctl_region_get_interleave_set(region);

		if (iset)
			return iset;
	}
	return NULL;
}

NDCTL_EXPORT struct ndctl_interleave_set *
ndctl_interleave_set_get_first(struct ndctl_bus *bus)
{
	return iset_from(ndctl_region_get_first(bus));
}

NDCTL_EXPORT struct ndctl_interleave_set *
ndctl_interleave_set_get_next(struct ndctl_interleave_set *iset)
{
	return iset ? iset_from(ndctl_region_get_next(iset->region)) : NULL;
}

NDCTL_EXPORT int
ndctl_interleave_set_is_active(struct ndctl_interleave_set *iset)
{
	return iset ? ndctl_region_is_enabled(iset->region) : 0;
}

NDCTL_EXPORT unsigned long long
ndctl_interleave_set_get_cookie(struct ndctl_interleave_set *iset)
{
	return iset ? iset->cookie : 0;
}

NDCTL_EXPORT struct ndctl_region *
ndctl_interleave_set_get_region(struct ndctl_interleave_set *iset)
{
	return iset ? iset->region : NULL;
}

NDCTL_EXPORT struct ndctl_dimm *
ndctl_interleave_set_get_first_dimm(struct ndctl_interleave_set *iset)
{
	return iset ? ndctl_region_get_first_dimm(iset->region) : NULL;
}

NDCTL_EXPORT struct ndctl_dimm *
ndctl_interleave_set_get_next_dimm(struct ndctl_interleave_set *iset,
				   struct ndctl_dimm *dimm)
{
	return iset ? ndctl_region_get_next_dimm(iset->region, dimm) : NULL;
}

/* ---- state ---- */

NDCTL_EXPORT int ndctl_region_is_enabled(struct ndctl_region *region)
{
	return region ? nd_device_is_enabled(region->path) : 0;
}

NDCTL_EXPORT int ndctl_region_enable(struct ndctl_region *region)
{
	int rc;

	if (!region)
		return -EINVAL;
	rc = nd_device_enable(nd_region_ctx(region), region->path,
			      region->devname);
	/* the kernel registers the region's children asynchronously */
	if (rc == 0)
		rc = ndctl_bus_wait_probe(region->bus);
	return rc;
}

static int region_disable(struct ndctl_region *region, bool invalidate)
{
	int rc;

	if (!region)
		return -EINVAL;
	rc = nd_device_disable(nd_region_ctx(region), region->path,
			       region->devname);
	if (rc < 0)
		return rc;
	/* the kernel tears down every device below a disabled region */
	if (invalidate)
		nd_region_free_children(region);
	return 0;
}

NDCTL_EXPORT int ndctl_region_disable_invalidate(struct ndctl_region *region)
{
	return region_disable(region, true);
}

NDCTL_EXPORT int ndctl_region_disable_preserve(struct ndctl_region *region)
{
	return region_disable(region, false);
}

/*
 * Release the objects of devices the kernel has removed (kept until now so
 * that pointers callers held stayed valid); live objects are untouched.
 */
NDCTL_EXPORT void ndctl_region_cleanup(struct ndctl_region *region)
{
	if (region)
		release_list(&region->retired);
}

/* ---- badblocks ---- */

NDCTL_EXPORT struct badblock *
ndctl_region_get_first_badblock(struct ndctl_region *region)
{
	if (!region ||
	    nd_badblocks_load(nd_region_ctx(region), region->path, &region->bb))
		return NULL;
	return ndctl_region_get_next_badblock(region);
}

NDCTL_EXPORT struct badblock *
ndctl_region_get_next_badblock(struct ndctl_region *region)
{
	if (!region || region->bb.cursor >= region->bb.count)
		return NULL;
	return &region->bb.list[region->bb.cursor++];
}
