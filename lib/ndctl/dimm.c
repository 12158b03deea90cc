// SPDX-License-Identifier: LGPL-2.1-or-later
/* DIMMs (nmemN): identity, health flags, enable/disable. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

void nd_dimm_free(struct ndctl_dimm *dimm)
{
	free(dimm->unique_id);
	free(dimm->devname);
	free(dimm->path);
	free(dimm);
}

/* Discovery costs no attribute reads: everything is read on first use. */
static struct ndctl_dimm *add_dimm(struct ndctl_bus *bus, const char *name)
{
	struct ndctl_dimm *dimm;

	dimm = calloc(1, sizeof(*dimm));
	if (!dimm)
		return NULL;
	dimm->bus = bus;
	dimm->major = dimm->minor = -1;
	dimm->handle = UINT_MAX;
	if (nd_name_id(name, "nmem", &dimm->id) < 0)
		goto err;
	dimm->devname = strdup(name);
	dimm->path = nd_path_join(bus->path, name);
	if (!dimm->devname || !dimm->path)
		goto err;
	return dimm;
err:
	nd_dimm_free(dimm);
	return NULL;
}

static void scan_dimms(struct ndctl_bus *bus)
{
	char **names;
	int n, i;

	if (bus->dimms_scanned)
		return;
	bus->dimms_scanned = true;
	n = nd_scan_dir(bus->path, "nmem", &names);
	if (n < 0)
		return;
	for (i = 0; i < n; i++) {
		struct ndctl_dimm *dimm = add_dimm(bus, names[i]);

		if (dimm)
			list_add_tail(&bus->dimms, &dimm->node);
	}
	nd_free_names(names, n);
}

struct ndctl_dimm *nd_bus_find_dimm(struct ndctl_bus *bus, const char *devname)
{
	struct ndctl_dimm *dimm;

	ndctl_dimm_foreach(bus, dimm)
		if (strcmp(dimm->devname, devname) == 0)
			return dimm;
	return NULL;
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_dimm_get_first(struct ndctl_bus *bus)
{
	if (!bus)
		return NULL;
	scan_dimms(bus);
	return list_first(&bus->dimms, struct ndctl_dimm, node);
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_dimm_get_next(struct ndctl_dimm *dimm)
{
	return dimm ? list_next(&dimm->bus->dimms, dimm, node) : NULL;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_dimm_get_ctx(struct ndctl_dimm *dimm)
{
	return dimm ? dimm->bus->ctx : NULL;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_dimm_get_bus(struct ndctl_dimm *dimm)
{
	return dimm ? dimm->bus : NULL;
}

NDCTL_EXPORT const char *ndctl_dimm_get_devname(struct ndctl_dimm *dimm)
{
	return dimm ? dimm->devname : NULL;
}

NDCTL_EXPORT unsigned int ndctl_dimm_get_id(struct ndctl_dimm *dimm)
{
	return dimm ? dimm->id : UINT_MAX;
}

static void read_devnum(struct ndctl_dimm *dimm)
{
	char buf[SYSFS_ATTR_SIZE];
	unsigned int maj, min;

	if (dimm->major >= 0)
		return;
	if (nd_read_attr(dimm->bus->ctx, dimm->path, "dev", buf) == 0 &&
	    sscanf(buf, "%u:%u", &maj, &min) == 2) {
		dimm->major = (int)maj;
		dimm->minor = (int)min;
	}
}

NDCTL_EXPORT unsigned int ndctl_dimm_get_major(struct ndctl_dimm *dimm)
{
	if (!dimm)
		return 0;
	read_devnum(dimm);
	return dimm->major >= 0 ? (unsigned int)dimm->major : 0;
}

NDCTL_EXPORT unsigned int ndctl_dimm_get_minor(struct ndctl_dimm *dimm)
{
	if (!dimm)
		return 0;
	read_devnum(dimm);
	return dimm->minor >= 0 ? (unsigned int)dimm->minor : 0;
}

static unsigned long long nfit_u64(struct ndctl_dimm *dimm, const char *dir,
				   const char *attr, unsigned long long dflt)
{
	unsigned long long v;

	if (nd_read_u64(dimm->bus->ctx, dir, attr, &v) < 0)
		return dflt;
	return v;
}

/*
 * The NFIT identity never changes while the DIMM exists, so it is read
 * once, all together, the first time any part of it is asked for.
 */
static void load_nfit(struct ndctl_dimm *dimm)
{
	struct ndctl_ctx *ctx = dimm->bus->ctx;
	char buf[SYSFS_ATTR_SIZE];
	unsigned int v, loc, date, ser;
	char *dir;

	if (dimm->nfit_read)
		return;
	dimm->nfit_read = true;
	dimm->phys_id = dimm->vendor = dimm->device = dimm->revision = USHRT_MAX;
	dimm->subsystem_vendor = dimm->subsystem_device = USHRT_MAX;
	dimm->subsystem_revision = dimm->manufacturing_date = USHRT_MAX;
	dimm->manufacturing_location = UCHAR_MAX;
	dimm->serial = UINT_MAX;
	dir = nd_path_join(dimm->path, "nfit");
	if (!dir || access(dir, F_OK) != 0) {
		free(dir);
		return;
	}
	dimm->handle = (unsigned int)nfit_u64(dimm, dir, "handle", UINT_MAX);
	dimm->phys_id = (unsigned short)nfit_u64(dimm, dir, "phys_id", USHRT_MAX);
	dimm->vendor = (unsigned short)nfit_u64(dimm, dir, "vendor", USHRT_MAX);
	dimm->device = (unsigned short)nfit_u64(dimm, dir, "device", USHRT_MAX);
	dimm->revision = (unsigned short)nfit_u64(dimm, dir, "rev_id", USHRT_MAX);
	dimm->subsystem_vendor =
		(unsigned short)nfit_u64(dimm, dir, "subsystem_vendor", USHRT_MAX);
	dimm->subsystem_device =
		(unsigned short)nfit_u64(dimm, dir, "subsystem_device", USHRT_MAX);
	dimm->subsystem_revision =
		(unsigned short)nfit_u64(dimm, dir, "subsystem_rev_id", USHRT_MAX);
	dimm->serial = (unsigned int)nfit_u64(dimm, dir, "serial", UINT_MAX);
	dimm->formats = (int)nfit_u64(dimm, dir, "formats", 0);
	if (dimm->formats > 2)
		dimm->formats = 2;
	dimm->format[0] = (unsigned short)nfit_u64(dimm, dir, "format", USHRT_MAX);
	dimm->format[1] = (unsigned short)nfit_u64(dimm, dir, "format1", USHRT_MAX);
	/* a published format code is one format, whatever "formats" says */
	if (dimm->formats < 1 && dimm->format[0] != USHRT_MAX)
		dimm->formats = 1;
	/*
	 * "id" is vendor-location-date-serial when the NFIT marks location
	 * and date valid, else just vendor-serial.
	 */
	if (nd_read_attr(ctx, dir, "id", buf) == 0) {
		dimm->unique_id = strdup(buf);
		if (sscanf(buf, "%x-%x-%x-%x", &v, &loc, &date, &ser) == 4) {
			dimm->manufacturing_location = (unsigned char)loc;
			dimm->manufacturing_date = (unsigned short)date;
		}
	}
	free(dir);
}

#define NFIT_GETTER(type, field, dflt)                                       \
	NDCTL_EXPORT type ndctl_dimm_get_##field(struct ndctl_dimm *dimm)    \
	{                                                                    \
		if (!dimm)                                                   \
			return dflt;                                         \
		load_nfit(dimm);                                             \
		return dimm->field;                                          \
	}

NFIT_GETTER(unsigned int, handle, UINT_MAX)
NFIT_GETTER(unsigned short, phys_id, USHRT_MAX)
NFIT_GETTER(unsigned short, vendor, USHRT_MAX)
NFIT_GETTER(unsigned short, device, USHRT_MAX)
NFIT_GETTER(unsigned short, revision, USHRT_MAX)
NFIT_GETTER(unsigned short, subsystem_vendor, USHRT_MAX)
NFIT_GETTER(unsigned short, subsystem_device, USHRT_MAX)
NFIT_GETTER(unsigned short, subsystem_revision, USHRT_MAX)
NFIT_GETTER(unsigned short, manufacturing_date, USHRT_MAX)
NFIT_GETTER(unsigned char, manufacturing_location, UCHAR_MAX)
NFIT_GETTER(unsigned int, serial, UINT_MAX)
NFIT_GETTER(const char *, unique_id, NULL)
NFIT_GETTER(int, formats, 0)

NDCTL_EXPORT unsigned short ndctl_dimm_get_format(struct ndctl_dimm *dimm)
{
	if (!dimm)
		return USHRT_MAX;
	load_nfit(dimm);
	return dimm->format[0];
}

NDCTL_EXPORT int ndctl_dimm_get_formatN(struct ndctl_dimm *dimm, int i)
{
	if (!dimm)
		return -EINVAL;
	load_nfit(dimm);
	if (i < 0 || i >= dimm->formats)
		return -EINVAL;
	return dimm->format[i];
}

NDCTL_EXPORT long long ndctl_dimm_get_dirty_shutdown(struct ndctl_dimm *dimm)
{
	long long v;
	char *dir;
	int rc;

	if (!dimm)
		return -EINVAL;
	dir = nd_path_join(dimm->path, "nfit");
	if (!dir)
		return -ENOMEM;
	rc = nd_read_s64(dimm->bus->ctx, dir, "dirty_shutdown", &v);
	free(dir);
	return rc < 0 ? rc : v;
}

/* NFIT device handle: node[27:16] socket[15:12] imc[11:8] chan[7:4] dimm[3:0] */
NDCTL_EXPORT unsigned int ndctl_dimm_handle_get_node(struct ndctl_dimm *dimm)
{
	return (ndctl_dimm_get_handle(dimm) >> 16) & 0xfff;
}

NDCTL_EXPORT unsigned int ndctl_dimm_handle_get_socket(struct ndctl_dimm *dimm)
{
	return (ndctl_dimm_get_handle(dimm) >> 12) & 0xf;
}

NDCTL_EXPORT unsigned int ndctl_dimm_handle_get_imc(struct ndctl_dimm *dimm)
{
	return (ndctl_dimm_get_handle(dimm) >> 8) & 0xf;
}

NDCTL_EXPORT unsigned int ndctl_dimm_handle_get_channel(struct ndctl_dimm *dimm)
{
	return (ndctl_dimm_get_handle(dimm) >> 4) & 0xf;
}

NDCTL_EXPORT unsigned int ndctl_dimm_handle_get_dimm(struct ndctl_dimm *dimm)
{
	return ndctl_dimm_get_handle(dimm) & 0xf;
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_dimm_get_by_handle(struct ndctl_bus *bus,
							 unsigned int handle)
{
	struct ndctl_dimm *dimm;

	ndctl_dimm_foreach(bus, dimm)
		if (ndctl_dimm_get_handle(dimm) == handle)
			return dimm;
	return NULL;
}

NDCTL_EXPORT const char *ndctl_dimm_get_cmd_name(struct ndctl_dimm *dimm,
						 int cmd)
{
	if (cmd < 0)
		return "unknown";
	return nvdimm_cmd_name((unsigned int)cmd);
}

NDCTL_EXPORT int ndctl_dimm_is_cmd_supported(struct ndctl_dimm *dimm, int cmd)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!dimm || cmd < 0 || cmd >= (int)(sizeof(dimm->cmd_mask) * 8))
		return 0;
	if (!dimm->cmds_read) {
		dimm->cmds_read = true;
		if (nd_read_attr(dimm->bus->ctx, dimm->path, "commands", buf) == 0)
			dimm->cmd_mask = nd_parse_cmd_mask(buf, true);
	}
	return !!(dimm->cmd_mask & (1UL << cmd));
}

static const struct {
	const char *word;
	unsigned int bit;
} flag_words[] = {
	{ "save_fail", DIMM_F_SAVE_FAIL },
	{ "restore_fail", DIMM_F_RESTORE_FAIL },
	{ "flush_fail", DIMM_F_FLUSH_FAIL },
	{ "not_armed", DIMM_F_NOT_ARMED },
	{ "smart_event", DIMM_F_SMART_EVENT },
	{ "map_fail", DIMM_F_MAP_FAIL },
	{ "smart_notify", DIMM_F_SMART_NOTIFY },
	{ "lock", DIMM_F_LOCKED },
	{ "label", DIMM_F_ALIASED },
};

static unsigned int parse_flag_words(const char *buf)
{
	unsigned int flags = 0;
	const char *s = buf;
	size_t i, len;

	while (*s) {
		while (*s == ' ')
			s++;
		len = strcspn(s, " ");
		if (!len)
			break;
		for (i = 0; i < sizeof(flag_words) / sizeof(flag_words[0]); i++)
			if (strlen(flag_words[i].word) == len &&
			    strncmp(flag_words[i].word, s, len) == 0)
				flags |= flag_words[i].bit;
		s += len;
	}
	return flags;
}

/* nfit/flags carries the firmware's health bits, flags the kernel's own. */
NDCTL_EXPORT void ndctl_dimm_refresh_flags(struct ndctl_dimm *dimm)
{
	struct ndctl_ctx *ctx;
	char buf[SYSFS_ATTR_SIZE];
	char *dir;

	if (!dimm)
		return;
	ctx = dimm->bus->ctx;
	dimm->flags = 0;
	dimm->flags_read = true;
	if (nd_read_attr(ctx, dimm->path, "flags", buf) == 0)
		dimm->flags |= parse_flag_words(buf);
	dir = nd_path_join(dimm->path, "nfit");
	if (dir && nd_read_attr(ctx, dir, "flags", buf) == 0)
		dimm->flags |= parse_flag_words(buf);
	free(dir);
}

static int dimm_flag(struct ndctl_dimm *dimm, unsigned int bit)
{
	if (!dimm)
		return 0;
	if (!dimm->flags_read)
		ndctl_dimm_refresh_flags(dimm);
	return !!(dimm->flags & bit);
}

NDCTL_EXPORT int ndctl_dimm_locked(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_LOCKED);
}

NDCTL_EXPORT int ndctl_dimm_aliased(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_ALIASED);
}

NDCTL_EXPORT int ndctl_dimm_has_errors(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_SAVE_FAIL | DIMM_F_RESTORE_FAIL |
				       DIMM_F_FLUSH_FAIL | DIMM_F_NOT_ARMED |
				       DIMM_F_MAP_FAIL);
}

NDCTL_EXPORT int ndctl_dimm_has_notifications(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_SMART_NOTIFY);
}

NDCTL_EXPORT int ndctl_dimm_failed_save(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_SAVE_FAIL);
}

NDCTL_EXPORT int ndctl_dimm_failed_arm(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_NOT_ARMED);
}

NDCTL_EXPORT int ndctl_dimm_failed_restore(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_RESTORE_FAIL);
}

NDCTL_EXPORT int ndctl_dimm_failed_map(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_MAP_FAIL);
}

NDCTL_EXPORT int ndctl_dimm_smart_pending(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_SMART_EVENT);
}

NDCTL_EXPORT int ndctl_dimm_failed_flush(struct ndctl_dimm *dimm)
{
	return dimm_flag(dimm, DIMM_F_FLUSH_FAIL);
}

/* "active": some enabled region is using the DIMM. */
NDCTL_EXPORT int ndctl_dimm_is_active(struct ndctl_dimm *dimm)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!dimm || nd_read_attr(dimm->bus->ctx, dimm->path, "state", buf) < 0)
		return 0;
	return strcmp(buf, "active") == 0;
}

NDCTL_EXPORT int ndctl_dimm_is_enabled(struct ndctl_dimm *dimm)
{
	return dimm ? nd_device_is_enabled(dimm->path) : 0;
}

NDCTL_EXPORT int ndctl_dimm_enable(struct ndctl_dimm *dimm)
{
	if (!dimm)
		return -EINVAL;
	return nd_device_enable(dimm->bus->ctx, dimm->path, dimm->devname);
}

NDCTL_EXPORT int ndctl_dimm_disable(struct ndctl_dimm *dimm)
{
	if (!dimm)
		return -EINVAL;
	if (ndctl_dimm_is_active(dimm)) {
		nd_err(dimm->bus->ctx, "%s: still in use by a region\n",
		       dimm->devname);
		return -EBUSY;
	}
	return nd_device_disable(dimm->bus->ctx, dimm->path, dimm->devname);
}

NDCTL_EXPORT unsigned long ndctl_dimm_get_available_labels(struct ndctl_dimm *dimm)
{
	unsigned long long v;

	if (!dimm)
		return ULONG_MAX;
	if (nd_read_u64(dimm->bus->ctx, dimm->path, "available_slots", &v) < 0)
		return ULONG_MAX;
	return (unsigned long)v;
}

/*
 * The family of DIMM-specific commands (nfit/family, absent or unreadable
 * for DIMMs without one) and the functions of it the platform offers.
 * papr_scm DIMMs have no nfit/ directory: their family is PAPR, and the
 * functions are the PDSMs the kernel driver implements.
 */
int nd_dimm_get_family(struct ndctl_dimm *dimm, unsigned long *dsm_mask)
{
	unsigned long long v;
	char *dir;

	if (!dimm->family_read) {
		dimm->family_read = true;
		dimm->family = -1;
		dir = nd_path_join(dimm->path, "nfit");
		if (dir && access(dir, F_OK) == 0 &&
		    nd_read_u64(dimm->bus->ctx, dir, "family", &v) == 0 &&
		    v <= NVDIMM_FAMILY_MAX) {
			dimm->family = (int)v;
			if (nd_read_u64(dimm->bus->ctx, dir, "dsm_mask", &v) == 0)
				dimm->dsm_mask = (unsigned long)v;
		} else if (ndctl_bus_is_papr_scm(dimm->bus)) {
			dimm->family = NVDIMM_FAMILY_PAPR;
			dimm->dsm_mask = nd_papr_pdsm_mask;
		}
		free(dir);
	}
	if (dsm_mask)
		*dsm_mask = dimm->dsm_mask;
	return dimm->family;
}
