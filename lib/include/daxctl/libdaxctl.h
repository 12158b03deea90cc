/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libdaxctl: enumerate and configure device-DAX regions and devices.
 *
 * This header is an application binary interface shared with the
 * established libdaxctl.so.1: every declaration here must keep its name,
 * argument and return types so existing programs link and run unchanged.
 * Additions go at the end of the version script, never in between.
 *
 * Conventions: actions returning int report failure as a negative errno
 * and log why through the context; getters returning pointers return NULL
 * when there is no such object.  Values the kernel can change (device
 * size, align, resource, mappings, available size, driver binding, memory
 * state) are read from sysfs on every call; fixed ones on first use.
 * All objects belong to their daxctl_ctx and live until it is released.
 */
#ifndef LIBDAXCTL_H
#define LIBDAXCTL_H

#include <stdarg.h>
#include <unistd.h>

/*
 * uuid_t is the libuuid array type.  Applications that do not use libuuid
 * get an identical typedef so the prototypes below stay the same type.
 */
#ifdef HAVE_UUID
#include <uuid/uuid.h>
#else
typedef unsigned char uuid_t[16];
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct daxctl_ctx;
struct daxctl_region;
struct daxctl_dev;
struct daxctl_mapping;
struct daxctl_memory;

/* ---- library context ---- */

/* Allocate a context (refcount 1); priority comes from $DAXCTL_LOG. */
int daxctl_new(struct daxctl_ctx **ctx);
struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx);
/* Drop a reference; the last one frees every region, device and mapping. */
void daxctl_unref(struct daxctl_ctx *ctx);

void daxctl_set_log_fn(struct daxctl_ctx *ctx,
		       void (*log_fn)(struct daxctl_ctx *ctx, int priority,
				      const char *file, int line,
				      const char *fn, const char *format,
				      va_list args));
void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority);
int daxctl_get_log_priority(struct daxctl_ctx *ctx);

void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata);
void *daxctl_get_userdata(struct daxctl_ctx *ctx);

/* Directory holding daxctl.conf.d style configuration (memory policy). */
int daxctl_set_config_path(struct daxctl_ctx *ctx, char *config_path);
const char *daxctl_get_config_path(struct daxctl_ctx *ctx);

/* ---- regions ---- */

struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *ctx);
struct daxctl_region *daxctl_region_get_next(struct daxctl_region *region);

/*
 * Look up (or add) the region whose device directory (holding dax_region/)
 * is @path, e.g. libndctl's nd dax device.  Each call returns a reference
 * that daxctl_region_unref() drops; @uuid is recorded.  NULL on failure.
 */
struct daxctl_region *daxctl_new_region(struct daxctl_ctx *ctx, int id,
					uuid_t uuid, const char *path);
void daxctl_region_ref(struct daxctl_region *region);
void daxctl_region_unref(struct daxctl_region *region);

struct daxctl_ctx *daxctl_region_get_ctx(struct daxctl_region *region);
int daxctl_region_get_id(struct daxctl_region *region);
void daxctl_region_get_uuid(struct daxctl_region *region, uuid_t uu);
/* Last component of the path below, e.g. "hmem.0", or "dax1.0" for pmem. */
const char *daxctl_region_get_devname(struct daxctl_region *region);
/* sysfs path of the device directory that holds dax_region/. */
const char *daxctl_region_get_path(struct daxctl_region *region);
/* ULLONG_MAX / ULONG_MAX when unreadable (align is root-only in sysfs). */
unsigned long long daxctl_region_get_size(struct daxctl_region *region);
unsigned long daxctl_region_get_align(struct daxctl_region *region);
/* 0 for static regions (and when unreadable). */
unsigned long long
daxctl_region_get_available_size(struct daxctl_region *region);

/* The region's first never-enabled device, as the kernel's "seed" names. */
struct daxctl_dev *daxctl_region_get_dev_seed(struct daxctl_region *region);
/* Add a zero-sized device to a dynamic region; -EOPNOTSUPP if static. */
int daxctl_region_create_dev(struct daxctl_region *region);
/* Remove a disabled, zero-sized device from a dynamic region. */
int daxctl_region_destroy_dev(struct daxctl_region *region,
			      struct daxctl_dev *dev);

#define daxctl_region_foreach(ctx, region)                                   \
	for (region = daxctl_region_get_first(ctx); region != NULL;          \
	     region = daxctl_region_get_next(region))

#define daxctl_region_foreach_safe(ctx, region, _region)                     \
	for (region = daxctl_region_get_first(ctx),                          \
	    _region = region ? daxctl_region_get_next(region) : NULL;        \
	     region != NULL; region = _region,                               \
	    _region = _region ? daxctl_region_get_next(_region) : NULL)

/* ---- devices ---- */

struct daxctl_dev *daxctl_dev_get_first(struct daxctl_region *region);
struct daxctl_dev *daxctl_dev_get_next(struct daxctl_dev *dev);

struct daxctl_ctx *daxctl_dev_get_ctx(struct daxctl_dev *dev);
struct daxctl_region *daxctl_dev_get_region(struct daxctl_dev *dev);
int daxctl_dev_get_id(struct daxctl_dev *dev);
const char *daxctl_dev_get_devname(struct daxctl_dev *dev);
/* From sysfs "dev"; negative errno when unreadable. */
int daxctl_dev_get_major(struct daxctl_dev *dev);
int daxctl_dev_get_minor(struct daxctl_dev *dev);
/* These three return 0 when unreadable (resource is root-only). */
unsigned long long daxctl_dev_get_resource(struct daxctl_dev *dev);
unsigned long long daxctl_dev_get_size(struct daxctl_dev *dev);
unsigned long daxctl_dev_get_align(struct daxctl_dev *dev);
/* NUMA node the memory would join as system-ram; -1 when none. */
int daxctl_dev_get_target_node(struct daxctl_dev *dev);

/*
 * The device must be disabled.  Sizes are taken as given: the kernel wants
 * multiples of the device align and of 2 MiB, and the library says so.
 */
int daxctl_dev_set_size(struct daxctl_dev *dev, unsigned long long size);
int daxctl_dev_set_align(struct daxctl_dev *dev, unsigned long align);
/* Append the physical range [start, end] (inclusive) to a device. */
int daxctl_dev_set_mapping(struct daxctl_dev *dev, unsigned long long start,
			   unsigned long long end);

/*
 * 1 when a driver is bound, 0 when not.  Enabling a device already bound
 * to the requested driver succeeds; bound to the other one, -EBUSY.
 * Disabling refuses (-EBUSY) while system-ram memory is online.
 */
int daxctl_dev_is_enabled(struct daxctl_dev *dev);
int daxctl_dev_enable_devdax(struct daxctl_dev *dev);
int daxctl_dev_enable_ram(struct daxctl_dev *dev);
int daxctl_dev_disable(struct daxctl_dev *dev);
/* 1 when the kernel (memory auto-online policy) will online hot-added RAM. */
int daxctl_dev_will_auto_online_memory(struct daxctl_dev *dev);
/* 1 when some of the device's memory blocks are online as system-ram. */
int daxctl_dev_has_online_memory(struct daxctl_dev *dev);
/* Despite the name: 1 when the device is bound to kmem (system-ram). */
int daxctl_dev_is_system_ram_capable(struct daxctl_dev *dev);

#define daxctl_dev_foreach(region, dev)                                      \
	for (dev = daxctl_dev_get_first(region); dev != NULL;                \
	     dev = daxctl_dev_get_next(dev))

#define daxctl_dev_foreach_safe(region, dev, _dev)                           \
	for (dev = daxctl_dev_get_first(region),                             \
	    _dev = dev ? daxctl_dev_get_next(dev) : NULL;                    \
	     dev != NULL; dev = _dev,                                        \
	    _dev = _dev ? daxctl_dev_get_next(_dev) : NULL)

/* ---- physical ranges of a dynamic device ---- */

struct daxctl_mapping *daxctl_mapping_get_first(struct daxctl_dev *dev);
struct daxctl_mapping *daxctl_mapping_get_next(struct daxctl_mapping *mapping);
unsigned long long daxctl_mapping_get_start(struct daxctl_mapping *mapping);
unsigned long long daxctl_mapping_get_end(struct daxctl_mapping *mapping);
/* The kernel's page_offset: where the range starts in the device, in pages. */
unsigned long long daxctl_mapping_get_offset(struct daxctl_mapping *mapping);
unsigned long long daxctl_mapping_get_size(struct daxctl_mapping *mapping);

#define daxctl_mapping_foreach(dev, mapping)                                 \
	for (mapping = daxctl_mapping_get_first(dev); mapping != NULL;       \
	     mapping = daxctl_mapping_get_next(mapping))

/* ---- memory blocks of a device in system-ram mode ---- */

/* NULL unless the device is bound to kmem. */
struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *dev);
struct daxctl_dev *daxctl_memory_get_dev(struct daxctl_memory *mem);
/* /sys/devices/system/node/nodeN of the target node. */
const char *daxctl_memory_get_node_path(struct daxctl_memory *mem);
unsigned long daxctl_memory_get_block_size(struct daxctl_memory *mem);
/*
 * Online (ZONE_MOVABLE, or a kernel zone for _no_movable) or offline every
 * block of the device.  Return the number of blocks whose state changed,
 * or a negative errno after putting back the blocks changed so far.  A
 * block already online in the other zone fails with -EBUSY.
 */
int daxctl_memory_online(struct daxctl_memory *mem);
int daxctl_memory_online_no_movable(struct daxctl_memory *mem);
int daxctl_memory_offline(struct daxctl_memory *mem);
/* Number of blocks currently online. */
int daxctl_memory_is_online(struct daxctl_memory *mem);
/* Number of memory blocks the device spans. */
int daxctl_memory_num_sections(struct daxctl_memory *mem);
/* 1 when blocks are online and all in ZONE_MOVABLE, else 0; or -errno. */
int daxctl_memory_is_movable(struct daxctl_memory *mem);

#ifdef __cplusplus
}
#endif

#endif /* LIBDAXCTL_H */
