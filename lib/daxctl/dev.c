// SPDX-License-Identifier: LGPL-2.1-or-later
/* dax devices: lazy enumeration, attributes, size/align/mapping writes. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private.h"

void dax_dev_free(struct daxctl_dev *dev)
{
	dax_dev_free_mappings(dev);
	dax_memory_free(dev->mem);
	free(dev->path);
	free(dev);
}

/* Parse "dax<region>.<id>"; -1 when @name is not a device of @region. */
static int dev_id_from_name(struct daxctl_region *region, const char *name)
{
	unsigned int rid, id;

	if (!dax_devname_parse(name, &rid, &id))
		return -1;
	if ((int)rid != region->id || id > INT_MAX)
		return -1;
	return (int)id;
}

/*
 * Find @name in the list, adding it (in id order) if the kernel has it.
 * @listed: the name comes from reading the region directory, so the
 * kernel had it a moment ago and asking again would cost a syscall per
 * device on every scan.
 */
static struct daxctl_dev *add_dev(struct daxctl_region *region,
				  const char *name, bool listed)
{
	struct daxctl_dev *dev, *pos;
	char path[PATH_MAX];
	const char *slash;
	int id = dev_id_from_name(region, name);

	if (id < 0)
		return NULL;
	list_for_each(&region->devs, pos, node) {
		if (pos->id == id) {
			if (pos->gone) {
				/*
				 * The kernel reuses ids: forget what we
				 * knew about the old instance.
				 */
				pos->gone = false;
				pos->have_devt = false;
				pos->nr_mappings = 0;
			}
			return pos;
		}
		if (pos->id > id)
			break;
	}
	if (dax_path(path, sizeof(path), region->path, name) ||
	    (!listed && access(path, F_OK) != 0))
		return NULL;

	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return NULL;
	dev->path = strdup(path);
	if (!dev->path) {
		free(dev);
		return NULL;
	}
	slash = strrchr(dev->path, '/');
	dev->devname = slash + 1;
	dev->region = region;
	dev->id = id;
	list_head_init(&dev->mappings);
	list_add_before(pos ? &pos->node : &region->devs.n, &dev->node);
	return dev;
}

static void scan_devs_in(struct daxctl_region *region, const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d)))
		if (dev_id_from_name(region, de->d_name) >= 0)
			add_dev(region, de->d_name, true);
	closedir(d);
}

void dax_region_scan_devs(struct daxctl_region *region)
{
	if (region->devs_scanned)
		return;
	region->devs_scanned = true;
	scan_devs_in(region, region->path);
}

struct daxctl_dev *dax_region_find_dev(struct daxctl_region *region,
				       const char *devname)
{
	dax_region_scan_devs(region);
	return add_dev(region, devname, false);
}

static struct daxctl_dev *first_live(struct daxctl_region *region,
				     struct daxctl_dev *dev)
{
	while (dev && dev->gone)
		dev = list_next(&region->devs, dev, node);
	return dev;
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_dev_get_first(struct daxctl_region *region)
{
	if (!region)
		return NULL;
	dax_region_scan_devs(region);
	return first_live(region,
			  list_first(&region->devs, struct daxctl_dev, node));
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_dev_get_next(struct daxctl_dev *dev)
{
	if (!dev)
		return NULL;
	return first_live(dev->region,
			  list_next(&dev->region->devs, dev, node));
}

DAXCTL_EXPORT struct daxctl_region *daxctl_dev_get_region(struct daxctl_dev *dev)
{
	return dev ? dev->region : NULL;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_dev_get_ctx(struct daxctl_dev *dev)
{
	return dev ? dev->region->ctx : NULL;
}

DAXCTL_EXPORT int daxctl_dev_get_id(struct daxctl_dev *dev)
{
	return dev ? dev->id : -EINVAL;
}

DAXCTL_EXPORT const char *daxctl_dev_get_devname(struct daxctl_dev *dev)
{
	return dev ? dev->devname : NULL;
}

int dax_dev_read_u64(struct daxctl_dev *dev, const char *attr,
		     unsigned long long *val)
{
	char path[PATH_MAX];
	uint64_t v;
	int rc;

	rc = dax_path(path, sizeof(path), dev->path, attr);
	if (!rc)
		rc = sysfs_read_u64(&dev->region->ctx->log, path, &v);
	if (!rc)
		*val = v;
	return rc;
}

/* The char device number, from the "dev" attribute ("major:minor"). */
static void read_devt(struct daxctl_dev *dev)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	unsigned int maj, min;
	char tail;

	if (dev->have_devt)
		return;
	if (dax_path(path, sizeof(path), dev->path, "dev") ||
	    sysfs_read_attr(&dev->region->ctx->log, path, buf))
		return;
	if (sscanf(buf, "%u:%u%c", &maj, &min, &tail) != 2) {
		dax_err(dev->region->ctx, "%s: unparsable dev '%s'\n",
			dev->devname, buf);
		return;
	}
	dev->major = (int)maj;
	dev->minor = (int)min;
	dev->have_devt = true;
}

DAXCTL_EXPORT int daxctl_dev_get_major(struct daxctl_dev *dev)
{
	if (!dev)
		return -EINVAL;
	read_devt(dev);
	return dev->have_devt ? dev->major : -ENXIO;
}

DAXCTL_EXPORT int daxctl_dev_get_minor(struct daxctl_dev *dev)
{
	if (!dev)
		return -EINVAL;
	read_devt(dev);
	return dev->have_devt ? dev->minor : -ENXIO;
}

/*
 * size, align and resource change with set_size/set_mapping/set_align
 * (ours or anyone's), so each call asks the kernel.
 */
DAXCTL_EXPORT unsigned long long daxctl_dev_get_size(struct daxctl_dev *dev)
{
	unsigned long long v;

	if (!dev || dax_dev_read_u64(dev, "size", &v))
		return 0;
	return v;
}

DAXCTL_EXPORT unsigned long long daxctl_dev_get_resource(struct daxctl_dev *dev)
{
	unsigned long long v;

	/* mode 0400 in the kernel: 0 when we may not read it */
	if (!dev || dax_dev_read_u64(dev, "resource", &v))
		return 0;
	return v;
}

DAXCTL_EXPORT unsigned long daxctl_dev_get_align(struct daxctl_dev *dev)
{
	unsigned long long v;

	/* absent before Linux 5.10 */
	if (!dev || dax_dev_read_u64(dev, "align", &v) || v > ULONG_MAX)
		return 0;
	return (unsigned long)v;
}

DAXCTL_EXPORT int daxctl_dev_get_target_node(struct daxctl_dev *dev)
{
	char path[PATH_MAX];
	int64_t v;

	if (!dev)
		return -1;
	if (!dev->have_target_node) {
		/* hidden by the kernel when the region has no target node */
		dev->target_node = -1;
		if (dax_path(path, sizeof(path), dev->path, "target_node") == 0 &&
		    sysfs_read_s64(&dev->region->ctx->log, path, &v) == 0 &&
		    v >= INT32_MIN && v <= INT32_MAX)
			dev->target_node = (int)v;
		dev->have_target_node = true;
	}
	return dev->target_node;
}

/* What a kernel errno means for one attribute, said in the same line. */
struct err_hint {
	int err;
	const char *why;
};

/*
 * Writes that the kernel accepts only on a disabled device of a live
 * region: one log line saying what was refused and, where the errno has a
 * known meaning for this attribute, why.
 */
static int write_dev_attr(struct daxctl_dev *dev, const char *attr,
			  const char *val, const struct err_hint *hints)
{
	struct daxctl_ctx *ctx = dev->region->ctx;
	bool dynamic = dax_region_is_dynamic(dev->region);
	const char *why = NULL;
	char path[PATH_MAX];
	int rc;

	rc = dax_path(path, sizeof(path), dev->path, attr);
	if (rc)
		return rc;
	if (access(path, F_OK) != 0) {
		dax_err(ctx, "%s: cannot set %s: the kernel has no %s "
			"attribute for this device%s\n", dev->devname, attr,
			attr, dynamic ? "" : " (static region)");
		return -EOPNOTSUPP;
	}
	rc = sysfs_write_attr_quiet(&ctx->log, path, val);
	if (!rc)
		return 0;
	for (; hints && hints->err; hints++)
		if (hints->err == -rc) {
			why = hints->why;
			break;
		}
	if (rc == -EBUSY)
		why = "the device is enabled";
	else if ((rc == -EACCES || rc == -EPERM) && !dynamic)
		why = "read-only in a static region";
	if (why)
		dax_err(ctx, "%s: cannot set %s to %s: %s\n", dev->devname,
			attr, val, why);
	else
		dax_err(ctx, "%s: cannot set %s to %s: %s\n", dev->devname,
			attr, val, strerror(-rc));
	return rc;
}

DAXCTL_EXPORT int daxctl_dev_set_size(struct daxctl_dev *dev,
				      unsigned long long size)
{
	static const struct err_hint hints[] = {
		{ ENOSPC, "not that much space available in the region" },
		/* bus.c alloc_is_aligned(): max(align, memremap_compat_align) */
		{ EINVAL, "the kernel wants a multiple of both the device "
			  "align and its 2 MiB hotplug subsection" },
		{ ENXIO, "the region is disabled" },
		{ 0, NULL },
	};
	unsigned long align;
	char val[32];
	bool held;
	int rc;

	if (!dev)
		return -EINVAL;
	align = daxctl_dev_get_align(dev);
	if (align && size % align) {
		dax_err(dev->region->ctx, "%s: cannot set size to %llu: not a "
			"multiple of the device align %lu\n", dev->devname,
			size, align);
		return -EINVAL;
	}
	/*
	 * A device shrunk to 0 is what a create that did not finish leaves,
	 * and creates delete such devices (dax_region_reap_stale()): hold
	 * the region lock, as a creator does, until this one is deleted,
	 * sized and enabled again, or the region is freed.
	 */
	held = size == 0 && dev->id != 0 && daxctl_dev_get_size(dev) &&
	       dax_region_is_dynamic(dev->region);
	if (held) {
		held = dev->region->lock_fd < 0;
		rc = dax_region_lock(dev->region);
		if (rc)
			return rc;
		if (held)
			dev->region->created = dev;
	}
	snprintf(val, sizeof(val), "%llu", size);
	rc = write_dev_attr(dev, "size", val, hints);
	/* the ranges changed (or may have, if another writer raced us) */
	dev->nr_mappings = 0;
	if (rc && held)
		dax_region_unlock(dev->region);
	return rc;
}

DAXCTL_EXPORT int daxctl_dev_set_align(struct daxctl_dev *dev,
				       unsigned long align)
{
	static const struct err_hint hints[] = {
		{ EINVAL, "the kernel takes only supported page sizes that "
			  "divide every range of the device" },
		{ ENXIO, "the region is disabled" },
		{ 0, NULL },
	};
	char val[32];

	if (!dev)
		return -EINVAL;
	if (!align || (align & (align - 1))) {
		dax_err(dev->region->ctx, "%s: invalid align %lu: not a "
			"power of two\n", dev->devname, align);
		return -EINVAL;
	}
	snprintf(val, sizeof(val), "%lu", align);
	return write_dev_attr(dev, "align", val, hints);
}

DAXCTL_EXPORT int daxctl_dev_set_mapping(struct daxctl_dev *dev,
					 unsigned long long start,
					 unsigned long long end)
{
	static const struct err_hint hints[] = {
		/* what __request_region() failing means here */
		{ ENOMEM, "outside the region or already allocated to a "
			  "device" },
		{ EINVAL, "the length must be a multiple of the device align "
			  "and of 2 MiB" },
		{ ENXIO, "the region is disabled" },
		{ 0, NULL },
	};
	char val[64];
	int rc;

	if (!dev)
		return -EINVAL;
	if (end < start) {
		dax_err(dev->region->ctx, "%s: invalid mapping %#llx-%#llx: "
			"end before start\n", dev->devname, start, end);
		return -EINVAL;
	}
	/* the kernel parses both ends as hex, with or without 0x */
	snprintf(val, sizeof(val), "%#llx-%#llx", start, end);
	rc = write_dev_attr(dev, "mapping", val, hints);
	dev->nr_mappings = 0;
	return rc;
}
