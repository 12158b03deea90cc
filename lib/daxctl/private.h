/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBDAXCTL_PRIVATE_H
#define LIBDAXCTL_PRIVATE_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <daxctl/libdaxctl.h>

#include "util/list.h"
#include "util/log.h"
#include "util/sysfs.h"

#define DAXCTL_EXPORT __attribute__((visibility("default")))

#define DAX_BUS_DEVICES "/sys/bus/dax/devices"
#define DAX_BUS_DRIVERS "/sys/bus/dax/drivers"
#define MEMORY_DIR "/sys/devices/system/memory"
#define NODE_DIR "/sys/devices/system/node"

typedef void (*daxctl_log_fn)(struct daxctl_ctx *ctx, int priority,
			      const char *file, int line, const char *fn,
			      const char *format, va_list args);

struct kmod_ctx;

/* Which driver a device is (to be) bound to; values as upstream's. */
enum daxctl_dev_mode {
	DAXCTL_DEV_MODE_DEVDAX = 0,
	DAXCTL_DEV_MODE_RAM,
	DAXCTL_DEV_MODE_END,
};

struct daxctl_ctx {
	/* first, so the util log trampoline can find us from &ctx->log */
	struct log_ctx log;
	daxctl_log_fn app_log_fn;
	int refcount;
	void *userdata;
	char *config_path;
	struct kmod_ctx *kmod;
	bool regions_scanned;
	struct list_head regions;	/* sorted by id, then path */
};

struct daxctl_region {
	struct daxctl_ctx *ctx;
	struct list_node node;
	int refcount;
	int id;
	uuid_t uuid;
	char *path;		/* canonical dir that holds dax_region/ */
	const char *devname;	/* last component of path */
	bool have_size, have_align;
	unsigned long long size;
	unsigned long align;
	bool devs_scanned;
	/*
	 * Found through a device link on the bus: the kernel names devices
	 * dax<region id>.<n> and refuses duplicate names, so later links
	 * with the same region id lead to this same directory.
	 */
	bool from_bus;
	struct list_head devs;	/* sorted by id; gone ones stay, hidden */
	/* an open create transaction (create-lock.c): lock and device */
	int lock_fd;
	struct daxctl_dev *created;
};

struct daxctl_dev {
	struct daxctl_region *region;
	struct list_node node;
	int id;
	/*
	 * Set once the kernel no longer has the device.  The object stays
	 * allocated (callers may hold it) but iteration skips it.
	 */
	bool gone;
	char *path;
	const char *devname;
	bool have_devt, have_target_node;
	int major, minor, target_node;
	struct list_head mappings;	/* pool; the first nr_mappings valid */
	int nr_mappings;
	struct daxctl_memory *mem;
};

struct daxctl_mapping {
	struct daxctl_dev *dev;
	struct list_node node;
	int index;
	unsigned long long start, end, pgoff;
};

struct daxctl_memory {
	struct daxctl_dev *dev;
	char *node_path;
	unsigned long block_size;
};

#define dax_err(c, ...) log_err(&(c)->log, __VA_ARGS__)
#define dax_notice(c, ...) log_notice(&(c)->log, __VA_ARGS__)
#define dax_info(c, ...) log_info(&(c)->log, __VA_ARGS__)
#define dax_dbg(c, ...) log_dbg(&(c)->log, __VA_ARGS__)

/* "<dir>/<attr>" into @buf; -ENAMETOOLONG if it does not fit */
/* Split a device name "dax<region>.<id>": false when @name is not one. */
static inline bool dax_devname_parse(const char *name, unsigned int *region,
				     unsigned int *id)
{
	char tail;

	return sscanf(name, "dax%u.%u%c", region, id, &tail) == 2;
}

static inline int dax_path(char *buf, size_t len, const char *dir,
			   const char *attr)
{
	int n = snprintf(buf, len, "%s/%s", dir, attr);

	return (n < 0 || (size_t)n >= len) ? -ENAMETOOLONG : 0;
}

/* ctx teardown helpers implemented by the object files */
void daxctl_ctx_free_regions(struct daxctl_ctx *ctx);
void daxctl_ctx_put_kmod(struct daxctl_ctx *ctx);

/* region.c */
int dax_region_read_u64(struct daxctl_region *region, const char *attr,
			unsigned long long *val);
bool dax_region_is_dynamic(struct daxctl_region *region);

/* create-lock.c */
int dax_region_lock(struct daxctl_region *region);
void dax_region_unlock(struct daxctl_region *region);
void dax_dev_end_create(struct daxctl_dev *dev);
bool dax_region_dev_idle(struct daxctl_region *region, const char *name);
void dax_region_reap_stale(struct daxctl_region *region, const char *seed);

/* dev.c */
void dax_region_scan_devs(struct daxctl_region *region);
struct daxctl_dev *dax_region_find_dev(struct daxctl_region *region,
				       const char *devname);
void dax_dev_free(struct daxctl_dev *dev);
int dax_dev_read_u64(struct daxctl_dev *dev, const char *attr,
		     unsigned long long *val);

/* mapping.c */
int dax_dev_scan_mappings(struct daxctl_dev *dev);
void dax_dev_free_mappings(struct daxctl_dev *dev);

/* driver.c */
bool dax_dev_bound_to(struct daxctl_dev *dev, enum daxctl_dev_mode mode);
extern const char *const dax_mode_driver[DAXCTL_DEV_MODE_END];

/* kmod.c */
int dax_load_driver(struct daxctl_ctx *ctx, const char *drv);

/* memory.c */
void dax_memory_free(struct daxctl_memory *mem);

#endif
