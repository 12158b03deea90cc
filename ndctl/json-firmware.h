/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_JSON_FIRMWARE_H
#define NDCTL_JSON_FIRMWARE_H

#include <json-c/json.h>
#include <ndctl/libndctl.h>

/*
 * DIMM security and firmware keys of the listing, as the established
 * tool prints them.
 */

/* "security" (the state word) and "security_frozen"; nothing when the
 * DIMM has no security interface */
void nd_dimm_security_json(struct json_object *jdimm, struct ndctl_dimm *dimm);

/* list -F: the DIMM's "firmware" object (NULL when it reports none) */
struct json_object *nd_dimm_firmware_to_json(struct ndctl_dimm *dimm,
					     unsigned long flags);
/* the bus "firmware" object: activate_method, activate_state (NULL when
 * the bus cannot activate firmware at runtime) */
struct json_object *nd_bus_firmware_to_json(struct ndctl_bus *bus,
					    unsigned long flags);

/* words for the enums, or NULL for INVALID */
const char *nd_fwa_state_name(enum ndctl_fwa_state state);
const char *nd_fwa_method_name(enum ndctl_fwa_method method);
const char *nd_security_state_name(enum ndctl_security_state state);

#endif
