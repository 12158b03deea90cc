// SPDX-License-Identifier: LGPL-2.1-or-later
/* dax regions: discovery, attributes, device create/destroy. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "private.h"

static void region_free(struct daxctl_region *region)
{
	struct daxctl_dev *dev, *next;

	dax_region_unlock(region);
	list_for_each_safe(&region->devs, dev, next, node) {
		list_del(&dev->node);
		dax_dev_free(dev);
	}
	free(region->path);
	free(region);
}

void daxctl_ctx_free_regions(struct daxctl_ctx *ctx)
{
	struct daxctl_region *region, *next;

	list_for_each_safe(&ctx->regions, region, next, node) {
		list_del(&region->node);
		region_free(region);
	}
}

static struct daxctl_region *find_region_by_path(struct daxctl_ctx *ctx,
						 const char *path)
{
	struct daxctl_region *region;

	list_for_each(&ctx->regions, region, node)
		if (strcmp(region->path, path) == 0)
			return region;
	return NULL;
}

static struct daxctl_region *find_bus_region_by_id(struct daxctl_ctx *ctx,
						   int id)
{
	struct daxctl_region *region;

	list_for_each(&ctx->regions, region, node)
		if (region->from_bus && region->id == id)
			return region;
	return NULL;
}

/*
 * Look up or create the region object for canonical @path; the new object
 * is linked into the ctx list in (id, path) order with one reference.
 */
static struct daxctl_region *add_region(struct daxctl_ctx *ctx, int id,
					const char *path, bool *created)
{
	struct daxctl_region *region, *pos;
	const char *slash;

	*created = false;
	region = find_region_by_path(ctx, path);
	if (region)
		return region;

	region = calloc(1, sizeof(*region));
	if (!region)
		return NULL;
	region->path = strdup(path);
	if (!region->path) {
		free(region);
		return NULL;
	}
	slash = strrchr(region->path, '/');
	region->devname = slash ? slash + 1 : region->path;
	region->ctx = ctx;
	region->id = id;
	region->refcount = 1;
	region->lock_fd = -1;
	list_head_init(&region->devs);

	list_for_each(&ctx->regions, pos, node)
		if (pos->id > id ||
		    (pos->id == id && strcmp(pos->path, path) > 0))
			break;
	list_add_before(pos ? &pos->node : &ctx->regions.n, &region->node);
	*created = true;
	dax_dbg(ctx, "region%d: %s\n", id, path);
	return region;
}

/*
 * @entry is a dax device link; its region is the directory holding
 * dax_region/, the device's parent.  (The older "dax" class layout,
 * <region>/dax/daxX.Y, came from dax_pmem_compat, which Linux 6.1 no
 * longer has, so only the bus is scanned.)
 */
static void scan_one(struct daxctl_ctx *ctx, const char *dir,
		     const char *entry)
{
	char link[PATH_MAX], *real, *slash;
	unsigned int region_id, dev_id;
	struct daxctl_region *region;
	bool created;

	if (!dax_devname_parse(entry, &region_id, &dev_id))
		return;
	/*
	 * Resolving a link costs a readlink per path component; with
	 * hundreds of devices per region, do it once per region.
	 */
	region = find_bus_region_by_id(ctx, (int)region_id);
	if (region)
		return;
	if (dax_path(link, sizeof(link), dir, entry))
		return;
	real = realpath(link, NULL);
	if (!real) {
		dax_dbg(ctx, "%s: cannot resolve: %s\n", link, strerror(errno));
		return;
	}
	slash = strrchr(real, '/');
	if (!slash || slash == real) {
		free(real);
		return;
	}
	*slash = '\0';
	region = add_region(ctx, (int)region_id, real, &created);
	if (region)
		region->from_bus = true;
	else
		dax_err(ctx, "%s: out of memory adding its region\n", entry);
	free(real);
}

static void scan_dir(struct daxctl_ctx *ctx, const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		dax_dbg(ctx, "%s: %s\n", dir, strerror(errno));
		return;
	}
	while ((de = readdir(d)))
		scan_one(ctx, dir, de->d_name);
	closedir(d);
}

/*
 * Every registered dax region has at least one device on the bus: the
 * kernel never deletes id 0 of a dynamic region (bus.c delete_store), and
 * a static region is created with its single device.  So the devices
 * directories are enough to find all regions, without walking platform
 * or nd devices.
 */
static void scan_regions(struct daxctl_ctx *ctx)
{
	if (ctx->regions_scanned)
		return;
	ctx->regions_scanned = true;
	scan_dir(ctx, DAX_BUS_DEVICES);
}

DAXCTL_EXPORT struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *ctx)
{
	if (!ctx)
		return NULL;
	scan_regions(ctx);
	return list_first(&ctx->regions, struct daxctl_region, node);
}

DAXCTL_EXPORT struct daxctl_region *
daxctl_region_get_next(struct daxctl_region *region)
{
	if (!region)
		return NULL;
	return list_next(&region->ctx->regions, region, node);
}

DAXCTL_EXPORT struct daxctl_region *daxctl_new_region(struct daxctl_ctx *ctx,
						      int id, uuid_t uuid,
						      const char *path)
{
	struct daxctl_region *region;
	bool created;
	char *real;

	if (!ctx || !path || !*path)
		return NULL;
	/* the same region may already be known from a bus scan */
	real = realpath(path, NULL);
	region = add_region(ctx, id, real ? real : path, &created);
	free(real);
	if (!region) {
		dax_err(ctx, "%s: out of memory\n", path);
		return NULL;
	}
	/* each call hands the caller its own reference */
	if (!created)
		region->refcount++;
	if (uuid)
		uuid_copy(region->uuid, uuid);
	return region;
}

DAXCTL_EXPORT void daxctl_region_ref(struct daxctl_region *region)
{
	if (region)
		region->refcount++;
}

DAXCTL_EXPORT void daxctl_region_unref(struct daxctl_region *region)
{
	if (!region || --region->refcount > 0)
		return;
	dax_dbg(region->ctx, "%s: released\n", region->devname);
	list_del(&region->node);
	region_free(region);
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_region_get_ctx(struct daxctl_region *region)
{
	return region ? region->ctx : NULL;
}

DAXCTL_EXPORT int daxctl_region_get_id(struct daxctl_region *region)
{
	return region ? region->id : -EINVAL;
}

DAXCTL_EXPORT void daxctl_region_get_uuid(struct daxctl_region *region,
					  uuid_t uu)
{
	if (region && uu)
		uuid_copy(uu, region->uuid);
}

DAXCTL_EXPORT const char *daxctl_region_get_devname(struct daxctl_region *region)
{
	return region ? region->devname : NULL;
}

DAXCTL_EXPORT const char *daxctl_region_get_path(struct daxctl_region *region)
{
	return region ? region->path : NULL;
}

int dax_region_read_u64(struct daxctl_region *region, const char *attr,
			unsigned long long *val)
{
	char path[PATH_MAX], name[64];
	uint64_t v;
	int rc;

	snprintf(name, sizeof(name), "dax_region/%s", attr);
	rc = dax_path(path, sizeof(path), region->path, name);
	if (!rc)
		rc = sysfs_read_u64(&region->ctx->log, path, &v);
	if (!rc)
		*val = v;
	return rc;
}

bool dax_region_is_dynamic(struct daxctl_region *region)
{
	char path[PATH_MAX];

	if (dax_path(path, sizeof(path), region->path, "dax_region/create"))
		return false;
	return access(path, F_OK) == 0;
}

/* size and align of a region are fixed when the kernel creates it */
DAXCTL_EXPORT unsigned long long daxctl_region_get_size(struct daxctl_region *region)
{
	unsigned long long v;

	if (!region)
		return ULLONG_MAX;
	if (!region->have_size && dax_region_read_u64(region, "size", &v) == 0) {
		region->size = v;
		region->have_size = true;
	}
	return region->have_size ? region->size : ULLONG_MAX;
}

DAXCTL_EXPORT unsigned long daxctl_region_get_align(struct daxctl_region *region)
{
	unsigned long long v;

	if (!region)
		return ULONG_MAX;
	/* dax_region/align is mode 0400: unreadable without privilege */
	if (!region->have_align &&
	    dax_region_read_u64(region, "align", &v) == 0 && v <= ULONG_MAX) {
		region->align = (unsigned long)v;
		region->have_align = true;
	}
	return region->have_align ? region->align : ULONG_MAX;
}

DAXCTL_EXPORT unsigned long long
daxctl_region_get_available_size(struct daxctl_region *region)
{
	unsigned long long v;

	/* changes with every create/resize, so never cached */
	if (!region || dax_region_read_u64(region, "available_size", &v))
		return 0;
	return v;
}

static int read_region_name_attr(struct daxctl_region *region,
				 const char *attr, char *buf)
{
	char path[PATH_MAX], name[64];
	int rc;

	snprintf(name, sizeof(name), "dax_region/%s", attr);
	rc = dax_path(path, sizeof(path), region->path, name);
	if (!rc)
		rc = sysfs_read_attr(&region->ctx->log, path, buf);
	return rc;
}

DAXCTL_EXPORT struct daxctl_dev *
daxctl_region_get_dev_seed(struct daxctl_region *region)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!region)
		return NULL;
	/* the device this process is creating, not one another is */
	if (region->created && !region->created->gone)
		return region->created;
	if (read_region_name_attr(region, "seed", buf) || !*buf)
		return NULL;
	return dax_region_find_dev(region, buf);
}

static const char static_region_why[] =
	"static region: its one device is sized by the namespace that "
	"provides it; devices can only be created or destroyed in dynamic "
	"(hmem/CXL) regions";

/*
 * Write dax_region/create and find the device it made (the youngest):
 * 0 and *out, or -errno.
 */
static int create_one(struct daxctl_region *region, struct daxctl_dev **out)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	struct daxctl_ctx *ctx = region->ctx;
	int rc;

	rc = dax_path(path, sizeof(path), region->path, "dax_region/create");
	if (rc)
		return rc;
	rc = sysfs_write_attr_quiet(&ctx->log, path, "1");
	if (rc) {
		if (rc == -ENOSPC)
			dax_err(ctx, "%s: cannot create a device: no space "
				"left in the region (available_size 0)\n",
				region->devname);
		else
			dax_err(ctx, "%s: writing dax_region/create: %s\n",
				region->devname, strerror(-rc));
		return rc;
	}
	/* with the lock held, the youngest device is the one just made */
	if (read_region_name_attr(region, "create", buf) || !*buf) {
		dax_err(ctx, "%s: the kernel names no new device after a create\n",
			region->devname);
		return -ENXIO;
	}
	dax_dbg(ctx, "%s: created %s\n", region->devname, buf);
	*out = dax_region_find_dev(region, buf);
	if (!*out) {
		dax_err(ctx, "%s: the new device %s is not in sysfs\n",
			region->devname, buf);
		return -ENXIO;
	}
	return 0;
}

DAXCTL_EXPORT int daxctl_region_create_dev(struct daxctl_region *region)
{
	char seed[SYSFS_ATTR_SIZE];
	struct daxctl_dev *dev;
	struct daxctl_ctx *ctx;
	bool fresh;
	int rc;

	if (!region)
		return -EINVAL;
	ctx = region->ctx;
	if (!dax_region_is_dynamic(region)) {
		dax_err(ctx, "%s: cannot create a device in a %s\n",
			region->devname, static_region_why);
		return -EOPNOTSUPP;
	}
	/*
	 * Within an open transaction every call makes a new device, as
	 * callers that create several before sizing them expect.
	 */
	fresh = region->lock_fd < 0;
	rc = dax_region_lock(region);
	if (rc)
		return rc;
	seed[0] = '\0';
	if (fresh && read_region_name_attr(region, "seed", seed))
		seed[0] = '\0';
	if (fresh)
		dax_region_reap_stale(region, seed[0] ? seed : NULL);
	/*
	 * The kernel keeps an idle seed until that device is sized and
	 * bound, and the caller will be handed it (get_dev_seed): take it
	 * rather than add another zero-size device beside it.
	 */
	dev = NULL;
	if (seed[0] && dax_region_dev_idle(region, seed))
		dev = dax_region_find_dev(region, seed);
	if (dev) {
		dax_dbg(ctx, "%s: taking the idle seed %s\n", region->devname,
			seed);
		rc = 0;
	} else {
		rc = create_one(region, &dev);
	}
	if (rc) {
		/* an earlier device of this transaction still holds it */
		if (fresh)
			dax_region_unlock(region);
		return rc;
	}
	region->created = dev;
	return 0;
}

static int destroy_locked(struct daxctl_region *region,
			  struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = region->ctx;
	char path[PATH_MAX];
	int rc;

	/* a create beside us deleted it as a leftover: it is gone */
	if (dax_path(path, sizeof(path), region->path, dev->devname))
		return -ENAMETOOLONG;
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		dax_dbg(ctx, "%s: already deleted\n", dev->devname);
		dev->gone = true;
		return 0;
	}
	if (daxctl_dev_is_enabled(dev)) {
		dax_err(ctx, "%s: cannot destroy: device is enabled, "
			"disable it first\n", dev->devname);
		return -EBUSY;
	}
	if (daxctl_dev_get_size(dev)) {
		dax_err(ctx, "%s: cannot destroy: size is %llu, "
			"set it to 0 first\n", dev->devname,
			daxctl_dev_get_size(dev));
		return -EBUSY;
	}
	if (dev->id == 0) {
		dax_err(ctx, "%s: cannot destroy: the kernel keeps id 0 of "
			"every region\n", dev->devname);
		return -EBUSY;
	}
	rc = dax_path(path, sizeof(path), region->path, "dax_region/delete");
	if (rc)
		return rc;
	rc = sysfs_write_attr_quiet(&ctx->log, path, dev->devname);
	if (rc) {
		dax_err(ctx, "%s: writing %s to dax_region/delete: %s\n",
			region->devname, dev->devname, strerror(-rc));
		return rc;
	}
	dev->gone = true;
	return 0;
}

DAXCTL_EXPORT int daxctl_region_destroy_dev(struct daxctl_region *region,
					    struct daxctl_dev *dev)
{
	bool fresh;
	int rc;

	if (!region || !dev || dev->region != region)
		return -EINVAL;
	if (!dax_region_is_dynamic(region)) {
		dax_err(region->ctx, "%s: cannot destroy %s in a %s\n",
			region->devname, dev->devname, static_region_why);
		return -EOPNOTSUPP;
	}
	/*
	 * Under the region lock: no create is between its writes, so the
	 * device deleted is the one asked for, not a creator's new device
	 * that took the same id after a reap.
	 */
	fresh = region->lock_fd < 0;
	rc = dax_region_lock(region);
	if (rc)
		return rc;
	rc = destroy_locked(region, dev);
	if (fresh)
		dax_region_unlock(region);
	else if (rc == 0)
		dax_dev_end_create(dev);
	return rc;
}
