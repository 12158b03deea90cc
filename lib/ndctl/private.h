/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBNDCTL_PRIVATE_H
#define LIBNDCTL_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include <ndctl/libndctl.h>
#include <ndctl/ndctl.h>

#include "util/list.h"
#include "util/log.h"
#include "util/sysfs.h"

#define NDCTL_EXPORT __attribute__((visibility("default")))

/* Where libnvdimm publishes its devices (all of them, flat). */
#define ND_SYSFS_DEVICES "/sys/bus/nd/devices"

typedef void (*ndctl_log_fn)(struct ndctl_ctx *ctx, int priority,
			     const char *file, int line, const char *fn,
			     const char *format, va_list args);

struct ndctl_ctx {
	/* first, so the util log trampoline can find us from &ctx->log */
	struct log_ctx log;
	ndctl_log_fn app_log_fn;
	int refcount;
	void *userdata;
	void *private_data;
	char *config_path;
	struct daxctl_ctx *daxctl_ctx;
	bool buses_scanned;
	struct list_head buses;
	/* udev.c: waiting for udev after enables, opened on first use */
	struct udev *udev;
	struct udev_queue *udev_queue;
	struct udev_monitor *udev_mon;
	bool udev_armed;
	unsigned long long udev_armed_seqnum, udev_seen_seqnum;
};

#define nd_err(c, ...) log_err(&(c)->log, __VA_ARGS__)
#define nd_info(c, ...) log_info(&(c)->log, __VA_ARGS__)
#define nd_dbg(c, ...) log_dbg(&(c)->log, __VA_ARGS__)

/* Parsed contents of a kernel "badblocks" attribute. */
struct nd_badblocks {
	struct badblock *list;
	int count;
	int cursor;
};

struct ndctl_bus {
	struct list_node node;
	struct ndctl_ctx *ctx;
	unsigned int id;
	char *devname; /* ndbusN */
	char *path;
	char *provider;
	bool details_read;
	unsigned long cmd_mask;
	unsigned long nfit_dsm_mask;
	bool has_nfit;
	unsigned int revision;
	int major, minor; /* of /dev/ndctlN; -1 until read */
	bool dimms_scanned, regions_scanned;
	struct list_head dimms;
	struct list_head regions;
};

struct ndctl_dimm {
	struct list_node node;
	struct ndctl_bus *bus;
	unsigned int id;
	char *devname; /* nmemN */
	char *path;
	bool cmds_read;
	unsigned long cmd_mask;
	int major, minor; /* of /dev/nmemN; -1 until read */
	/* NFIT identity, read together on first use */
	bool nfit_read;
	unsigned int handle;
	unsigned short phys_id, vendor, device, revision;
	unsigned short subsystem_vendor, subsystem_device, subsystem_revision;
	unsigned short manufacturing_date;
	unsigned char manufacturing_location;
	unsigned int serial;
	char *unique_id;
	int formats;
	unsigned short format[2];
	/* health flags, refreshed by ndctl_dimm_refresh_flags() */
	bool flags_read;
	unsigned int flags;
	/* NFIT command family and its function mask, read on first use */
	bool family_read;
	int family; /* NVDIMM_FAMILY_*, -1 when the DIMM has none */
	unsigned long dsm_mask;
	/* label geometry learnt from the last successful validation */
	unsigned int nsindex_size;
	unsigned int label_size;
};

/* bits of ndctl_dimm.flags */
enum {
	DIMM_F_SAVE_FAIL = 1 << 0,
	DIMM_F_RESTORE_FAIL = 1 << 1,
	DIMM_F_FLUSH_FAIL = 1 << 2,
	DIMM_F_NOT_ARMED = 1 << 3,
	DIMM_F_SMART_EVENT = 1 << 4,
	DIMM_F_MAP_FAIL = 1 << 5,
	DIMM_F_SMART_NOTIFY = 1 << 6,
	DIMM_F_LOCKED = 1 << 7,
	DIMM_F_ALIASED = 1 << 8,
};

struct ndctl_mapping {
	struct list_node node;
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	unsigned long long offset, length;
	int position;
};

struct ndctl_interleave_set {
	struct ndctl_region *region;
	unsigned long long cookie;
};

enum region_attr {
	REGION_ATTR_SIZE,
	REGION_ATTR_RESOURCE,
	REGION_ATTR_NSTYPE,
	REGION_ATTR_MAPPINGS,
	REGION_ATTR_NUMA,
	REGION_ATTR_TARGET,
	REGION_ATTR_RANGE,
	REGION_ATTR_COOKIE,
	REGION_ATTR_COUNT,
};

struct ndctl_region {
	struct list_node node;
	struct ndctl_bus *bus;
	unsigned int id;
	char *devname; /* regionN */
	char *path;
	unsigned int type; /* ND_DEVICE_REGION_*, 0 until read */
	/* attributes fixed for the device's life, each read on first use */
	unsigned int fixed_read;     /* bit per REGION_ATTR_* */
	int fixed_rc[REGION_ATTR_COUNT];
	unsigned long long fixed_val[REGION_ATTR_COUNT];
	struct ndctl_interleave_set iset;
	bool mappings_scanned;
	unsigned int num_mappings;
	struct list_head mappings;
	bool namespaces_scanned, btts_scanned, pfns_scanned, daxs_scanned;
	struct list_head namespaces;
	struct list_head btts;
	struct list_head pfns;
	struct list_head daxs;
	/* vanished children, kept until the region goes so pointers stay valid */
	struct list_head retired;
	struct nd_badblocks bb;
	/* the configuration lock (region-lock.c), -1 when not held */
	int lock_fd;
};

/*
 * Devices below a region (namespaces, btt, pfn, dax) come and go as the
 * kernel creates seeds and deletes idle devices; they share this header
 * so one routine keeps each list in step with the region's directory.
 */
struct nd_child {
	struct list_node node;
	struct ndctl_region *region;
	unsigned int id;
	char *devname;
	char *path;
	void (*release)(struct nd_child *child);
};

struct ndctl_namespace {
	struct nd_child ch;
	unsigned int type; /* ND_DEVICE_NAMESPACE_*, 0 until read */
	enum ndctl_namespace_mode enforce_mode;
	int raw_mode;
	char alt_name[SYSFS_ATTR_SIZE];
	char bdev[64];
	unsigned int *sector_sizes;
	int num_sector_sizes;
	struct nd_badblocks bb;
	/* injected error ranges, from the last ndctl_namespace_injection_status() */
	struct ndctl_bb *injected;
	int num_injected;
};

/* btt, pfn and dax devices share their sysfs shape */
enum nd_claim_kind { ND_CLAIM_BTT, ND_CLAIM_PFN, ND_CLAIM_DAX };

struct nd_claim {
	struct nd_child ch;
	enum nd_claim_kind kind;
	char bdev[64];
	/* supported values: sector sizes (btt) or alignments (pfn/dax) */
	unsigned long *choices;
	int num_choices;
};

struct ndctl_btt {
	struct nd_claim c;
};

struct ndctl_pfn {
	struct nd_claim c;
};

struct ndctl_dax {
	struct nd_claim c;
	struct daxctl_region *daxctl_region;
};

/* ctx.c / bus.c */
void nd_ctx_free_buses(struct ndctl_ctx *ctx);
void nd_bus_free(struct ndctl_bus *bus);
void nd_bus_free_regions(struct ndctl_bus *bus);
void nd_dimm_free(struct ndctl_dimm *dimm);
struct ndctl_dimm *nd_bus_find_dimm(struct ndctl_bus *bus, const char *devname);

/* sysfs-dir.c: helpers over the device directories */
char *nd_path_join(const char *dir, const char *name);
int nd_read_attr(struct ndctl_ctx *ctx, const char *dir, const char *attr,
		 char *buf);
int nd_read_u64(struct ndctl_ctx *ctx, const char *dir, const char *attr,
		unsigned long long *val);
int nd_read_s64(struct ndctl_ctx *ctx, const char *dir, const char *attr,
		long long *val);
int nd_write_attr(struct ndctl_ctx *ctx, const char *dir, const char *attr,
		  const char *val);
int nd_write_attr_quiet(struct ndctl_ctx *ctx, const char *dir,
			const char *attr, const char *val);
/*
 * Names in @dir of the form <prefix><digits>[.<digits>], naturally sorted.
 * Returns the count (>= 0) with *names malloc'ed, or a negative errno.
 */
int nd_scan_dir(const char *dir, const char *prefix, char ***names);
void nd_free_names(char **names, int count);
/* Parse the id in "<prefix>N" or the second number of "<prefix>N.M". */
int nd_name_id(const char *name, const char *prefix, unsigned int *id);
/* A "commands" attribute (space separated names) into a bitmask. */
unsigned long nd_parse_cmd_mask(const char *buf, bool dimm);
/* Bind / unbind through the device's driver link and the bus probe. */
int nd_device_is_enabled(const char *path);
int nd_device_enable(struct ndctl_ctx *ctx, const char *path,
		     const char *devname);
/* Ask the bus to probe @devname; whether it bound is the caller's check. */
int nd_device_probe(struct ndctl_ctx *ctx, const char *devname);
int nd_device_disable(struct ndctl_ctx *ctx, const char *path,
		      const char *devname);
/*
 * udev.c: nd_udev_arm before a bind starts listening to udev (if it runs);
 * nd_udev_settle after it waits, bounded, until udev has handled the
 * uevents the kernel sent meanwhile.  @what names the object in the log.
 */
void nd_udev_arm(struct ndctl_ctx *ctx);
void nd_udev_settle(struct ndctl_ctx *ctx, const char *what);
void nd_udev_free(struct ndctl_ctx *ctx);
/* badblocks attribute reader shared by regions and namespaces */
int nd_badblocks_load(struct ndctl_ctx *ctx, const char *path,
		      struct nd_badblocks *bb);
void nd_badblocks_clear(struct nd_badblocks *bb);
/* Block device name (pmem0, pmem0s) under <path>/block/, or -ENOENT. */
int nd_find_block(const char *path, char *buf, size_t len);

/*
 * Parse a "512 [4096] " style selection list (namespace.c).  Returns the
 * count with *out malloc'ed; the bracketed value goes to *cur if given.
 */
int nd_parse_select(const char *buf, unsigned long **out, unsigned long *cur);

/* region.c */
typedef struct nd_child *(*nd_child_new_fn)(struct ndctl_region *region,
					     const char *name);
/* Add new <prefix>N.M devices in natural order, retire vanished ones. */
void nd_region_sync(struct ndctl_region *region, struct list_head *list,
		    const char *prefix, nd_child_new_fn fn);
struct nd_child *nd_child_find(struct list_head *list, const char *devname);
int nd_child_init(struct nd_child *ch, struct ndctl_region *region,
		  const char *name, const char *prefix);
void nd_child_fini(struct nd_child *ch);
void nd_region_free(struct ndctl_region *region);
void nd_region_free_children(struct ndctl_region *region);
struct ndctl_ctx *nd_region_ctx(struct ndctl_region *region);

/* namespace.c */
void nd_namespace_free(struct ndctl_namespace *ndns);
struct ndctl_namespace *nd_region_find_namespace(struct ndctl_region *region,
						 const char *devname);

/* nfit-bus.c */
void nd_namespace_free_injected(struct ndctl_namespace *ndns);

/* claim.c (btt/pfn/dax common) */
void nd_claim_free(struct nd_claim *c);
/* disable the btt/pfn/dax and release the namespace it holds */
int nd_claim_delete(struct nd_claim *c);
struct nd_claim *nd_region_find_claim(struct ndctl_region *region,
				      enum nd_claim_kind kind,
				      const char *devname);
struct nd_claim *nd_claim_first(struct ndctl_region *region,
				enum nd_claim_kind kind);
struct nd_claim *nd_claim_next(struct nd_claim *c);

/* region-lock.c: the per-region configuration transaction */
int nd_region_lock(struct ndctl_region *region);
void nd_region_unlock(struct ndctl_region *region);

#endif
