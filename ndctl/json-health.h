/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_JSON_HEALTH_H
#define NDCTL_JSON_HEALTH_H

#include <stdbool.h>
#include <json-c/json.h>
#include <ndctl/libndctl.h>

/*
 * A DIMM's health as one SMART and one SMART-threshold command report it.
 * Fields are meaningful only where the DIMM's validity flags say so.
 */
struct nd_health {
	int rc;			/* 0, or -errno: the SMART command failed */
	unsigned int flags;	/* ND_SMART_*_VALID */
	unsigned int health;	/* ND_SMART_*_HEALTH bits */
	unsigned int mtemp, ctemp;	/* 1/16 C, libndctl's encoding */
	unsigned int spares, life_used;
	unsigned int alarm_flags;	/* ND_SMART_*_TRIP */
	unsigned int shutdown_state, shutdown_count;
	bool have_threshold;	/* the threshold command succeeded */
	unsigned int alarm_control, supported_alarms;
	unsigned int thr_mtemp, thr_ctemp, thr_spares;
};

/*
 * Read @dimm's health.  Returns 0; -EOPNOTSUPP when the DIMM's family has
 * no SMART command (nothing to show); otherwise h->rc tells whether the
 * SMART command itself worked.
 */
int nd_health_read(struct ndctl_dimm *dimm, struct nd_health *h);

/*
 * "fatal", "critical", "non-critical" or "ok" from the health bits, the
 * most severe set bit winning; "unknown" when the command failed or the
 * DIMM marks its health invalid.
 */
const char *nd_health_state(const struct nd_health *h);

/* The "health" object of list -H (UTIL_JSON_* flags). */
struct json_object *nd_health_to_json(const struct nd_health *h,
				      unsigned long flags);

/* Read and convert: NULL when the DIMM has no SMART command. */
struct json_object *nd_dimm_health_to_json(struct ndctl_dimm *dimm,
					   unsigned long flags);

#endif
