// SPDX-License-Identifier: GPL-2.0-only
/*
 * The "health" object of ndctl list -H, inject-smart and monitor: one
 * SMART command and one SMART-threshold command through libndctl's
 * family-neutral accessors.  A field the DIMM marks invalid is left out.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "ndctl/json-health.h"
#include "util/json.h"

int nd_health_read(struct ndctl_dimm *dimm, struct nd_health *h)
{
	struct ndctl_cmd *cmd;
	int rc;

	memset(h, 0, sizeof(*h));
	cmd = ndctl_dimm_cmd_new_smart(dimm);
	if (!cmd)
		return -EOPNOTSUPP;
	rc = ndctl_cmd_submit_xlat(cmd);
	if (rc == 0) {
		h->flags = ndctl_cmd_smart_get_flags(cmd);
		if (h->flags == UINT_MAX)	/* the payload did not decode */
			rc = -EIO;
	}
	if (rc < 0) {
		h->rc = rc;
		ndctl_cmd_unref(cmd);
		return 0;
	}
	h->health = ndctl_cmd_smart_get_health(cmd);
	h->mtemp = ndctl_cmd_smart_get_media_temperature(cmd);
	h->ctemp = ndctl_cmd_smart_get_ctrl_temperature(cmd);
	h->spares = ndctl_cmd_smart_get_spares(cmd);
	h->life_used = ndctl_cmd_smart_get_life_used(cmd);
	h->alarm_flags = ndctl_cmd_smart_get_alarm_flags(cmd);
	h->shutdown_state = ndctl_cmd_smart_get_shutdown_state(cmd);
	h->shutdown_count = ndctl_cmd_smart_get_shutdown_count(cmd);
	ndctl_cmd_unref(cmd);

	/* thresholds are optional: a DIMM without them still has health */
	cmd = ndctl_dimm_cmd_new_smart_threshold(dimm);
	if (cmd && ndctl_cmd_submit_xlat(cmd) == 0) {
		h->alarm_control = ndctl_cmd_smart_threshold_get_alarm_control(cmd);
		h->thr_mtemp = ndctl_cmd_smart_threshold_get_media_temperature(cmd);
		h->thr_ctemp = ndctl_cmd_smart_threshold_get_ctrl_temperature(cmd);
		h->thr_spares = ndctl_cmd_smart_threshold_get_spares(cmd);
		h->supported_alarms =
			ndctl_cmd_smart_threshold_get_supported_alarms(cmd);
		h->have_threshold = h->alarm_control != UINT_MAX;
	}
	ndctl_cmd_unref(cmd);
	return 0;
}

const char *nd_health_state(const struct nd_health *h)
{
	if (h->rc || !(h->flags & ND_SMART_HEALTH_VALID))
		return "unknown";
	if (h->health & ND_SMART_FATAL_HEALTH)
		return "fatal";
	if (h->health & ND_SMART_CRITICAL_HEALTH)
		return "critical";
	if (h->health & ND_SMART_NON_CRITICAL_HEALTH)
		return "non-critical";
	return "ok";
}

static void add(struct json_object *obj, const char *key,
		struct json_object *val)
{
	if (val)
		json_object_object_add(obj, key, val);
}

static struct json_object *temp_json(unsigned int t)
{
	return json_object_new_double(ndctl_decode_smart_temperature(t));
}

static struct json_object *bool_json(bool b)
{
	return json_object_new_boolean(b);
}

struct json_object *nd_health_to_json(const struct nd_health *h,
				      unsigned long flags)
{
	struct json_object *jh = json_object_new_object();
	unsigned int f = h->flags;
	bool alarms = f & ND_SMART_ALARM_VALID;

	(void)flags;
	if (!jh)
		return NULL;
	add(jh, "health_state", json_object_new_string(nd_health_state(h)));
	if (h->rc)
		return jh;
	if (f & ND_SMART_MTEMP_VALID)
		add(jh, "temperature_celsius", temp_json(h->mtemp));
	if (f & ND_SMART_CTEMP_VALID)
		add(jh, "controller_temperature_celsius", temp_json(h->ctemp));
	if (f & ND_SMART_SPARES_VALID)
		add(jh, "spares_percentage", json_object_new_int(h->spares));
	if (alarms) {
		/* an alarm only exists for a value the DIMM reports */
		if (f & ND_SMART_MTEMP_VALID)
			add(jh, "alarm_temperature",
			    bool_json(h->alarm_flags & ND_SMART_MTEMP_TRIP));
		if (f & ND_SMART_CTEMP_VALID)
			add(jh, "alarm_controller_temperature",
			    bool_json(h->alarm_flags & ND_SMART_CTEMP_TRIP));
		if (f & ND_SMART_SPARES_VALID)
			add(jh, "alarm_spares",
			    bool_json(h->alarm_flags & ND_SMART_SPARE_TRIP));
	}
	if (h->have_threshold) {
		unsigned int ac = h->alarm_control;
		unsigned int sup = h->supported_alarms;

		/* thresholds of alarms the family cannot set are not shown */
		if (sup & ND_SMART_MTEMP_TRIP) {
			add(jh, "alarm_enabled_media_temperature",
			    bool_json(ac & ND_SMART_MTEMP_TRIP));
			add(jh, "temperature_threshold", temp_json(h->thr_mtemp));
		}
		if (sup & ND_SMART_CTEMP_TRIP) {
			add(jh, "alarm_enabled_ctrl_temperature",
			    bool_json(ac & ND_SMART_CTEMP_TRIP));
			add(jh, "controller_temperature_threshold",
			    temp_json(h->thr_ctemp));
		}
		if (sup & ND_SMART_SPARE_TRIP) {
			add(jh, "alarm_enabled_spares",
			    bool_json(ac & ND_SMART_SPARE_TRIP));
			add(jh, "spares_threshold",
			    json_object_new_int(h->thr_spares));
		}
	}
	if (f & ND_SMART_USED_VALID)
		add(jh, "life_used_percentage", json_object_new_int(h->life_used));
	if (f & ND_SMART_SHUTDOWN_VALID)
		add(jh, "shutdown_state", json_object_new_string(
				   h->shutdown_state ? "dirty" : "clean"));
	if (f & ND_SMART_SHUTDOWN_COUNT_VALID)
		add(jh, "shutdown_count",
		    util_json_new_u64(h->shutdown_count));
	return jh;
}

struct json_object *nd_dimm_health_to_json(struct ndctl_dimm *dimm,
					   unsigned long flags)
{
	struct nd_health h;

	if (nd_health_read(dimm, &h) < 0)
		return NULL;
	return nd_health_to_json(&h, flags);
}
