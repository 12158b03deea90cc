// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * btt, pfn and dax devices: personalities that claim a namespace.  They
 * share most of their sysfs shape (namespace, uuid, size, enable/delete),
 * so the common part is written once over struct nd_claim.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include <daxctl/libdaxctl.h>

#include "private.h"

static const char *const kind_prefix[] = {
	[ND_CLAIM_BTT] = "btt",
	[ND_CLAIM_PFN] = "pfn",
	[ND_CLAIM_DAX] = "dax",
};

static const char *const kind_seed[] = {
	[ND_CLAIM_BTT] = "btt_seed",
	[ND_CLAIM_PFN] = "pfn_seed",
	[ND_CLAIM_DAX] = "dax_seed",
};

#define claim_ctx(c) nd_region_ctx((c)->ch.region)

static struct list_head *kind_list(struct ndctl_region *region,
				   enum nd_claim_kind kind)
{
	switch (kind) {
	case ND_CLAIM_BTT:
		return &region->btts;
	case ND_CLAIM_PFN:
		return &region->pfns;
	default:
		return &region->daxs;
	}
}

static void release_claim(struct nd_child *ch)
{
	struct nd_claim *c = container_of(ch, struct nd_claim, ch);

	if (c->kind == ND_CLAIM_DAX) {
		struct ndctl_dax *dax = container_of(c, struct ndctl_dax, c);

		daxctl_region_unref(dax->daxctl_region);
	}
	free(c->choices);
	nd_child_fini(ch);
	free(c);
}

static struct nd_child *new_claim(struct ndctl_region *region,
				  const char *name, enum nd_claim_kind kind)
{
	size_t size = kind == ND_CLAIM_DAX ? sizeof(struct ndctl_dax) :
					     sizeof(struct nd_claim);
	struct nd_claim *c = calloc(1, size);

	if (!c)
		return NULL;
	c->kind = kind;
	if (nd_child_init(&c->ch, region, name, kind_prefix[kind]) < 0) {
		free(c);
		return NULL;
	}
	c->ch.release = release_claim;
	return &c->ch;
}

static struct nd_child *new_btt(struct ndctl_region *r, const char *name)
{
	return new_claim(r, name, ND_CLAIM_BTT);
}

static struct nd_child *new_pfn(struct ndctl_region *r, const char *name)
{
	return new_claim(r, name, ND_CLAIM_PFN);
}

static struct nd_child *new_dax(struct ndctl_region *r, const char *name)
{
	return new_claim(r, name, ND_CLAIM_DAX);
}

static void sync_kind(struct ndctl_region *region, enum nd_claim_kind kind)
{
	static const nd_child_new_fn ctor[] = {
		[ND_CLAIM_BTT] = new_btt,
		[ND_CLAIM_PFN] = new_pfn,
		[ND_CLAIM_DAX] = new_dax,
	};

	nd_region_sync(region, kind_list(region, kind), kind_prefix[kind],
		       ctor[kind]);
}

struct nd_claim *nd_region_find_claim(struct ndctl_region *region,
				      enum nd_claim_kind kind,
				      const char *devname)
{
	struct list_head *list = kind_list(region, kind);
	struct nd_child *ch;

	if (strncmp(devname, kind_prefix[kind], strlen(kind_prefix[kind])))
		return NULL;
	ch = nd_child_find(list, devname);
	if (!ch) {
		sync_kind(region, kind);
		ch = nd_child_find(list, devname);
	}
	return ch ? container_of(ch, struct nd_claim, ch) : NULL;
}

struct nd_claim *nd_claim_first(struct ndctl_region *region,
				enum nd_claim_kind kind)
{
	if (!region)
		return NULL;
	sync_kind(region, kind);
	return list_first(kind_list(region, kind), struct nd_claim, ch.node);
}

struct nd_claim *nd_claim_next(struct nd_claim *c)
{
	if (!c)
		return NULL;
	return list_next(kind_list(c->ch.region, c->kind), c, ch.node);
}

static struct nd_claim *claim_seed(struct ndctl_region *region,
				   enum nd_claim_kind kind)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!region || nd_read_attr(nd_region_ctx(region), region->path,
				    kind_seed[kind], buf) < 0 || !buf[0])
		return NULL;
	return nd_region_find_claim(region, kind, buf);
}

static struct ndctl_namespace *claim_get_namespace(struct nd_claim *c)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_read_attr(claim_ctx(c), c->ch.path, "namespace", buf) < 0 ||
	    !buf[0])
		return NULL;
	return nd_region_find_namespace(c->ch.region, buf);
}

static int claim_set_namespace(struct nd_claim *c,
			       struct ndctl_namespace *ndns)
{
	int rc = nd_region_lock(c->ch.region);

	if (rc < 0)
		return rc;
	/* a zero-length write never reaches the kernel: detach with "\n" */
	return nd_write_attr(claim_ctx(c), c->ch.path, "namespace",
			     ndns ? ndctl_namespace_get_devname(ndns) : "\n");
}

static void claim_get_uuid(struct nd_claim *c, uuid_t uu)
{
	char buf[SYSFS_ATTR_SIZE];

	memset(uu, 0, sizeof(uuid_t));
	if (nd_read_attr(claim_ctx(c), c->ch.path, "uuid", buf) < 0 || !buf[0])
		return;
	if (uuid_parse(buf, uu) < 0)
		memset(uu, 0, sizeof(uuid_t));
}

static int claim_set_uuid(struct nd_claim *c, uuid_t uu)
{
	char str[40];
	int rc = nd_region_lock(c->ch.region);

	if (rc < 0)
		return rc;
	uuid_unparse(uu, str);
	return nd_write_attr(claim_ctx(c), c->ch.path, "uuid", str);
}

static unsigned long long claim_u64(struct nd_claim *c, const char *attr)
{
	unsigned long long v;

	if (nd_read_u64(claim_ctx(c), c->ch.path, attr, &v) < 0)
		return ULLONG_MAX;
	return v;
}

static const char *claim_block(struct nd_claim *c)
{
	if (nd_find_block(c->ch.path, c->bdev, sizeof(c->bdev)) < 0)
		c->bdev[0] = '\0';
	return c->bdev;
}

/* Configured: has a namespace assigned (and so will claim it on enable). */
static int claim_is_configured(struct nd_claim *c)
{
	return claim_get_namespace(c) != NULL;
}

static int claim_enable(struct nd_claim *c)
{
	int rc = nd_device_enable(claim_ctx(c), c->ch.path, c->ch.devname);

	/* a claimed seed is replaced by a new one, registered async */
	if (rc == 0)
		rc = ndctl_bus_wait_probe(c->ch.region->bus);
	/* configured and live: the transaction is over */
	if (rc == 0)
		nd_region_unlock(c->ch.region);
	return rc;
}

/*
 * Tear down: unbind, then release the namespace so it can be reused.  The
 * kernel may remove the idle device; the next walk of the region notices.
 */
int nd_claim_delete(struct nd_claim *c)
{
	int rc;

	if (access(c->ch.path, F_OK) != 0)
		return 0;
	rc = nd_device_disable(claim_ctx(c), c->ch.path, c->ch.devname);
	if (rc < 0)
		return rc;
	if (!claim_get_namespace(c))
		return 0;
	return claim_set_namespace(c, NULL);
}

/* supported_alignments (pfn/dax) or sector_size (btt) selection list */
static int load_choices(struct nd_claim *c, const char *attr,
			unsigned long *cur)
{
	char buf[SYSFS_ATTR_SIZE];
	unsigned long *vals;
	int n;

	if (nd_read_attr(claim_ctx(c), c->ch.path, attr, buf) < 0)
		return -ENOENT;
	n = nd_parse_select(buf, &vals, cur);
	if (n < 0)
		return n;
	free(c->choices);
	c->choices = vals;
	c->num_choices = n;
	return 0;
}

static enum ndctl_pfn_loc claim_get_location(struct nd_claim *c)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_read_attr(claim_ctx(c), c->ch.path, "mode", buf) < 0)
		return NDCTL_PFN_LOC_NONE;
	if (strcmp(buf, "pmem") == 0)
		return NDCTL_PFN_LOC_PMEM;
	if (strcmp(buf, "ram") == 0)
		return NDCTL_PFN_LOC_RAM;
	return NDCTL_PFN_LOC_NONE;
}

static int claim_set_location(struct nd_claim *c, enum ndctl_pfn_loc loc)
{
	const char *s;
	int rc;

	switch (loc) {
	case NDCTL_PFN_LOC_NONE:
		s = "none";
		break;
	case NDCTL_PFN_LOC_RAM:
		s = "ram";
		break;
	case NDCTL_PFN_LOC_PMEM:
		s = "pmem";
		break;
	default:
		return -EINVAL;
	}
	rc = nd_region_lock(c->ch.region);
	if (rc < 0)
		return rc;
	return nd_write_attr(claim_ctx(c), c->ch.path, "mode", s);
}

static int claim_set_align(struct nd_claim *c, unsigned long align)
{
	char buf[32];
	int rc = nd_region_lock(c->ch.region);

	if (rc < 0)
		return rc;
	snprintf(buf, sizeof(buf), "%lu", align);
	return nd_write_attr(claim_ctx(c), c->ch.path, "align", buf);
}

static unsigned long claim_choice(struct nd_claim *c, const char *attr, int i)
{
	if (!c->choices && load_choices(c, attr, NULL) < 0)
		return ULONG_MAX;
	if (i < 0 || i >= c->num_choices)
		return ULONG_MAX;
	return c->choices[i];
}

static int claim_num_choices(struct nd_claim *c, const char *attr)
{
	if (!c->choices && load_choices(c, attr, NULL) < 0)
		return 0;
	return c->num_choices;
}

/*
 * The entry points every personality shares, spelled out per type so
 * the exported names and argument types match the established ABI.
 */
#define CLAIM_API(T, KIND)                                                   \
	NDCTL_EXPORT struct ndctl_##T *ndctl_##T##_get_first(                \
		struct ndctl_region *region)                                 \
	{                                                                    \
		struct nd_claim *c = nd_claim_first(region, KIND);           \
		return c ? container_of(c, struct ndctl_##T, c) : NULL;      \
	}                                                                    \
	NDCTL_EXPORT struct ndctl_##T *ndctl_##T##_get_next(                 \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		struct nd_claim *c = x ? nd_claim_next(&x->c) : NULL;        \
		return c ? container_of(c, struct ndctl_##T, c) : NULL;      \
	}                                                                    \
	NDCTL_EXPORT struct ndctl_##T *ndctl_region_get_##T##_seed(          \
		struct ndctl_region *region)                                 \
	{                                                                    \
		struct nd_claim *c = claim_seed(region, KIND);               \
		return c ? container_of(c, struct ndctl_##T, c) : NULL;      \
	}                                                                    \
	NDCTL_EXPORT struct ndctl_ctx *ndctl_##T##_get_ctx(                  \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		return x ? claim_ctx(&x->c) : NULL;                          \
	}                                                                    \
	NDCTL_EXPORT struct ndctl_bus *ndctl_##T##_get_bus(                  \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		return x ? x->c.ch.region->bus : NULL;                       \
	}                                                                    \
	NDCTL_EXPORT struct ndctl_region *ndctl_##T##_get_region(            \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		return x ? x->c.ch.region : NULL;                            \
	}                                                                    \
	NDCTL_EXPORT unsigned int ndctl_##T##_get_id(struct ndctl_##T *x)    \
	{                                                                    \
		return x ? x->c.ch.id : UINT_MAX;                            \
	}                                                                    \
	NDCTL_EXPORT const char *ndctl_##T##_get_devname(                    \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		return x ? x->c.ch.devname : NULL;                           \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_is_enabled(struct ndctl_##T *x)         \
	{                                                                    \
		return x ? nd_device_is_enabled(x->c.ch.path) : 0;           \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_is_valid(struct ndctl_##T *x)           \
	{                                                                    \
		return x ? access(x->c.ch.path, F_OK) == 0 : 0;              \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_is_configured(struct ndctl_##T *x)      \
	{                                                                    \
		return x ? claim_is_configured(&x->c) : 0;                   \
	}                                                                    \
	NDCTL_EXPORT struct ndctl_namespace *ndctl_##T##_get_namespace(      \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		return x ? claim_get_namespace(&x->c) : NULL;                \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_set_namespace(                          \
		struct ndctl_##T *x, struct ndctl_namespace *ndns)           \
	{                                                                    \
		return x ? claim_set_namespace(&x->c, ndns) : -EINVAL;       \
	}                                                                    \
	NDCTL_EXPORT void ndctl_##T##_get_uuid(struct ndctl_##T *x,          \
					       uuid_t uu)                    \
	{                                                                    \
		if (x)                                                       \
			claim_get_uuid(&x->c, uu);                           \
		else                                                         \
			memset(uu, 0, sizeof(uuid_t));                       \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_set_uuid(struct ndctl_##T *x,           \
					      uuid_t uu)                     \
	{                                                                    \
		return x ? claim_set_uuid(&x->c, uu) : -EINVAL;              \
	}                                                                    \
	NDCTL_EXPORT unsigned long long ndctl_##T##_get_size(                \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		return x ? claim_u64(&x->c, "size") : ULLONG_MAX;            \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_enable(struct ndctl_##T *x)             \
	{                                                                    \
		return x ? claim_enable(&x->c) : -EINVAL;                    \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_delete(struct ndctl_##T *x)             \
	{                                                                    \
		return x ? nd_claim_delete(&x->c) : -EINVAL;                    \
	}

/* fsdax and devdax: memmap location and page alignment */
#define ALIGN_API(T)                                                         \
	NDCTL_EXPORT unsigned long long ndctl_##T##_get_resource(            \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		return x ? claim_u64(&x->c, "resource") : ULLONG_MAX;        \
	}                                                                    \
	NDCTL_EXPORT enum ndctl_pfn_loc ndctl_##T##_get_location(            \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		return x ? claim_get_location(&x->c) : NDCTL_PFN_LOC_NONE;   \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_set_location(struct ndctl_##T *x,       \
						  enum ndctl_pfn_loc loc)    \
	{                                                                    \
		return x ? claim_set_location(&x->c, loc) : -EINVAL;         \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_has_align(struct ndctl_##T *x)          \
	{                                                                    \
		return x ? claim_u64(&x->c, "align") != ULLONG_MAX : 0;      \
	}                                                                    \
	NDCTL_EXPORT unsigned long ndctl_##T##_get_align(                    \
		struct ndctl_##T *x)                                         \
	{                                                                    \
		unsigned long long v = x ? claim_u64(&x->c, "align") :       \
					   ULLONG_MAX;                       \
		return v == ULLONG_MAX ? 0 : (unsigned long)v;               \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_set_align(struct ndctl_##T *x,          \
					       unsigned long align)          \
	{                                                                    \
		return x ? claim_set_align(&x->c, align) : -EINVAL;          \
	}                                                                    \
	NDCTL_EXPORT int ndctl_##T##_get_num_alignments(struct ndctl_##T *x) \
	{                                                                    \
		return x ? claim_num_choices(&x->c, "supported_alignments")  \
			 : -EINVAL;                                          \
	}                                                                    \
	NDCTL_EXPORT unsigned long ndctl_##T##_get_supported_alignment(      \
		struct ndctl_##T *x, int i)                                  \
	{                                                                    \
		return x ? claim_choice(&x->c, "supported_alignments", i)    \
			 : ULONG_MAX;                                        \
	}

CLAIM_API(btt, ND_CLAIM_BTT)
CLAIM_API(pfn, ND_CLAIM_PFN)
CLAIM_API(dax, ND_CLAIM_DAX)
ALIGN_API(pfn)
ALIGN_API(dax)

NDCTL_EXPORT const char *ndctl_btt_get_block_device(struct ndctl_btt *btt)
{
	return btt ? claim_block(&btt->c) : NULL;
}

NDCTL_EXPORT const char *ndctl_pfn_get_block_device(struct ndctl_pfn *pfn)
{
	return pfn ? claim_block(&pfn->c) : NULL;
}

NDCTL_EXPORT unsigned int
ndctl_btt_get_supported_sector_size(struct ndctl_btt *btt, int i)
{
	unsigned long v = btt ? claim_choice(&btt->c, "sector_size", i) :
				ULONG_MAX;

	return v == ULONG_MAX ? UINT_MAX : (unsigned int)v;
}

NDCTL_EXPORT int ndctl_btt_get_num_sector_sizes(struct ndctl_btt *btt)
{
	return btt ? claim_num_choices(&btt->c, "sector_size") : -EINVAL;
}

NDCTL_EXPORT unsigned int ndctl_btt_get_sector_size(struct ndctl_btt *btt)
{
	unsigned long cur = 0;

	if (!btt || load_choices(&btt->c, "sector_size", &cur) < 0 || !cur)
		return UINT_MAX;
	return (unsigned int)cur;
}

NDCTL_EXPORT int ndctl_btt_set_sector_size(struct ndctl_btt *btt,
					   unsigned int sector_size)
{
	char buf[32];
	int rc;

	if (!btt)
		return -EINVAL;
	rc = nd_region_lock(btt->c.ch.region);
	if (rc < 0)
		return rc;
	snprintf(buf, sizeof(buf), "%u", sector_size);
	return nd_write_attr(claim_ctx(&btt->c), btt->c.ch.path, "sector_size",
			     buf);
}

/*
 * An enabled devdax personality publishes a static device-DAX region in
 * its own directory (dax_region/), numbered after the libnvdimm region.
 */
NDCTL_EXPORT struct daxctl_region *ndctl_dax_get_daxctl_region(struct ndctl_dax *dax)
{
	struct daxctl_ctx *dctx;
	char *probe;
	uuid_t uu;
	bool there;

	if (!dax)
		return NULL;
	if (dax->daxctl_region)
		return dax->daxctl_region;
	probe = nd_path_join(dax->c.ch.path, "dax_region");
	there = probe && access(probe, F_OK) == 0;
	free(probe);
	if (!there) {
		nd_dbg(claim_ctx(&dax->c), "%s: no dax region (not enabled?)\n",
		       dax->c.ch.devname);
		return NULL;
	}
	dctx = ndctl_get_daxctl_ctx(claim_ctx(&dax->c));
	if (!dctx)
		return NULL;
	claim_get_uuid(&dax->c, uu);
	dax->daxctl_region = daxctl_new_region(
		dctx, (int)dax->c.ch.region->id, uu, dax->c.ch.path);
	return dax->daxctl_region;
}
