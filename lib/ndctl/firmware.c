// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Firmware update and activation.  The update commands come from the
 * DIMM's family (family.h, struct nd_fw_ops); the commands after start
 * are built from a successful start command, which holds the context the
 * firmware handed out.  Activation is the kernel's: the bus and DIMM
 * "firmware" attribute groups and the NFIT bus's activation tunables.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

static const struct nd_fw_ops *dimm_fw(struct ndctl_dimm *dimm)
{
	const struct nd_family *fam = nd_dimm_family(dimm);

	return fam ? fam->fw : NULL;
}

NDCTL_EXPORT int ndctl_dimm_fw_update_supported(struct ndctl_dimm *dimm)
{
	const struct nd_fw_ops *fw = dimm_fw(dimm);
	struct ndctl_cmd *cmd;

	if (!fw)
		return -EOPNOTSUPP;
	/* buildable means the DIMM offers the function */
	cmd = fw->new_info(dimm);
	if (!cmd)
		return -EOPNOTSUPP;
	ndctl_cmd_unref(cmd);
	return 0;
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_dimm_cmd_new_fw_get_info(struct ndctl_dimm *dimm)
{
	const struct nd_fw_ops *fw = dimm_fw(dimm);

	return fw ? fw->new_info(dimm) : NULL;
}

NDCTL_EXPORT struct ndctl_cmd *
ndctl_dimm_cmd_new_fw_start_update(struct ndctl_dimm *dimm)
{
	const struct nd_fw_ops *fw = dimm_fw(dimm);

	return fw ? fw->new_start(dimm) : NULL;
}

/* A submitted, successful family command of @kind. */
static bool done(struct ndctl_cmd *cmd, enum nd_family_cmd kind)
{
	return cmd && cmd->fam && cmd->fam->fw && cmd->fam_kind == (int)kind &&
	       nd_cmd_succeeded(cmd);
}

static int start_context(struct ndctl_cmd *start, unsigned int *context)
{
	const void *out;
	size_t len;

	if (!done(start, ND_FAMILY_CMD_FW_START))
		return -EINVAL;
	out = nd_cmd_output(start, &len);
	return start->fam->fw->decode_context(out, len, context);
}

static struct ndctl_cmd *derive(struct ndctl_cmd *start, struct ndctl_cmd *cmd)
{
	if (cmd) {
		ndctl_cmd_ref(start);
		cmd->source = start;
	}
	return cmd;
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_dimm_cmd_new_fw_send(struct ndctl_cmd *start,
							  unsigned int offset,
							  unsigned int len,
							  void *data)
{
	unsigned int context;

	if (start_context(start, &context) < 0 || (!data && len))
		return NULL;
	return derive(start, start->fam->fw->new_send(start, context, offset,
						       len, data));
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_dimm_cmd_new_fw_finish(struct ndctl_cmd *start)
{
	unsigned int context;

	if (start_context(start, &context) < 0)
		return NULL;
	return derive(start, start->fam->fw->new_finish(start, context, false));
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_dimm_cmd_new_fw_abort(struct ndctl_cmd *start)
{
	unsigned int context;

	if (start_context(start, &context) < 0)
		return NULL;
	return derive(start, start->fam->fw->new_finish(start, context, true));
}

NDCTL_EXPORT struct ndctl_cmd *
ndctl_dimm_cmd_new_fw_finish_query(struct ndctl_cmd *start)
{
	unsigned int context;

	if (start_context(start, &context) < 0)
		return NULL;
	return derive(start, start->fam->fw->new_query(start, context));
}

static int info(struct ndctl_cmd *cmd, struct nd_fw_info *fi)
{
	const void *out;
	size_t len;

	memset(fi, 0, sizeof(*fi));
	if (!done(cmd, ND_FAMILY_CMD_FW_INFO))
		return -EINVAL;
	out = nd_cmd_output(cmd, &len);
	return cmd->fam->fw->decode_info(out, len, fi);
}

#define INFO_GETTER(type, field, bad)                                        \
	NDCTL_EXPORT type ndctl_cmd_fw_info_get_##field(struct ndctl_cmd *cmd) \
	{                                                                    \
		struct nd_fw_info fi;                                        \
		return info(cmd, &fi) < 0 ? (bad) : fi.field;                \
	}

INFO_GETTER(unsigned int, storage_size, UINT_MAX)
INFO_GETTER(unsigned int, max_send_len, UINT_MAX)
INFO_GETTER(unsigned int, query_interval, UINT_MAX)
INFO_GETTER(unsigned int, max_query_time, UINT_MAX)
INFO_GETTER(unsigned long long, run_version, ULLONG_MAX)
INFO_GETTER(unsigned long long, updated_version, ULLONG_MAX)

NDCTL_EXPORT unsigned int ndctl_cmd_fw_start_get_context(struct ndctl_cmd *cmd)
{
	unsigned int context;

	return start_context(cmd, &context) < 0 ? UINT_MAX : context;
}

NDCTL_EXPORT unsigned long long ndctl_cmd_fw_fquery_get_fw_rev(struct ndctl_cmd *cmd)
{
	unsigned long long rev;
	const void *out;
	size_t len;

	if (!done(cmd, ND_FAMILY_CMD_FW_QUERY))
		return ULLONG_MAX;
	out = nd_cmd_output(cmd, &len);
	return cmd->fam->fw->decode_fw_rev(out, len, &rev) < 0 ? ULLONG_MAX : rev;
}

/* Submitted: the status in the firmware's words; else FW_EUNKNOWN. */
NDCTL_EXPORT enum ND_FW_STATUS ndctl_cmd_fw_xlat_firmware_status(struct ndctl_cmd *cmd)
{
	if (!cmd || !cmd->fam || !cmd->fam->fw || cmd->status != 0 ||
	    cmd->fam_kind < ND_FAMILY_CMD_FW_INFO ||
	    cmd->fam_kind > ND_FAMILY_CMD_FW_QUERY)
		return FW_EUNKNOWN;
	return (enum ND_FW_STATUS)cmd->fam->fw->xlat(cmd);
}

/* The same as an errno, for ndctl_cmd_xlat_firmware_status(). */
int nd_fw_status_errno(int status)
{
	switch ((enum ND_FW_STATUS)status) {
	case FW_SUCCESS:
	case FW_ABORTED: /* the abort asked for happened */
		return 0;
	case FW_ENOTSUPP:
		return -EOPNOTSUPP;
	case FW_ENOTEXIST:
		return -ENODEV;
	case FW_EINVAL:
	case FW_EINVAL_CTX:
		return -EINVAL;
	case FW_EHWERR:
	case FW_EUNKNOWN:
		return -EIO;
	case FW_ERETRY:
		return -EAGAIN;
	case FW_ENORES:
		return -ENOSPC;
	case FW_ENOTREADY:
	case FW_EBUSY:
		return -EBUSY;
	case FW_ALREADY_DONE:
		return -EALREADY;
	case FW_EBADFW:
		return -EBADMSG;
	case FW_ESEQUENCE:
		return -EPROTO;
	}
	return -EIO;
}

/* ---- activation: the kernel's sysfs interface ---- */

static const char *const fwa_states[] = {
	[NDCTL_FWA_IDLE] = "idle",
	[NDCTL_FWA_ARMED] = "armed",
	[NDCTL_FWA_BUSY] = "busy",
	[NDCTL_FWA_ARM_OVERFLOW] = "overflow",
};

static enum ndctl_fwa_state read_fwa_state(struct ndctl_ctx *ctx,
					   const char *devpath)
{
	char dir[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	size_t i;

	snprintf(dir, sizeof(dir), "%s/firmware", devpath);
	if (nd_read_attr(ctx, dir, "activate", buf) < 0)
		return NDCTL_FWA_INVALID;
	for (i = 1; i < sizeof(fwa_states) / sizeof(fwa_states[0]); i++)
		if (strcmp(buf, fwa_states[i]) == 0)
			return (enum ndctl_fwa_state)i;
	return NDCTL_FWA_INVALID;
}

NDCTL_EXPORT enum ndctl_fwa_state ndctl_bus_get_fw_activate_state(struct ndctl_bus *bus)
{
	return bus ? read_fwa_state(bus->ctx, bus->path) : NDCTL_FWA_INVALID;
}

NDCTL_EXPORT enum ndctl_fwa_state
ndctl_dimm_get_fw_activate_state(struct ndctl_dimm *dimm)
{
	return dimm ? read_fwa_state(dimm->bus->ctx, dimm->path) :
		      NDCTL_FWA_INVALID;
}

/* "live" activates in place, "quiesce" with the system suspended. */
NDCTL_EXPORT enum ndctl_fwa_method
ndctl_bus_get_fw_activate_method(struct ndctl_bus *bus)
{
	char dir[PATH_MAX], buf[SYSFS_ATTR_SIZE];

	if (!bus)
		return NDCTL_FWA_METHOD_RESET;
	snprintf(dir, sizeof(dir), "%s/firmware", bus->path);
	if (nd_read_attr(bus->ctx, dir, "capability", buf) < 0)
		return NDCTL_FWA_METHOD_RESET;
	if (strcmp(buf, "live") == 0)
		return NDCTL_FWA_METHOD_LIVE;
	if (strcmp(buf, "quiesce") == 0)
		return NDCTL_FWA_METHOD_SUSPEND;
	return NDCTL_FWA_METHOD_RESET;
}

NDCTL_EXPORT enum ndctl_fwa_result
ndctl_dimm_get_fw_activate_result(struct ndctl_dimm *dimm)
{
	static const struct {
		const char *word;
		enum ndctl_fwa_result result;
	} results[] = {
		{ "none", NDCTL_FWA_RESULT_NONE },
		{ "success", NDCTL_FWA_RESULT_SUCCESS },
		{ "fail", NDCTL_FWA_RESULT_FAIL },
		{ "not_staged", NDCTL_FWA_RESULT_NOTSTAGED },
		{ "need_reset", NDCTL_FWA_RESULT_NEEDRESET },
	};
	char dir[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	size_t i;

	if (!dimm)
		return NDCTL_FWA_RESULT_INVALID;
	snprintf(dir, sizeof(dir), "%s/firmware", dimm->path);
	if (nd_read_attr(dimm->bus->ctx, dir, "result", buf) < 0)
		return NDCTL_FWA_RESULT_INVALID;
	for (i = 0; i < sizeof(results) / sizeof(results[0]); i++)
		if (strcmp(buf, results[i].word) == 0)
			return results[i].result;
	return NDCTL_FWA_RESULT_INVALID;
}

/* Arm or disarm, then report the state the DIMM is in afterwards. */
static enum ndctl_fwa_state dimm_arm(struct ndctl_dimm *dimm, const char *word)
{
	char dir[PATH_MAX];

	if (!dimm)
		return NDCTL_FWA_INVALID;
	snprintf(dir, sizeof(dir), "%s/firmware", dimm->path);
	if (nd_write_attr(dimm->bus->ctx, dir, "activate", word) < 0)
		return NDCTL_FWA_INVALID;
	return ndctl_dimm_get_fw_activate_state(dimm);
}

NDCTL_EXPORT enum ndctl_fwa_state ndctl_dimm_fw_activate_arm(struct ndctl_dimm *dimm)
{
	return dimm_arm(dimm, "arm");
}

NDCTL_EXPORT enum ndctl_fwa_state
ndctl_dimm_fw_activate_disarm(struct ndctl_dimm *dimm)
{
	return dimm_arm(dimm, "disarm");
}

NDCTL_EXPORT int ndctl_bus_activate_firmware(struct ndctl_bus *bus,
					     enum ndctl_fwa_method method)
{
	char dir[PATH_MAX];
	const char *word;

	if (!bus)
		return -EINVAL;
	switch (method) {
	case NDCTL_FWA_METHOD_LIVE:
		word = "live";
		break;
	case NDCTL_FWA_METHOD_SUSPEND:
		word = "quiesce";
		break;
	default:
		nd_err(bus->ctx, "%s: activation needs a reset (no runtime method)\n",
		       bus->devname);
		return -EINVAL;
	}
	snprintf(dir, sizeof(dir), "%s/firmware", bus->path);
	return nd_write_attr(bus->ctx, dir, "activate", word);
}

/* NFIT tunables of the activation: each 0 or 1 in nfit/<name>. */
static int nfit_tunable(struct ndctl_bus *bus, const char *name, int on)
{
	char dir[PATH_MAX];

	if (!bus)
		return -EINVAL;
	if (!ndctl_bus_has_nfit(bus))
		return -EOPNOTSUPP;
	snprintf(dir, sizeof(dir), "%s/nfit", bus->path);
	return nd_write_attr(bus->ctx, dir, name, on ? "1" : "0");
}

NDCTL_EXPORT int ndctl_bus_set_fw_activate_noidle(struct ndctl_bus *bus)
{
	return nfit_tunable(bus, "firmware_activate_noidle", 1);
}

NDCTL_EXPORT int ndctl_bus_clear_fw_activate_noidle(struct ndctl_bus *bus)
{
	return nfit_tunable(bus, "firmware_activate_noidle", 0);
}

NDCTL_EXPORT int ndctl_bus_set_fw_activate_nosuspend(struct ndctl_bus *bus)
{
	return nfit_tunable(bus, "firmware_activate_nosuspend", 1);
}

NDCTL_EXPORT int ndctl_bus_clear_fw_activate_nosuspend(struct ndctl_bus *bus)
{
	return nfit_tunable(bus, "firmware_activate_nosuspend", 0);
}
