// SPDX-License-Identifier: GPL-2.0-only
/*
 * The security and firmware keys of "ndctl list": "security" and
 * "security_frozen" on every DIMM with a security interface, and with -F
 * the DIMM "firmware" object (running and staged versions, activation
 * state) and the bus "firmware" object (how and whether it can activate).
 */
#include <limits.h>
#include <syslog.h>

#include "ndctl/json-firmware.h"
#include "util/json.h"

static void add(struct json_object *obj, const char *key,
		struct json_object *val)
{
	if (val)
		json_object_object_add(obj, key, val);
}

const char *nd_security_state_name(enum ndctl_security_state state)
{
	switch (state) {
	case NDCTL_SECURITY_DISABLED:
		return "disabled";
	case NDCTL_SECURITY_UNLOCKED:
		return "unlocked";
	case NDCTL_SECURITY_LOCKED:
		return "locked";
	case NDCTL_SECURITY_FROZEN:
		return "frozen";
	case NDCTL_SECURITY_OVERWRITE:
		return "overwrite";
	default:
		return NULL;
	}
}

const char *nd_fwa_state_name(enum ndctl_fwa_state state)
{
	switch (state) {
	case NDCTL_FWA_IDLE:
		return "idle";
	case NDCTL_FWA_ARMED:
		return "armed";
	case NDCTL_FWA_BUSY:
		return "busy";
	case NDCTL_FWA_ARM_OVERFLOW:
		return "overflow";
	default:
		return NULL;
	}
}

const char *nd_fwa_method_name(enum ndctl_fwa_method method)
{
	switch (method) {
	case NDCTL_FWA_METHOD_RESET:
		return "reset";
	case NDCTL_FWA_METHOD_SUSPEND:
		return "suspend";
	case NDCTL_FWA_METHOD_LIVE:
		return "live";
	}
	return NULL;
}

void nd_dimm_security_json(struct json_object *jdimm, struct ndctl_dimm *dimm)
{
	const char *word = nd_security_state_name(ndctl_dimm_get_security(dimm));

	if (!word)
		return;
	add(jdimm, "security", json_object_new_string(word));
	if (ndctl_dimm_security_is_frozen(dimm))
		add(jdimm, "security_frozen", json_object_new_boolean(1));
}

static const char *fwa_result_name(enum ndctl_fwa_result result)
{
	switch (result) {
	case NDCTL_FWA_RESULT_NOTSTAGED:
		return "not_staged";
	case NDCTL_FWA_RESULT_NEEDRESET:
		return "need_reset";
	case NDCTL_FWA_RESULT_FAIL:
		return "fail";
	default:
		/* none / success: nothing for the user to act on */
		return NULL;
	}
}

struct json_object *nd_dimm_firmware_to_json(struct ndctl_dimm *dimm,
					     unsigned long flags)
{
	struct ndctl_cmd *cmd = ndctl_dimm_cmd_new_fw_get_info(dimm);
	struct json_object *jfw = NULL;
	unsigned long long run, next;
	enum ndctl_fwa_state state;
	enum ndctl_fwa_result result;

	struct ndctl_ctx *ctx = ndctl_dimm_get_ctx(dimm);
	int prio = ndctl_get_log_priority(ctx), rc;

	if (!cmd)
		return NULL;
	/* a DIMM without the info command has no firmware object: no error */
	if (prio < LOG_DEBUG)
		ndctl_set_log_priority(ctx, LOG_CRIT);
	rc = ndctl_cmd_submit(cmd);
	ndctl_set_log_priority(ctx, prio);
	if (rc < 0 || ndctl_cmd_fw_xlat_firmware_status(cmd) != FW_SUCCESS)
		goto out;
	run = ndctl_cmd_fw_info_get_run_version(cmd);
	next = ndctl_cmd_fw_info_get_updated_version(cmd);
	if (run == ULLONG_MAX || next == ULLONG_MAX)
		goto out;
	jfw = json_object_new_object();
	if (!jfw)
		goto out;
	add(jfw, "current_version", util_json_new_hex(run, flags));
	add(jfw, "can_update",
	    json_object_new_boolean(ndctl_dimm_fw_update_supported(dimm) == 0));
	if (!next)
		goto out;	/* nothing staged: nothing to activate */
	add(jfw, "next_version", util_json_new_hex(next, flags));
	state = ndctl_dimm_get_fw_activate_state(dimm);
	result = ndctl_dimm_get_fw_activate_result(dimm);
	if (nd_fwa_state_name(state))
		add(jfw, "activate_state",
		    json_object_new_string(nd_fwa_state_name(state)));
	if (fwa_result_name(result))
		add(jfw, "activate_result",
		    json_object_new_string(fwa_result_name(result)));
	/*
	 * A staged image that cannot be activated at runtime (no activation
	 * interface, or the last activation said so) waits for a power cycle.
	 */
	if (state == NDCTL_FWA_INVALID || result == NDCTL_FWA_RESULT_NEEDRESET)
		add(jfw, "need_powercycle", json_object_new_boolean(1));
out:
	ndctl_cmd_unref(cmd);
	return jfw;
}

struct json_object *nd_bus_firmware_to_json(struct ndctl_bus *bus,
					    unsigned long flags)
{
	enum ndctl_fwa_state state = ndctl_bus_get_fw_activate_state(bus);
	struct json_object *jfw;

	(void)flags;
	if (!nd_fwa_state_name(state))
		return NULL;
	jfw = json_object_new_object();
	if (!jfw)
		return NULL;
	add(jfw, "activate_method", json_object_new_string(nd_fwa_method_name(
				ndctl_bus_get_fw_activate_method(bus))));
	/* the established tool leaves a busy (cooling down) state out */
	if (state != NDCTL_FWA_BUSY)
		add(jfw, "activate_state",
		    json_object_new_string(nd_fwa_state_name(state)));
	return jfw;
}
