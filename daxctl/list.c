// SPDX-License-Identifier: GPL-2.0-only
/* daxctl list: regions and devices as JSON. */
#include <stdio.h>
#include <string.h>

#include <daxctl/libdaxctl.h>

#include "daxctl/builtin.h"
#include "daxctl/device.h"
#include "daxctl/filter.h"
#include "daxctl/json.h"

static struct {
	const char *region, *dev;
	bool regions, devs, mappings, idle, human;
	int verbose;
} p;

static const struct option list_options_table[] = {
	OPT_STRING('r', "region", &p.region, "region-id",
		   "filter by region (id, regionN or all)"),
	OPT_STRING('d', "dev", &p.dev, "dev-id",
		   "filter by device (daxR.N, R.N or all)"),
	OPT_BOOLEAN('D', "devices", &p.devs, "include devices"),
	OPT_BOOLEAN('R', "regions", &p.regions, "include regions"),
	OPT_BOOLEAN('M', "mappings", &p.mappings,
		    "include device mappings (implies -D)"),
	OPT_BOOLEAN('i', "idle", &p.idle, "include idle (zero-size) devices"),
	OPT_BOOLEAN('u', "human", &p.human,
		    "human friendly sizes and hex addresses"),
	OPT_INCR('v', "verbose", &p.verbose, "more library messages"),
	OPT_END(),
};

/* devices that matched -d, listed or not: tells "none" from "all idle" */
static int matched_devs;

static bool dev_listed(struct daxctl_dev *dev)
{
	matched_devs++;
	return p.idle || daxctl_dev_get_size(dev) != 0;
}

/* Add the listed devices of @region to @arr; returns how many. */
static int add_devs(struct daxctl_region *region, struct json_object *arr,
		    unsigned long flags)
{
	struct dax_list devs;
	size_t i;
	int n = 0;

	if (collect_devs(region, p.dev, &devs))
		return -1;
	for (i = 0; i < devs.n; i++) {
		struct json_object *j;

		if (!dev_listed(devs.items[i]))
			continue;
		j = dax_dev_to_json(devs.items[i], flags);
		if (j) {
			json_object_array_add(arr, j);
			n++;
		}
	}
	dax_list_free(&devs);
	return n;
}

int cmd_list(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	static const char *const usage[] = { "daxctl list [<options>]", NULL };
	struct json_object *out;
	struct dax_list regions;
	unsigned long flags = 0;
	size_t i;
	int n;

	n = cmd_parse_options(argc, argv, list_options_table, usage, "list");
	if (n > 0) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", cmd_prefix,
			argv[0]);
		return EXIT_USAGE;
	}
	if (!region_ident_valid(p.region)) {
		fprintf(stderr, "%s: invalid region '%s' (expected <id>, region<id> or all)\n",
			cmd_prefix, p.region);
		return EXIT_USAGE;
	}
	if (!dev_ident_valid(p.dev)) {
		fprintf(stderr, "%s: invalid device '%s' (expected dax<region>.<id>, <region>.<id> or all)\n",
			cmd_prefix, p.dev);
		return EXIT_USAGE;
	}
	cmd_set_verbose(ctx, p.verbose);
	if (p.mappings)
		p.devs = true;
	/* as established: -r alone lists regions, -d devices; -r -d both */
	if (!p.regions && !p.devs) {
		p.regions = p.region != NULL;
		p.devs = p.dev != NULL || !p.region;
	}
	if (p.human)
		flags |= UTIL_JSON_HUMAN;
	if (p.mappings)
		flags |= DAX_JSON_MAPPINGS;

	if (collect_regions(ctx, p.region, &regions)) {
		fprintf(stderr, "%s: out of memory\n", cmd_prefix);
		return EXIT_FAIL;
	}
	out = json_object_new_array();
	for (i = 0; out && i < regions.n; i++) {
		struct daxctl_region *region = regions.items[i];
		struct json_object *jr, *jdevs;

		if (!p.regions) {
			add_devs(region, out, flags);
			continue;
		}
		jr = dax_region_to_json(region, flags);
		if (!jr)
			continue;
		if (p.devs) {
			jdevs = json_object_new_array();
			n = jdevs ? add_devs(region, jdevs, flags) : 0;
			if (n > 0)
				json_object_object_add(jr, "devices", jdevs);
			else
				json_object_put(jdevs);
			/* a device filter hides regions without a match */
			if (n <= 0 && p.dev && strcmp(p.dev, "all") != 0) {
				json_object_put(jr);
				continue;
			}
		}
		json_object_array_add(out, jr);
	}
	if (!out) {
		dax_list_free(&regions);
		fprintf(stderr, "%s: out of memory\n", cmd_prefix);
		return EXIT_FAIL;
	}
	/* the established tool prints nothing; say why on stderr */
	if (p.region && strcmp(p.region, "all") != 0 && regions.n == 0)
		fprintf(stderr, "%s: no region matches '%s'\n", cmd_prefix,
			p.region);
	else if (p.dev && strcmp(p.dev, "all") != 0 && matched_devs == 0)
		fprintf(stderr, "%s: no device matches '%s'\n", cmd_prefix,
			p.dev);
	dax_list_free(&regions);
	util_json_print_list(stdout, out, flags);
	json_object_put(out);
	/* half-states left by a killed create or reconfigure: say what */
	intent_forget_missing(DAXCTL_INTENT_DIR, "/sys/bus/dax/devices");
	intent_report(DAXCTL_INTENT_DIR, NULL, cmd_prefix);
	return EXIT_OK;
}
