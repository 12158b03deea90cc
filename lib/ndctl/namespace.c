// SPDX-License-Identifier: LGPL-2.1-or-later
/* Namespaces (namespaceN.M): configuration, mode, enable/disable/delete. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "private.h"

#define ns_ctx(ndns) nd_region_ctx((ndns)->ch.region)

static void release_namespace(struct nd_child *ch)
{
	struct ndctl_namespace *ndns =
		container_of(ch, struct ndctl_namespace, ch);

	nd_badblocks_clear(&ndns->bb);
	nd_namespace_free_injected(ndns);
	free(ndns->sector_sizes);
	nd_child_fini(ch);
	free(ndns);
}

static struct nd_child *new_namespace(struct ndctl_region *region,
				      const char *name)
{
	struct ndctl_namespace *ndns;

	ndns = calloc(1, sizeof(*ndns));
	if (!ndns)
		return NULL;
	if (nd_child_init(&ndns->ch, region, name, "namespace") < 0) {
		free(ndns);
		return NULL;
	}
	ndns->ch.release = release_namespace;
	ndns->enforce_mode = NDCTL_NS_MODE_UNKNOWN;
	return &ndns->ch;
}

static void sync_namespaces(struct ndctl_region *region)
{
	nd_region_sync(region, &region->namespaces, "namespace", new_namespace);
}

struct ndctl_namespace *nd_region_find_namespace(struct ndctl_region *region,
						 const char *devname)
{
	struct nd_child *ch = nd_child_find(&region->namespaces, devname);

	if (!ch) {
		sync_namespaces(region);
		ch = nd_child_find(&region->namespaces, devname);
	}
	return ch ? container_of(ch, struct ndctl_namespace, ch) : NULL;
}

NDCTL_EXPORT struct ndctl_namespace *
ndctl_namespace_get_first(struct ndctl_region *region)
{
	if (!region)
		return NULL;
	sync_namespaces(region);
	return list_first(&region->namespaces, struct ndctl_namespace, ch.node);
}

NDCTL_EXPORT struct ndctl_namespace *
ndctl_namespace_get_next(struct ndctl_namespace *ndns)
{
	return ndns ? list_next(&ndns->ch.region->namespaces, ndns, ch.node) :
		      NULL;
}

NDCTL_EXPORT struct ndctl_namespace *
ndctl_region_get_namespace_seed(struct ndctl_region *region)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!region || nd_read_attr(nd_region_ctx(region), region->path,
				    "namespace_seed", buf) < 0 || !buf[0])
		return NULL;
	return nd_region_find_namespace(region, buf);
}

NDCTL_EXPORT struct ndctl_ctx *
ndctl_namespace_get_ctx(struct ndctl_namespace *ndns)
{
	return ndns ? ns_ctx(ndns) : NULL;
}

NDCTL_EXPORT struct ndctl_bus *
ndctl_namespace_get_bus(struct ndctl_namespace *ndns)
{
	return ndns ? ndns->ch.region->bus : NULL;
}

NDCTL_EXPORT struct ndctl_region *
ndctl_namespace_get_region(struct ndctl_namespace *ndns)
{
	return ndns ? ndns->ch.region : NULL;
}

NDCTL_EXPORT unsigned int ndctl_namespace_get_id(struct ndctl_namespace *ndns)
{
	return ndns ? ndns->ch.id : UINT_MAX;
}

NDCTL_EXPORT const char *
ndctl_namespace_get_devname(struct ndctl_namespace *ndns)
{
	return ndns ? ndns->ch.devname : NULL;
}

NDCTL_EXPORT unsigned int
ndctl_namespace_get_type(struct ndctl_namespace *ndns)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!ndns)
		return 0;
	if (ndns->type)
		return ndns->type;
	ndns->type = ND_DEVICE_NAMESPACE_PMEM;
	if (nd_read_attr(ns_ctx(ndns), ndns->ch.path, "devtype", buf) == 0) {
		if (strcmp(buf, "nd_namespace_io") == 0)
			ndns->type = ND_DEVICE_NAMESPACE_IO;
		else if (strcmp(buf, "nd_namespace_blk") == 0)
			ndns->type = ND_DEVICE_NAMESPACE_BLK;
	}
	return ndns->type;
}

NDCTL_EXPORT const char *
ndctl_namespace_get_type_name(struct ndctl_namespace *ndns)
{
	/* the kernel's device type names, less their "nd_" prefix */
	switch (ndctl_namespace_get_type(ndns)) {
	case ND_DEVICE_NAMESPACE_IO:
		return "namespace_io";
	case ND_DEVICE_NAMESPACE_PMEM:
		return "namespace_pmem";
	case ND_DEVICE_NAMESPACE_BLK:
		return "namespace_blk";
	default:
		return "unknown";
	}
}

/* Only a raw (unclaimed) namespace has its own block device. */
NDCTL_EXPORT const char *
ndctl_namespace_get_block_device(struct ndctl_namespace *ndns)
{
	if (!ndns)
		return NULL;
	if (nd_find_block(ndns->ch.path, ndns->bdev, sizeof(ndns->bdev)) < 0)
		ndns->bdev[0] = '\0';
	return ndns->bdev;
}

NDCTL_EXPORT enum ndctl_namespace_mode
ndctl_namespace_get_mode(struct ndctl_namespace *ndns)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!ndns || nd_read_attr(ns_ctx(ndns), ndns->ch.path, "mode", buf) < 0)
		return NDCTL_NS_MODE_UNKNOWN;
	if (strcmp(buf, "safe") == 0 || strcmp(buf, "sector") == 0)
		return NDCTL_NS_MODE_SECTOR;
	if (strcmp(buf, "memory") == 0 || strcmp(buf, "fsdax") == 0)
		return NDCTL_NS_MODE_FSDAX;
	if (strcmp(buf, "dax") == 0 || strcmp(buf, "devdax") == 0)
		return NDCTL_NS_MODE_DEVDAX;
	if (strcmp(buf, "raw") == 0)
		return NDCTL_NS_MODE_RAW;
	return NDCTL_NS_MODE_UNKNOWN;
}

NDCTL_EXPORT enum ndctl_namespace_mode
ndctl_namespace_get_enforce_mode(struct ndctl_namespace *ndns)
{
	return ndns ? ndns->enforce_mode : NDCTL_NS_MODE_UNKNOWN;
}

/* A hint kept for the caller (e.g. from a config file); not a kernel knob. */
NDCTL_EXPORT int ndctl_namespace_set_enforce_mode(struct ndctl_namespace *ndns,
						  enum ndctl_namespace_mode mode)
{
	if (!ndns || mode > NDCTL_NS_MODE_UNKNOWN)
		return -EINVAL;
	ndns->enforce_mode = mode;
	return 0;
}

NDCTL_EXPORT int ndctl_namespace_is_valid(struct ndctl_namespace *ndns)
{
	return ndns ? access(ndns->ch.path, F_OK) == 0 : 0;
}

NDCTL_EXPORT int ndctl_namespace_is_enabled(struct ndctl_namespace *ndns)
{
	return ndns ? nd_device_is_enabled(ndns->ch.path) : 0;
}

static struct nd_claim *any_holder(struct ndctl_namespace *ndns);

/*
 * Enabled as raw, or as the personality its info block describes: on a
 * namespace whose btt/pfn/dax was released the kernel finds the info
 * block, registers a new personality device and binds that instead.
 */
NDCTL_EXPORT int ndctl_namespace_enable(struct ndctl_namespace *ndns)
{
	struct nd_claim *c;
	int rc;

	if (!ndns)
		return -EINVAL;
	if (ndctl_namespace_is_enabled(ndns))
		return 0;
	rc = nd_device_probe(ns_ctx(ndns), ndns->ch.devname);
	if (rc < 0)
		return rc;
	/* the kernel registers the new seed (and personality), async */
	ndctl_bus_wait_probe(ndns->ch.region->bus);
	c = any_holder(ndns);
	if (ndctl_namespace_is_enabled(ndns) ||
	    (c && nd_device_is_enabled(c->ch.path))) {
		/* configured and live: the transaction is over */
		if (!ndns->raw_mode)
			nd_region_unlock(ndns->ch.region);
		return 0;
	}
	nd_err(ns_ctx(ndns), "%s: failed to enable\n", ndns->ch.devname);
	return -ENXIO;
}

NDCTL_EXPORT int ndctl_namespace_disable(struct ndctl_namespace *ndns)
{
	if (!ndns)
		return -EINVAL;
	return nd_device_disable(ns_ctx(ndns), ndns->ch.path, ndns->ch.devname);
}

/* The btt/pfn/dax device recorded as the namespace's holder (one read). */
static struct nd_claim *any_holder(struct ndctl_namespace *ndns)
{
	static const struct {
		const char *prefix;
		enum nd_claim_kind kind;
	} kinds[] = {
		{ "btt", ND_CLAIM_BTT },
		{ "pfn", ND_CLAIM_PFN },
		{ "dax", ND_CLAIM_DAX },
	};
	char buf[SYSFS_ATTR_SIZE];
	size_t i;

	if (nd_read_attr(ns_ctx(ndns), ndns->ch.path, "holder", buf) < 0 ||
	    !buf[0])
		return NULL;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strncmp(buf, kinds[i].prefix, 3) == 0)
			return nd_region_find_claim(ndns->ch.region,
						    kinds[i].kind, buf);
	return NULL;
}

static struct nd_claim *holder(struct ndctl_namespace *ndns,
			       enum nd_claim_kind kind)
{
	struct nd_claim *c = any_holder(ndns);

	return c && c->kind == kind ? c : NULL;
}

NDCTL_EXPORT struct ndctl_btt *
ndctl_namespace_get_btt(struct ndctl_namespace *ndns)
{
	struct nd_claim *c = ndns ? holder(ndns, ND_CLAIM_BTT) : NULL;

	return c ? container_of(c, struct ndctl_btt, c) : NULL;
}

NDCTL_EXPORT struct ndctl_pfn *
ndctl_namespace_get_pfn(struct ndctl_namespace *ndns)
{
	struct nd_claim *c = ndns ? holder(ndns, ND_CLAIM_PFN) : NULL;

	return c ? container_of(c, struct ndctl_pfn, c) : NULL;
}

NDCTL_EXPORT struct ndctl_dax *
ndctl_namespace_get_dax(struct ndctl_namespace *ndns)
{
	struct nd_claim *c = ndns ? holder(ndns, ND_CLAIM_DAX) : NULL;

	return c ? container_of(c, struct ndctl_dax, c) : NULL;
}

/* Enabled itself, or serving I/O through an enabled personality. */
NDCTL_EXPORT bool ndctl_namespace_is_active(struct ndctl_namespace *ndns)
{
	struct nd_claim *c;

	if (!ndns)
		return false;
	if (ndctl_namespace_is_enabled(ndns))
		return true;
	c = any_holder(ndns);
	return c && nd_device_is_enabled(c->ch.path);
}

NDCTL_EXPORT int
ndctl_namespace_disable_invalidate(struct ndctl_namespace *ndns)
{
	struct nd_claim *c;
	int rc;

	if (!ndns)
		return -EINVAL;
	/*
	 * Invalidate: the personality goes too (disabled and released), so
	 * that the namespace can be enabled raw or re-personalised; its
	 * info block stays, and a later enable of the namespace finds it.
	 */
	c = any_holder(ndns);
	if (c) {
		rc = nd_claim_delete(c);
		if (rc < 0)
			return rc;
	}
	return ndctl_namespace_disable(ndns);
}

/* The block device that carries the namespace's data, if any. */
static int data_bdev(struct ndctl_namespace *ndns, char *buf, size_t len)
{
	struct nd_claim *c = any_holder(ndns);

	return nd_find_block(c ? c->ch.path : ndns->ch.path, buf, len);
}

/*
 * Refuse while someone holds the block device exclusively (mounted or
 * opened O_EXCL): tearing it down would yank storage from under them.
 */
NDCTL_EXPORT int ndctl_namespace_disable_safe(struct ndctl_namespace *ndns)
{
	char bdev[64], path[PATH_MAX];
	int fd;

	if (!ndns)
		return -EINVAL;
	if (data_bdev(ndns, bdev, sizeof(bdev)) == 0) {
		snprintf(path, sizeof(path), "/dev/%s", bdev);
		fd = open(path, O_RDONLY | O_EXCL | O_CLOEXEC);
		if (fd < 0 && errno == EBUSY) {
			nd_err(ns_ctx(ndns), "%s: %s is in use (mounted?)\n",
			       ndns->ch.devname, bdev);
			return -EBUSY;
		}
		if (fd >= 0)
			close(fd);
	}
	return ndctl_namespace_disable_invalidate(ndns);
}

static bool uuid_is_set(struct ndctl_namespace *ndns)
{
	uuid_t uu;

	ndctl_namespace_get_uuid(ndns, uu);
	return !uuid_is_null(uu);
}

NDCTL_EXPORT int ndctl_namespace_is_configured(struct ndctl_namespace *ndns)
{
	if (!ndns)
		return 0;
	if (ndctl_namespace_get_type(ndns) == ND_DEVICE_NAMESPACE_IO)
		return 1;
	return ndctl_namespace_get_size(ndns) >= ndctl_min_namespace_size() &&
	       uuid_is_set(ndns);
}

NDCTL_EXPORT int
ndctl_namespace_is_configuration_idle(struct ndctl_namespace *ndns)
{
	if (!ndns)
		return 0;
	if (ndctl_namespace_is_active(ndns))
		return 0;
	if (ndctl_namespace_is_configured(ndns))
		return 0;
	return any_holder(ndns) == NULL;
}

/*
 * Zero size releases the namespace's capacity and labels; an io namespace
 * is defined by the platform and has nothing to release.
 */
NDCTL_EXPORT int ndctl_namespace_delete(struct ndctl_namespace *ndns)
{
	struct ndctl_ctx *ctx;
	int rc;

	if (!ndns)
		return -EINVAL;
	ctx = ns_ctx(ndns);
	if (!ndctl_namespace_is_valid(ndns))
		return -ENXIO;
	if (ndctl_namespace_is_active(ndns)) {
		nd_err(ctx, "%s: is active, disable it first\n",
		       ndns->ch.devname);
		return -EBUSY;
	}
	if (ndctl_namespace_get_type(ndns) == ND_DEVICE_NAMESPACE_IO) {
		nd_dbg(ctx, "%s: io namespace, nothing to delete\n",
		       ndns->ch.devname);
		return 0;
	}
	rc = ndctl_namespace_set_size(ndns, 0);
	if (rc < 0)
		return rc;
	nd_dbg(ctx, "%s: deleted\n", ndns->ch.devname);
	nd_region_unlock(ndns->ch.region);
	return 0;
}

NDCTL_EXPORT void ndctl_namespace_get_uuid(struct ndctl_namespace *ndns,
					   uuid_t uu)
{
	char buf[SYSFS_ATTR_SIZE];

	memset(uu, 0, sizeof(uuid_t));
	if (!ndns || nd_read_attr(ns_ctx(ndns), ndns->ch.path, "uuid", buf) < 0)
		return;
	if (buf[0] && uuid_parse(buf, uu) < 0)
		memset(uu, 0, sizeof(uuid_t));
}

NDCTL_EXPORT int ndctl_namespace_set_uuid(struct ndctl_namespace *ndns,
					  uuid_t uu)
{
	char str[40];

	int rc;

	if (!ndns)
		return -EINVAL;
	rc = nd_region_lock(ndns->ch.region);
	if (rc < 0)
		return rc;
	uuid_unparse(uu, str);
	return nd_write_attr(ns_ctx(ndns), ndns->ch.path, "uuid", str);
}

NDCTL_EXPORT const char *
ndctl_namespace_get_alt_name(struct ndctl_namespace *ndns)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!ndns)
		return NULL;
	ndns->alt_name[0] = '\0';
	if (nd_read_attr(ns_ctx(ndns), ndns->ch.path, "alt_name", buf) == 0)
		snprintf(ndns->alt_name, sizeof(ndns->alt_name), "%s", buf);
	return ndns->alt_name;
}

NDCTL_EXPORT int ndctl_namespace_set_alt_name(struct ndctl_namespace *ndns,
					      const char *alt_name)
{
	int rc;

	if (!ndns || !alt_name)
		return -EINVAL;
	/* the label field holds 64 bytes including the terminator */
	if (strlen(alt_name) >= 64) {
		nd_err(ns_ctx(ndns), "%s: name '%s' longer than 63 bytes\n",
		       ndns->ch.devname, alt_name);
		return -EINVAL;
	}
	rc = nd_region_lock(ndns->ch.region);
	if (rc < 0)
		return rc;
	/* clearing needs a non-empty write to reach the kernel */
	return nd_write_attr(ns_ctx(ndns), ndns->ch.path, "alt_name",
			     *alt_name ? alt_name : "\n");
}

NDCTL_EXPORT unsigned long long
ndctl_namespace_get_size(struct ndctl_namespace *ndns)
{
	unsigned long long v;

	if (!ndns || nd_read_u64(ns_ctx(ndns), ndns->ch.path, "size", &v) < 0)
		return 0;
	return v;
}

NDCTL_EXPORT int ndctl_namespace_set_size(struct ndctl_namespace *ndns,
					  unsigned long long size)
{
	char buf[32];
	int rc;

	if (!ndns)
		return -EINVAL;
	rc = nd_region_lock(ndns->ch.region);
	if (rc < 0)
		return rc;
	snprintf(buf, sizeof(buf), "%llu", size);
	return nd_write_attr(ns_ctx(ndns), ndns->ch.path, "size", buf);
}

NDCTL_EXPORT unsigned long long
ndctl_namespace_get_resource(struct ndctl_namespace *ndns)
{
	unsigned long long v;

	if (!ndns ||
	    nd_read_u64(ns_ctx(ndns), ndns->ch.path, "resource", &v) < 0)
		return ULLONG_MAX;
	return v;
}

int nd_parse_select(const char *buf, unsigned long **out, unsigned long *cur)
{
	unsigned long *vals = NULL, *tmp, v;
	const char *s = buf;
	int n = 0;
	char *end;

	while (*s) {
		bool selected = false;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (*s == '[') {
			selected = true;
			s++;
		}
		errno = 0;
		v = strtoul(s, &end, 10);
		if (end == s || errno)
			break;
		s = end;
		if (selected && *s == ']')
			s++;
		/* a number must end at a separator: "5x" is not a size */
		if (*s && *s != ' ' && *s != '\n')
			break;
		tmp = realloc(vals, (n + 1) * sizeof(*vals));
		if (!tmp) {
			free(vals);
			return -ENOMEM;
		}
		vals = tmp;
		vals[n++] = v;
		if (selected && cur)
			*cur = v;
	}
	*out = vals;
	return n;
}

static int load_sector_sizes(struct ndctl_namespace *ndns, unsigned long *cur)
{
	char buf[SYSFS_ATTR_SIZE];
	unsigned long *vals;
	int n, i;

	if (nd_read_attr(ns_ctx(ndns), ndns->ch.path, "sector_size", buf) < 0)
		return -ENOENT;
	n = nd_parse_select(buf, &vals, cur);
	if (n < 0)
		return n;
	if (!ndns->sector_sizes) {
		ndns->sector_sizes = calloc(n ? n : 1, sizeof(unsigned int));
		if (!ndns->sector_sizes) {
			free(vals);
			return -ENOMEM;
		}
		for (i = 0; i < n; i++)
			ndns->sector_sizes[i] = (unsigned int)vals[i];
		ndns->num_sector_sizes = n;
	}
	free(vals);
	return 0;
}

NDCTL_EXPORT unsigned int
ndctl_namespace_get_supported_sector_size(struct ndctl_namespace *ndns, int i)
{
	if (!ndns)
		return UINT_MAX;
	if (!ndns->sector_sizes && load_sector_sizes(ndns, NULL) < 0)
		return UINT_MAX;
	if (i < 0 || i >= ndns->num_sector_sizes)
		return UINT_MAX;
	return ndns->sector_sizes[i];
}

NDCTL_EXPORT int
ndctl_namespace_get_num_sector_sizes(struct ndctl_namespace *ndns)
{
	if (!ndns)
		return -EINVAL;
	if (!ndns->sector_sizes && load_sector_sizes(ndns, NULL) < 0)
		return 0;
	return ndns->num_sector_sizes;
}

/*
 * As the established library: 0 when the namespace has no selectable
 * sector size (io namespaces), UINT_MAX when none is selected yet.
 */
NDCTL_EXPORT unsigned int
ndctl_namespace_get_sector_size(struct ndctl_namespace *ndns)
{
	unsigned long cur = 0;

	if (!ndns)
		return UINT_MAX;
	if (load_sector_sizes(ndns, &cur) < 0)
		return 0;
	return cur ? (unsigned int)cur : UINT_MAX;
}

NDCTL_EXPORT int ndctl_namespace_set_sector_size(struct ndctl_namespace *ndns,
						 unsigned int sector_size)
{
	char buf[32];
	int rc;

	if (!ndns)
		return -EINVAL;
	rc = nd_region_lock(ndns->ch.region);
	if (rc < 0)
		return rc;
	snprintf(buf, sizeof(buf), "%u", sector_size);
	return nd_write_attr(ns_ctx(ndns), ndns->ch.path, "sector_size", buf);
}

NDCTL_EXPORT int ndctl_namespace_get_raw_mode(struct ndctl_namespace *ndns)
{
	unsigned long long v;

	if (!ndns ||
	    nd_read_u64(ns_ctx(ndns), ndns->ch.path, "force_raw", &v) < 0)
		return -ENXIO;
	return !!v;
}

NDCTL_EXPORT int ndctl_namespace_set_raw_mode(struct ndctl_namespace *ndns,
					      int raw_mode)
{
	int rc;

	if (!ndns)
		return -EINVAL;
	rc = nd_write_attr(ns_ctx(ndns), ndns->ch.path, "force_raw",
			   raw_mode ? "1" : "0");
	if (rc < 0)
		return rc;
	ndns->raw_mode = !!raw_mode;
	return ndns->raw_mode;
}

static int read_node(struct ndctl_namespace *ndns, const char *attr)
{
	long long v;

	if (!ndns || nd_read_s64(ns_ctx(ndns), ndns->ch.path, attr, &v) < 0)
		return NUMA_NO_ATTR;
	return (int)v;
}

NDCTL_EXPORT int ndctl_namespace_get_numa_node(struct ndctl_namespace *ndns)
{
	return read_node(ndns, "numa_node");
}

/* The kernel hides target_node when there is none: that is "no node". */
NDCTL_EXPORT int ndctl_namespace_get_target_node(struct ndctl_namespace *ndns)
{
	int node = read_node(ndns, "target_node");

	return ndns && node == NUMA_NO_ATTR ? NUMA_NO_NODE : node;
}

/*
 * The kernel tracks media errors per region; a namespace's are the ones
 * inside its physical range, rebased to its first sector.
 */
NDCTL_EXPORT struct badblock *
ndctl_namespace_get_first_badblock(struct ndctl_namespace *ndns)
{
	struct ndctl_region *region;
	unsigned long long res, rres, start, end;
	struct nd_badblocks all = { 0 };
	struct badblock *tmp;
	int i;

	if (!ndns)
		return NULL;
	region = ndns->ch.region;
	nd_badblocks_clear(&ndns->bb);
	res = ndctl_namespace_get_resource(ndns);
	rres = ndctl_region_get_resource(region);
	if (res == ULLONG_MAX || rres == ULLONG_MAX || res < rres)
		return NULL;
	start = (res - rres) / 512;
	end = start + ndctl_namespace_get_size(ndns) / 512;
	if (nd_badblocks_load(ns_ctx(ndns), region->path, &all) < 0)
		return NULL;
	for (i = 0; i < all.count; i++) {
		unsigned long long b = all.list[i].offset;
		unsigned long long e = b + all.list[i].len;

		if (e <= start || b >= end)
			continue;
		if (b < start)
			b = start;
		if (e > end)
			e = end;
		tmp = realloc(ndns->bb.list,
			      (ndns->bb.count + 1) * sizeof(*tmp));
		if (!tmp)
			break;
		ndns->bb.list = tmp;
		tmp[ndns->bb.count].offset = b - start;
		tmp[ndns->bb.count].len = (unsigned int)(e - b);
		ndns->bb.count++;
	}
	nd_badblocks_clear(&all);
	return ndctl_namespace_get_next_badblock(ndns);
}

NDCTL_EXPORT struct badblock *
ndctl_namespace_get_next_badblock(struct ndctl_namespace *ndns)
{
	if (!ndns || ndns->bb.cursor >= ndns->bb.count)
		return NULL;
	return &ndns->bb.list[ndns->bb.cursor++];
}

/*
 * The pmem driver's "dax/write_cache" switch on the block device that
 * carries the namespace (raw or fsdax): whether dax writes are flushed
 * from the CPU cache.
 */
static int write_cache_path(struct ndctl_namespace *ndns, char *path,
			    size_t len)
{
	char bdev[64];

	if (data_bdev(ndns, bdev, sizeof(bdev)) < 0)
		return -ENXIO;
	if ((size_t)snprintf(path, len, "/sys/block/%s/dax", bdev) >= len)
		return -ENAMETOOLONG;
	return 0;
}

NDCTL_EXPORT int
ndctl_namespace_write_cache_is_enabled(struct ndctl_namespace *ndns)
{
	char path[PATH_MAX];
	unsigned long long v;
	int rc;

	if (!ndns)
		return -EINVAL;
	rc = write_cache_path(ndns, path, sizeof(path));
	if (rc < 0)
		return rc;
	rc = nd_read_u64(ns_ctx(ndns), path, "write_cache", &v);
	return rc < 0 ? rc : !!v;
}

static int set_write_cache(struct ndctl_namespace *ndns, bool on)
{
	char path[PATH_MAX];
	int rc;

	if (!ndns)
		return -EINVAL;
	rc = write_cache_path(ndns, path, sizeof(path));
	if (rc < 0) {
		nd_err(ns_ctx(ndns), "%s: no pmem block device\n",
		       ndns->ch.devname);
		return rc;
	}
	return nd_write_attr(ns_ctx(ndns), path, "write_cache", on ? "1" : "0");
}

NDCTL_EXPORT int ndctl_namespace_enable_write_cache(struct ndctl_namespace *ndns)
{
	return set_write_cache(ndns, true);
}

NDCTL_EXPORT int
ndctl_namespace_disable_write_cache(struct ndctl_namespace *ndns)
{
	return set_write_cache(ndns, false);
}
