// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Address range scrub and clear-error: bus commands over a system
 * physical address range.  An ars_cap command describes what the
 * platform can do for a range (the status buffer size it needs, the unit
 * errors are cleared in, the scrub types); ars_start, ars_status and
 * clear_error are built from a successful ars_cap and keep a reference
 * to it.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "cmd.h"

#define FW_STATUS_OFF(type) offsetof(type, status)

static struct nd_cmd_ars_cap *cap_of(struct ndctl_cmd *cmd)
{
	return (struct nd_cmd_ars_cap *)cmd->buf;
}

static struct nd_cmd_ars_status *stat_of(struct ndctl_cmd *cmd)
{
	return (struct nd_cmd_ars_status *)cmd->buf;
}

static bool is_done(struct ndctl_cmd *cmd, int type)
{
	return cmd && cmd->type == type && !cmd->dimm && cmd->status == 0;
}

/* A successful ars_cap: the only base the other ARS commands accept. */
static bool cap_usable(struct ndctl_cmd *cap)
{
	if (!is_done(cap, ND_CMD_ARS_CAP))
		return false;
	if (nd_cmd_xlat_dsm_status(cap->firmware_status) != 0) {
		nd_dbg(nd_cmd_ctx(cap), "%s: ars_cap failed: status %#x\n",
		       cap->bus->devname, cap->firmware_status);
		return false;
	}
	return true;
}

static struct ndctl_cmd *new_bus_cmd(struct ndctl_bus *bus, int type,
				     size_t size, size_t fw_off,
				     const struct nd_cmd_ops *ops)
{
	if (!ndctl_bus_is_cmd_supported(bus, type)) {
		nd_dbg(bus->ctx, "%s: no %s support\n", bus->devname,
		       nvdimm_bus_cmd_name((unsigned int)type));
		return NULL;
	}
	return nd_cmd_alloc(bus, NULL, type, size, fw_off, ops);
}

static struct ndctl_cmd *derive(struct ndctl_cmd *cap, int type, size_t size,
				size_t fw_off, const struct nd_cmd_ops *ops)
{
	struct ndctl_cmd *cmd = new_bus_cmd(cap->bus, type, size, fw_off, ops);

	if (cmd) {
		ndctl_cmd_ref(cap);
		cmd->source = cap;
	}
	return cmd;
}

NDCTL_EXPORT struct ndctl_cmd *
ndctl_bus_cmd_new_ars_cap(struct ndctl_bus *bus, unsigned long long address,
			  unsigned long long len)
{
	struct nd_cmd_ars_cap *cap;
	struct ndctl_cmd *cmd;

	if (!bus)
		return NULL;
	if (!len || address + len < address) {
		nd_err(bus->ctx, "%s: ars_cap: invalid range %#llx+%#llx\n",
		       bus->devname, address, len);
		return NULL;
	}
	/*
	 * Firmware may not check the range (nfit_test ignores it): refuse
	 * one that does not start and end in the bus's regions.
	 */
	if (!ndctl_bus_get_region_by_physical_address(bus, address) ||
	    !ndctl_bus_get_region_by_physical_address(bus, address + len - 1)) {
		nd_err(bus->ctx, "%s: ars_cap: %#llx+%#llx is outside the bus's regions\n",
		       bus->devname, address, len);
		return NULL;
	}
	cmd = new_bus_cmd(bus, ND_CMD_ARS_CAP, sizeof(*cap),
			  FW_STATUS_OFF(struct nd_cmd_ars_cap), NULL);
	if (!cmd)
		return NULL;
	cap = cap_of(cmd);
	cap->address = address;
	cap->length = len;
	return cmd;
}

NDCTL_EXPORT unsigned int ndctl_cmd_ars_cap_get_size(struct ndctl_cmd *ars_cap)
{
	return cap_usable(ars_cap) ? cap_of(ars_cap)->max_ars_out : 0;
}

NDCTL_EXPORT unsigned int
ndctl_cmd_ars_cap_get_clear_unit(struct ndctl_cmd *ars_cap)
{
	return cap_usable(ars_cap) ? cap_of(ars_cap)->clear_err_unit : 0;
}

/* The range the capability describes: the one it was asked about. */
NDCTL_EXPORT int ndctl_cmd_ars_cap_get_range(struct ndctl_cmd *ars_cap,
					     struct ndctl_range *range)
{
	if (!range || !cap_usable(ars_cap))
		return -EINVAL;
	range->address = cap_of(ars_cap)->address;
	range->length = cap_of(ars_cap)->length;
	return 0;
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_bus_cmd_new_ars_start(struct ndctl_cmd *ars_cap,
							   int type)
{
	struct nd_cmd_ars_start *start;
	unsigned int offered;
	struct ndctl_cmd *cmd;

	if (!cap_usable(ars_cap))
		return NULL;
	/* the extended status of ars_cap says which scrub types exist */
	offered = ars_cap->firmware_status >> 16;
	if (!type || (type & ~(ND_ARS_VOLATILE | ND_ARS_PERSISTENT)) ||
	    (type & offered) != (unsigned int)type) {
		nd_err(nd_cmd_ctx(ars_cap),
		       "%s: ars_start: scrub type %#x not offered (%#x)\n",
		       ars_cap->bus->devname, type, offered);
		return NULL;
	}
	cmd = derive(ars_cap, ND_CMD_ARS_START, sizeof(*start),
		     FW_STATUS_OFF(struct nd_cmd_ars_start), NULL);
	if (!cmd)
		return NULL;
	start = (struct nd_cmd_ars_start *)cmd->buf;
	start->address = cap_of(ars_cap)->address;
	start->length = cap_of(ars_cap)->length;
	start->type = (uint16_t)type;
	return cmd;
}

static int ars_status_xlat(struct ndctl_cmd *cmd)
{
	/* extended status 1 (in progress) is a valid answer, not an error */
	return nd_cmd_xlat_dsm_status(cmd->firmware_status & 0xffff);
}

static const struct nd_cmd_ops ars_status_ops = { .xlat = ars_status_xlat };

NDCTL_EXPORT struct ndctl_cmd *ndctl_bus_cmd_new_ars_status(struct ndctl_cmd *ars_cap)
{
	size_t size = ndctl_cmd_ars_cap_get_size(ars_cap);
	struct ndctl_cmd *cmd;

	if (size < sizeof(struct nd_cmd_ars_status)) {
		if (ars_cap)
			nd_err(nd_cmd_ctx(ars_cap),
			       "%s: ars_status: no usable ars_cap (size %zu)\n",
			       ars_cap->bus->devname, size);
		return NULL;
	}
	cmd = derive(ars_cap, ND_CMD_ARS_STATUS, size,
		     FW_STATUS_OFF(struct nd_cmd_ars_status), &ars_status_ops);
	if (!cmd)
		return NULL;
	/*
	 * The kernel sizes the transfer from out_length, counted as in ACPI
	 * from the start of the output: the whole buffer.
	 */
	stat_of(cmd)->out_length = (uint32_t)size;
	return cmd;
}

static bool stat_usable(struct ndctl_cmd *cmd)
{
	return is_done(cmd, ND_CMD_ARS_STATUS) &&
	       ars_status_xlat(cmd) == 0;
}

NDCTL_EXPORT int ndctl_cmd_ars_in_progress(struct ndctl_cmd *ars_status)
{
	if (!stat_usable(ars_status))
		return 0;
	return (ars_status->firmware_status >> 16) == 1;
}

/* Records the firmware claims that also fit the buffer we gave it. */
NDCTL_EXPORT unsigned int ndctl_cmd_ars_num_records(struct ndctl_cmd *ars_stat)
{
	size_t room;
	unsigned int n;

	if (!stat_usable(ars_stat))
		return 0;
	room = (ars_stat->size - sizeof(struct nd_cmd_ars_status)) /
	       sizeof(struct nd_ars_record);
	n = stat_of(ars_stat)->num_records;
	return n > room ? (unsigned int)room : n;
}

static struct nd_ars_record *record(struct ndctl_cmd *ars_stat,
				    unsigned int idx)
{
	if (idx >= ndctl_cmd_ars_num_records(ars_stat))
		return NULL;
	return &stat_of(ars_stat)->records[idx];
}

NDCTL_EXPORT unsigned long long
ndctl_cmd_ars_get_record_addr(struct ndctl_cmd *ars_stat, unsigned int rec_index)
{
	struct nd_ars_record *r = record(ars_stat, rec_index);

	return r ? r->err_address : 0;
}

NDCTL_EXPORT unsigned long long
ndctl_cmd_ars_get_record_len(struct ndctl_cmd *ars_stat, unsigned int rec_index)
{
	struct nd_ars_record *r = record(ars_stat, rec_index);

	return r ? r->length : 0;
}

NDCTL_EXPORT int ndctl_cmd_ars_stat_get_flag_overflow(struct ndctl_cmd *ars_stat)
{
	if (!stat_usable(ars_stat))
		return -ENXIO;
	/* ACPI: bit 0 of the status flags, more errors than records */
	return !!(stat_of(ars_stat)->flags & 1);
}

NDCTL_EXPORT struct ndctl_cmd *
ndctl_bus_cmd_new_clear_error(unsigned long long address,
			      unsigned long long len, struct ndctl_cmd *ars_cap)
{
	struct nd_cmd_clear_error *clear;
	struct nd_cmd_ars_cap *cap;
	struct ndctl_cmd *cmd;
	unsigned int unit;

	if (!cap_usable(ars_cap))
		return NULL;
	cap = cap_of(ars_cap);
	unit = cap->clear_err_unit;
	if (!len || address + len < address || address < cap->address ||
	    address + len > cap->address + cap->length) {
		nd_err(nd_cmd_ctx(ars_cap),
		       "%s: clear_error: %#llx+%#llx outside the ars_cap range %#llx+%#llx\n",
		       ars_cap->bus->devname, address, len,
		       (unsigned long long)cap->address,
		       (unsigned long long)cap->length);
		return NULL;
	}
	if (unit && (address % unit || len % unit)) {
		nd_err(nd_cmd_ctx(ars_cap),
		       "%s: clear_error: %#llx+%#llx not aligned to the %u-byte clear unit\n",
		       ars_cap->bus->devname, address, len, unit);
		return NULL;
	}
	cmd = derive(ars_cap, ND_CMD_CLEAR_ERROR, sizeof(*clear),
		     FW_STATUS_OFF(struct nd_cmd_clear_error), NULL);
	if (!cmd)
		return NULL;
	clear = (struct nd_cmd_clear_error *)cmd->buf;
	clear->address = address;
	clear->length = len;
	return cmd;
}

NDCTL_EXPORT unsigned long long
ndctl_cmd_clear_error_get_cleared(struct ndctl_cmd *clear_err)
{
	if (!is_done(clear_err, ND_CMD_CLEAR_ERROR) ||
	    nd_cmd_xlat_dsm_status(clear_err->firmware_status) != 0)
		return 0;
	return ((struct nd_cmd_clear_error *)clear_err->buf)->cleared;
}
