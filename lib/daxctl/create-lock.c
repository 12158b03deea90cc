// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Creating a device in a dynamic region takes several sysfs writes
 * (dax_region/create, align, size or mappings, then a driver bind), and
 * the kernel's dax_region/seed names one device for every process: two
 * processes that each create and then take the seed size the same device,
 * and every create whose device is never sized leaves a zero-size device
 * behind.  So the library makes the create a transaction:
 *
 * - daxctl_region_create_dev() takes a per-region lock (util/flock.h on
 *   the region's sysfs directory), deletes zero-size devices that no
 *   transaction owns any more (they are leftovers: a creator holds the
 *   lock until its device has a size and a driver), and then adopts the
 *   kernel's idle seed or creates a device; later creates in the same
 *   transaction always make a new device (callers may make several
 *   before sizing any);
 * - daxctl_region_get_dev_seed() returns that device to its creator;
 * - the lock is released when that device is enabled or destroyed, or
 *   when the region object is freed (with the context, or by exit);
 * - a destroy takes it too: shrinking a device to 0 makes it look like
 *   a leftover, so daxctl_dev_set_size(dev, 0) holds the lock until the
 *   device is deleted (daxctl_region_destroy_dev(), which also locks on
 *   its own), or sized and enabled again.
 *
 * DAXCTL_LOCK_TIMEOUT (seconds) bounds the wait for another creator.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "private.h"
#include "util/flock.h"

static void say_waiting(void *arg)
{
	struct daxctl_region *region = arg;

	/* a notice: not an error, but a wait the user should know about */
	dax_notice(region->ctx, "%s: waiting for another process that is creating a device in this region\n",
		region->devname);
}

int dax_region_lock(struct daxctl_region *region)
{
	char why[256];
	long timeout;
	int fd;

	if (region->lock_fd >= 0)
		return 0;
	fd = util_lock_dir_env(region->path, "DAXCTL_LOCK_TIMEOUT", say_waiting,
			       region, &timeout);
	if (fd < 0) {
		util_lock_why(why, sizeof(why), "DAXCTL_LOCK_TIMEOUT", timeout);
		if (timeout < 0)
			dax_err(region->ctx, "%s\n", why);
		else if (fd == -ETIMEDOUT)
			dax_err(region->ctx, "%s: %s\n", region->devname, why);
		else
			dax_err(region->ctx, "%s: cannot lock %s: %s\n",
				region->devname, region->path, strerror(-fd));
		return fd;
	}
	region->lock_fd = fd;
	dax_dbg(region->ctx, "%s: locked\n", region->devname);
	return 0;
}

void dax_region_unlock(struct daxctl_region *region)
{
	if (region->lock_fd < 0)
		return;
	util_unlock_dir(region->lock_fd);
	region->lock_fd = -1;
	region->created = NULL;
	dax_dbg(region->ctx, "%s: unlocked\n", region->devname);
}

void dax_dev_end_create(struct daxctl_dev *dev)
{
	if (dev && dev->region->created == dev)
		dax_region_unlock(dev->region);
}

/* Has device @name (a directory under the region) no size and no driver? */
bool dax_region_dev_idle(struct daxctl_region *region, const char *name)
{
	char attr[PATH_MAX], path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	uint64_t size;

	if (dax_path(attr, sizeof(attr), name, "driver") ||
	    dax_path(path, sizeof(path), region->path, attr))
		return false;
	if (access(path, F_OK) == 0)
		return false;
	if (dax_path(attr, sizeof(attr), name, "size") ||
	    dax_path(path, sizeof(path), region->path, attr))
		return false;
	if (sysfs_read_attr(&region->ctx->log, path, buf) ||
	    parse_u64(buf, 0, &size))
		return false;
	return size == 0;
}

/*
 * With the lock held, every idle device but the seed (which the kernel
 * keeps one of) and id 0 (which it never deletes) is a leftover of a
 * create that did not finish.
 */
void dax_region_reap_stale(struct daxctl_region *region, const char *seed)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (dax_path(path, sizeof(path), region->path, "dax_region/delete"))
		return;
	d = opendir(region->path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		unsigned int rid, id;
		int rc;

		if (!dax_devname_parse(de->d_name, &rid, &id) ||
		    (int)rid != region->id || id == 0)
			continue;
		if ((seed && strcmp(de->d_name, seed) == 0) ||
		    !dax_region_dev_idle(region, de->d_name))
			continue;
		rc = sysfs_write_attr_quiet(&region->ctx->log, path,
					    de->d_name);
		if (rc == 0) {
			struct daxctl_dev *dev;

			dax_info(region->ctx, "%s: deleted %s, a zero-size device left by a create that did not finish\n",
				 region->devname, de->d_name);
			list_for_each(&region->devs, dev, node)
				if (strcmp(dev->devname, de->d_name) == 0)
					dev->gone = true;
		} else
			dax_dbg(region->ctx, "%s: could not delete %s: %s\n",
				region->devname, de->d_name, strerror(-rc));
	}
	closedir(d);
}
