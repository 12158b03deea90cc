// SPDX-License-Identifier: GPL-2.0-only
/* ndctl list: the libnvdimm object tree as JSON. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/json.h"
#include "ndctl/ns-intent.h"
#include "ndctl/json-health.h"
#include "ndctl/json-firmware.h"

struct list_opts {
	bool buses, dimms, regions, namespaces;
	bool idle, configured, health, firmware, dax, capabilities;
	bool media_errors, human;
	int verbose;
};

/* Output being assembled by the walk callbacks. */
struct list_state {
	const struct list_opts *o;
	const struct nd_filter *f;
	unsigned long flags;
	struct json_object *jbuses;	/* -B: top level array */
	struct json_object *jbus;	/* current bus object, if -B */
	struct json_object *jdimms;	/* current dimm array */
	struct json_object *jregions;	/* current region array */
	struct json_object *jregion;	/* current region object, if -R */
	struct json_object *jnamespaces; /* current namespace array */
	struct json_object *jflat_ns;	/* namespaces with no container */
	int failed;
};

static bool list_bus(struct ndctl_bus *bus, void *arg)
{
	struct list_state *s = arg;

	if (!s->o->buses)
		return true;
	/* dimms, regions and namespaces below belong to this bus now */
	s->jdimms = s->jregions = s->jregion = s->jnamespaces = NULL;
	if (!s->jbuses)
		s->jbuses = json_object_new_array();
	s->jbus = nd_bus_to_json(bus, s->flags);
	if (!s->jbuses || !s->jbus) {
		s->failed = -ENOMEM;
		return false;
	}
	json_object_array_add(s->jbuses, s->jbus);
	if (s->o->firmware) {
		struct json_object *jfw = nd_bus_firmware_to_json(bus, s->flags);

		if (jfw)
			json_object_object_add(s->jbus, "firmware", jfw);
	}
	return true;
}

static bool want_dimm(struct list_state *s, struct ndctl_dimm *dimm)
{
	return s->o->idle || s->o->configured || ndctl_dimm_is_enabled(dimm);
}

static void list_dimm(struct ndctl_dimm *dimm, void *arg)
{
	struct list_state *s = arg;
	struct json_object *jdimm;

	if (!want_dimm(s, dimm))
		return;
	if (!s->jdimms) {
		s->jdimms = json_object_new_array();
		if (!s->jdimms) {
			s->failed = -ENOMEM;
			return;
		}
		if (s->jbus)
			json_object_object_add(s->jbus, "dimms", s->jdimms);
	}
	jdimm = nd_dimm_to_json(dimm, s->flags);
	if (!jdimm) {
		s->failed = -ENOMEM;
		return;
	}
	if (s->o->health) {
		/* no "health" for a DIMM without a SMART command */
		struct json_object *jh = nd_dimm_health_to_json(dimm, s->flags);

		if (jh)
			json_object_object_add(jdimm, "health", jh);
	}
	if (s->o->firmware) {
		struct json_object *jfw = nd_dimm_firmware_to_json(dimm, s->flags);

		if (jfw)
			json_object_object_add(jdimm, "firmware", jfw);
	}
	json_object_array_add(s->jdimms, jdimm);
}

static bool list_region(struct ndctl_region *region, void *arg)
{
	struct list_state *s = arg;
	struct json_object *jmappings = NULL, *jregion;
	struct ndctl_mapping *mapping;

	if (!s->o->regions) {
		s->jregion = NULL;
		return true;
	}
	if (!s->o->idle && !s->o->configured &&
	    !ndctl_region_is_enabled(region)) {
		/* a disabled region has no namespace devices to show */
		return false;
	}
	if (s->o->dimms) {
		ndctl_mapping_foreach(region, mapping) {
			struct ndctl_dimm *dimm = ndctl_mapping_get_dimm(mapping);

			if (!nd_dimm_match(dimm, s->f->dimm) ||
			    !want_dimm(s, dimm))
				continue;
			if (!jmappings)
				jmappings = json_object_new_array();
			if (jmappings)
				json_object_array_add(jmappings,
					nd_mapping_to_json(mapping, s->flags));
		}
	}
	if (!s->jregions) {
		s->jregions = json_object_new_array();
		if (!s->jregions) {
			json_object_put(jmappings);
			s->failed = -ENOMEM;
			return false;
		}
		if (s->jbus)
			json_object_object_add(s->jbus, "regions", s->jregions);
	}
	jregion = nd_region_to_json(region, jmappings, s->flags);
	if (!jregion) {
		s->failed = -ENOMEM;
		return false;
	}
	json_object_array_add(s->jregions, jregion);
	s->jregion = jregion;
	s->jnamespaces = NULL;	/* a fresh array per region */
	return true;
}

static void list_namespace(struct ndctl_namespace *ndns, void *arg)
{
	struct list_state *s = arg;
	struct json_object *container = s->jregion ? s->jregion : s->jbus;
	unsigned long long size = ndctl_namespace_get_size(ndns);
	struct json_object *jndns;

	if (!ndctl_namespace_is_active(ndns) && !s->o->idle &&
	    !(s->o->configured && size > 0 && size < ULLONG_MAX))
		return;
	if (!container) {
		if (!s->jflat_ns)
			s->jflat_ns = json_object_new_array();
		s->jnamespaces = s->jflat_ns;
	} else if (!s->jnamespaces) {
		s->jnamespaces = json_object_new_array();
		if (s->jnamespaces)
			json_object_object_add(container, "namespaces",
					       s->jnamespaces);
	}
	if (!s->jnamespaces) {
		s->failed = -ENOMEM;
		return;
	}
	jndns = nd_namespace_to_json(ndns, s->flags);
	if (!jndns) {
		s->failed = -ENOMEM;
		return;
	}
	json_object_array_add(s->jnamespaces, jndns);
}

static unsigned long opts_to_flags(const struct list_opts *o)
{
	unsigned long flags = 0;

	if (o->idle)
		flags |= UTIL_JSON_IDLE;
	if (o->human)
		flags |= UTIL_JSON_HUMAN;
	if (o->verbose)
		flags |= UTIL_JSON_VERBOSE;
	if (o->configured)
		flags |= ND_JSON_CONFIGURED;
	if (o->media_errors)
		flags |= ND_JSON_MEDIA_ERRORS;
	if (o->dax)
		flags |= ND_JSON_DAX;
	if (o->capabilities)
		flags |= ND_JSON_CAPABILITIES;
	return flags;
}

static void display(struct list_state *s)
{
	struct json_object *jdimms = s->jbuses ? NULL : s->jdimms;
	struct json_object *jregions = s->jbuses ? NULL : s->jregions;
	struct json_object *jns = s->jflat_ns;
	struct json_object *top;

	if (s->jbuses) {
		util_json_print_list(stdout, s->jbuses, s->flags);
		json_object_put(s->jbuses);
		return;
	}
	if (!!jdimms + !!jregions + !!jns > 1) {
		top = json_object_new_object();
		if (!top) {
			s->failed = -ENOMEM;
			return;
		}
		if (jdimms)
			json_object_object_add(top, "dimms", jdimms);
		if (jregions)
			json_object_object_add(top, "regions", jregions);
		if (jns)
			json_object_object_add(top, "namespaces", jns);
		util_json_print(stdout, top);
		json_object_put(top);
		return;
	}
	top = jdimms ? jdimms : jregions ? jregions : jns;
	if (top) {
		util_json_print_list(stdout, top, s->flags);
		json_object_put(top);
	}
}

int cmd_list(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = { "ndctl list [<options>]", NULL };
	struct nd_filter f = { 0 };
	struct list_opts o = { 0 };
	const struct option opts[] = {
		OPT_STRING('b', "bus", &f.bus, "bus-id", "only this bus (id or provider)"),
		OPT_STRING('r', "region", &f.region, "region-id",
			   "only this region"),
		OPT_STRING('d', "dimm", &f.dimm, "dimm-id", "only this DIMM"),
		OPT_STRING('n', "namespace", &f.namespace, "namespace-id",
			   "only this namespace (name or id)"),
		OPT_STRING('m', "mode", &f.mode, "namespace-mode",
			   "only namespaces in this mode"),
		OPT_STRING('t', "type", &f.type, "region-type",
			   "only regions of this type"),
		OPT_STRING('U', "numa-node", &f.numa_node, "numa node",
			   "only objects on this NUMA node"),
		OPT_BOOLEAN('B', "buses", &o.buses, "include bus info"),
		OPT_BOOLEAN('D', "dimms", &o.dimms, "include dimm info"),
		OPT_BOOLEAN('F', "firmware", &o.firmware,
			    "show DIMM firmware details"),
		OPT_BOOLEAN('H', "health", &o.health, "include dimm health"),
		OPT_BOOLEAN('R', "regions", &o.regions, "include region info"),
		OPT_BOOLEAN('N', "namespaces", &o.namespaces,
			    "show namespaces (the default)"),
		OPT_BOOLEAN('X', "device-dax", &o.dax,
			    "show device-dax details"),
		OPT_BOOLEAN('C', "capabilities", &o.capabilities,
			    "show what each region can hold (capabilities)"),
		OPT_BOOLEAN('i', "idle", &o.idle, "also list idle (disabled or empty) objects"),
		OPT_BOOLEAN('c', "configured", &o.configured,
			    "also list disabled and unconfigured objects"),
		OPT_BOOLEAN('M', "media-errors", &o.media_errors,
			    "show media errors (badblocks)"),
		OPT_BOOLEAN('u', "human", &o.human,
			    "human-readable sizes and hex addresses"),
		OPT_INCR('v', "verbose", &o.verbose, "more detail; repeat for more"),
		OPT_END(),
	};
	struct list_state s = { .o = &o, .f = &f };
	struct nd_walk w = { .arg = &s };
	int n, rc;

	n = nd_parse_options(argc, argv, opts, usage, "ndctl list");
	if (n > 0) {
		fprintf(stderr, "ndctl list: unexpected argument '%s'\n",
			argv[0]);
		return EXIT_USAGE;
	}

	if (!o.buses && !o.dimms && !o.regions && !o.namespaces) {
		/* a bare filter lists the kind of object it names */
		o.buses = !!f.bus;
		o.regions = !!f.region;
		o.dimms = !!f.dimm;
		if (o.dax && !f.mode)
			f.mode = "devdax";
	}
	/* each -v adds a level of detail on top of the previous one */
	if (o.verbose >= 3) {
		o.idle = o.firmware = o.health = o.capabilities = true;
	}
	if (o.verbose >= 2)
		o.dimms = o.buses = o.regions = true;
	if (o.verbose >= 1)
		o.media_errors = o.namespaces = o.dax = true;
	if (!o.buses && !o.dimms && !o.regions && !o.namespaces)
		o.namespaces = true;

	rc = nd_filter_prepare(&f, "ndctl list");
	if (rc)
		return rc == -EINVAL ? EXIT_USAGE : EXIT_FAIL;
	/*
	 * A name that matches nothing is a warning: the listing is simply
	 * empty, and scripts running under "set -e" keep going.
	 */
	rc = nd_filter_check_exists(ctx, &f, "ndctl list");
	if (rc && rc != -ENXIO)
		return EXIT_FAIL;

	s.flags = opts_to_flags(&o);
	w.bus = list_bus;
	w.dimm = o.dimms ? list_dimm : NULL;
	w.region = list_region;
	w.ns = o.namespaces ? list_namespace : NULL;
	rc = nd_filter_walk(ctx, &f, &w);
	if (!rc)
		rc = s.failed;
	if (rc) {
		fprintf(stderr, "ndctl list: %s\n", strerror(-rc));
		json_object_put(s.jbuses ? s.jbuses : NULL);
		return 1;
	}
	display(&s);
	/* half-states left by a killed reconfigure: say what they are */
	intent_report(NDCTL_INTENT_DIR, NULL, "ndctl list");
	return s.failed ? 1 : 0;
}
