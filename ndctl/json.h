/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_JSON_H
#define NDCTL_JSON_H

#include <json-c/json.h>
#include <ndctl/libndctl.h>

#include "util/json.h"

/*
 * What a listing includes beyond each object's basic keys.  The low bits
 * are util/json.h's shared UTIL_JSON_HUMAN / _IDLE / _VERBOSE.
 */
enum nd_json_flags {
	ND_JSON_MEDIA_ERRORS = 1 << 8,	/* "badblocks" arrays */
	ND_JSON_DAX = 1 << 9,		/* "daxregion" of devdax namespaces */
	ND_JSON_CAPABILITIES = 1 << 10,	/* region "capabilities" */
	ND_JSON_CONFIGURED = 1 << 11,	/* disabled but sized namespaces */
};

struct json_object *nd_bus_to_json(struct ndctl_bus *bus, unsigned long flags);
struct json_object *nd_dimm_to_json(struct ndctl_dimm *dimm,
				    unsigned long flags);
/* @jmappings (may be NULL) is adopted as the region's "mappings" */
struct json_object *nd_region_to_json(struct ndctl_region *region,
				      struct json_object *jmappings,
				      unsigned long flags);
struct json_object *nd_mapping_to_json(struct ndctl_mapping *mapping,
				       unsigned long flags);
struct json_object *nd_namespace_to_json(struct ndctl_namespace *ndns,
					 unsigned long flags);

#endif
