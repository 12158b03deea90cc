// SPDX-License-Identifier: LGPL-2.1-or-later
/* Binding a dax device to device_dax (devdax) or kmem (system-ram). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "private.h"

const char *const dax_mode_driver[DAXCTL_DEV_MODE_END] = {
	[DAXCTL_DEV_MODE_DEVDAX] = "device_dax",
	[DAXCTL_DEV_MODE_RAM] = "kmem",
};

static const char *const mode_name[DAXCTL_DEV_MODE_END] = {
	[DAXCTL_DEV_MODE_DEVDAX] = "devdax",
	[DAXCTL_DEV_MODE_RAM] = "system-ram",
};

/* Name of the bound driver into @buf, or -ENODEV when unbound. */
static int bound_driver(struct daxctl_dev *dev, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	if (dax_path(path, sizeof(path), dev->path, "driver"))
		return -ENAMETOOLONG;
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return -ENODEV;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= len)
		return -ENAMETOOLONG;
	strcpy(buf, base);
	return 0;
}

bool dax_dev_bound_to(struct daxctl_dev *dev, enum daxctl_dev_mode mode)
{
	char drv[NAME_MAX + 1];

	return bound_driver(dev, drv, sizeof(drv)) == 0 &&
	       strcmp(drv, dax_mode_driver[mode]) == 0;
}

DAXCTL_EXPORT int daxctl_dev_is_enabled(struct daxctl_dev *dev)
{
	char path[PATH_MAX];
	struct stat st;

	if (!dev || dax_path(path, sizeof(path), dev->path, "driver"))
		return 0;
	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/*
 * Despite its name (kept for ABI), this reports whether the device is
 * bound to kmem, i.e. currently in system-ram mode.
 */
DAXCTL_EXPORT int daxctl_dev_is_system_ram_capable(struct daxctl_dev *dev)
{
	return dev && dax_dev_bound_to(dev, DAXCTL_DEV_MODE_RAM);
}

static int drv_write(struct daxctl_dev *dev, const char *drv,
		     const char *attr)
{
	char path[PATH_MAX], rel[NAME_MAX + 32];

	snprintf(rel, sizeof(rel), "%s/%s", drv, attr);
	if (dax_path(path, sizeof(path), DAX_BUS_DRIVERS, rel))
		return -ENAMETOOLONG;
	return sysfs_write_attr_quiet(&dev->region->ctx->log, path,
				      dev->devname);
}

static int dev_enable(struct daxctl_dev *dev, enum daxctl_dev_mode mode)
{
	const char *drv = dax_mode_driver[mode];
	struct daxctl_ctx *ctx;
	char cur[NAME_MAX + 1];
	int rc, rc_id, rc_bind;

	if (!dev)
		return -EINVAL;
	ctx = dev->region->ctx;
	if (bound_driver(dev, cur, sizeof(cur)) == 0) {
		if (strcmp(cur, drv) == 0)
			return 0;
		dax_err(ctx, "%s: cannot enable in %s mode: already enabled "
			"by driver %s, disable it first\n", dev->devname,
			mode_name[mode], cur);
		return -EBUSY;
	}
	/* the bus refuses to probe an empty device (dax_bus_probe) */
	if (daxctl_dev_get_size(dev) == 0) {
		dax_err(ctx, "%s: cannot enable: size is 0\n", dev->devname);
		return -ENXIO;
	}
	if (mode == DAXCTL_DEV_MODE_RAM && daxctl_dev_get_target_node(dev) < 0) {
		dax_err(ctx, "%s: cannot enable as system-ram: the region "
			"has no target NUMA node\n", dev->devname);
		return -EOPNOTSUPP;
	}
	rc = dax_load_driver(ctx, drv);
	if (rc)
		return rc;

	/*
	 * bind first: a driver that matches the device already (device_dax
	 * matches every device) takes it alone.  Only a driver that matches
	 * listed ids (kmem) needs new_id, and new_id makes the kernel
	 * attach the driver to every unbound device it matches
	 * (driver_attach()): for device_dax that would enable every device
	 * someone disabled, or is destroying.  Judge by the driver link.
	 */
	rc_id = -ENODEV;	/* no id added */
	rc_bind = drv_write(dev, drv, "bind");
	/* -ENODEV: the driver does not match the device (a probe failed
	 * otherwise, and new_id would only retry it on every device) */
	if (rc_bind == -ENODEV && !daxctl_dev_is_enabled(dev)) {
		rc_id = drv_write(dev, drv, "new_id");
		if (!daxctl_dev_is_enabled(dev))
			rc_bind = drv_write(dev, drv, "bind");
	}
	if (dax_dev_bound_to(dev, mode)) {
		dax_dbg(ctx, "%s: enabled (%s)\n", dev->devname, drv);
		/* sized and bound: no longer anyone's idle device */
		dax_dev_end_create(dev);
		return 0;
	}
	rc = rc_bind ? rc_bind : rc_id != -ENODEV && rc_id ? rc_id : -ENXIO;
	dax_err(ctx, "%s: %s failed to bind: %s (see the kernel log)\n",
		dev->devname, drv, strerror(-rc));
	/* leave no stale id behind that would bind it later by surprise */
	if (rc_id == 0)
		drv_write(dev, drv, "remove_id");
	if (daxctl_dev_is_enabled(dev)) {
		/* someone else's driver won a race; not our state to undo */
		return -EBUSY;
	}
	return rc;
}

DAXCTL_EXPORT int daxctl_dev_enable_devdax(struct daxctl_dev *dev)
{
	return dev_enable(dev, DAXCTL_DEV_MODE_DEVDAX);
}

DAXCTL_EXPORT int daxctl_dev_enable_ram(struct daxctl_dev *dev)
{
	return dev_enable(dev, DAXCTL_DEV_MODE_RAM);
}

DAXCTL_EXPORT int daxctl_dev_disable(struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx;
	char drv[NAME_MAX + 1];
	int rc, online;

	if (!dev)
		return -EINVAL;
	ctx = dev->region->ctx;
	if (bound_driver(dev, drv, sizeof(drv)))
		return 0;
	/*
	 * Unbinding kmem with online memory leaves that memory stuck in
	 * the system until reboot (kmem.c cannot hot-remove it).
	 */
	if (strcmp(drv, dax_mode_driver[DAXCTL_DEV_MODE_RAM]) == 0) {
		online = daxctl_dev_has_online_memory(dev);
		if (online < 0)
			return online;
		if (online > 0) {
			dax_err(ctx, "%s: cannot disable: %d memory block(s) "
				"still online, offline them first\n",
				dev->devname, online);
			return -EBUSY;
		}
	}
	/* drop the id so the driver does not grab the device again */
	drv_write(dev, drv, "remove_id");
	rc = drv_write(dev, drv, "unbind");
	if (daxctl_dev_is_enabled(dev)) {
		dax_err(ctx, "%s: failed to unbind %s: %s\n", dev->devname,
			drv, strerror(rc ? -rc : EBUSY));
		return rc ? rc : -EBUSY;
	}
	dax_dbg(ctx, "%s: disabled\n", dev->devname);
	return 0;
}
