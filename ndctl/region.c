// SPDX-License-Identifier: GPL-2.0-only
/* enable-region, disable-region */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/inuse.h"

/* Refuse to pull a region out from under a mounted or onlined namespace. */
static int region_user(struct ndctl_region *region, char *buf, size_t len)
{
	struct ndctl_namespace *ndns;
	char user[200];

	ndctl_namespace_foreach(region, ndns)
		if (nd_namespace_user(ndns, user, sizeof(user))) {
			snprintf(buf, len, "%s: %s",
				 ndctl_namespace_get_devname(ndns), user);
			return 1;
		}
	return 0;
}

static int region_action(int argc, const char **argv, struct ndctl_ctx *ctx,
			 bool enable)
{
	const char *prog = enable ? "ndctl enable-region" : "ndctl disable-region";
	const char *usage[] = { enable ? "ndctl enable-region <region> [<options>]"
				       : "ndctl disable-region <region> [<options>]",
				NULL };
	struct nd_filter f = { 0 };
	bool force = false;
	int verbose = 0;
	struct option opts[] = {
		OPT_STRING('b', "bus", &f.bus, "bus-id",
			   "only regions on the bus <bus-id> (id or provider)"),
		OPT_STRING('t', "type", &f.type, "region-type",
			   "only regions of this type (pmem or volatile)"),
		OPT_INCR('v', "verbose", &verbose, "turn on debug"),
		OPT_BOOLEAN('f', "force", &force,
			    "disable even if a namespace is mounted or online as memory"),
		OPT_END(),
	};
	struct nd_sorted buses, regions;
	int n, i, count = 0, failed = 0;
	size_t b, r;
	char user[256];

	if (enable)
		opts[3] = (struct option)OPT_END();
	n = nd_parse_options(argc, argv, opts, usage, prog);
	if (n == 0) {
		fprintf(stderr, "%s: specify a region to act on, or 'all'\n", prog);
		return EXIT_USAGE;
	}
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (nd_filter_prepare(&f, prog))
		return EXIT_USAGE;	/* a bad --type */

	for (i = 0; i < n; i++) {
		f.region = argv[i];
		if (nd_filter_check_exists(ctx, &f, prog))
			return 1;
	}
	if (nd_sorted_buses(ctx, &buses))
		return 1;
	for (b = 0; b < buses.n; b++) {
		if (!nd_bus_match(buses.v[b].obj, f.bus) ||
		    nd_sorted_regions(buses.v[b].obj, &regions))
			continue;
		for (r = 0; r < regions.n; r++) {
			struct ndctl_region *region = regions.v[r].obj;
			const char *dev = ndctl_region_get_devname(region);
			bool hit = false;
			int rc;

			for (i = 0; i < n && !hit; i++)
				hit = nd_region_match(region, argv[i]);
			if (!hit || (f.region_type &&
				     ndctl_region_get_type(region) != f.region_type))
				continue;
			if (enable) {
				rc = ndctl_region_enable(region);
			} else if (!force &&
				   region_user(region, user, sizeof(user))) {
				fprintf(stderr, "%s: %s: %s; use --force to disable anyway\n",
					prog, dev, user);
				failed++;
				continue;
			} else {
				rc = ndctl_region_disable_invalidate(region);
			}
			if (rc < 0) {
				fprintf(stderr, "%s: %s: %s\n", prog, dev,
					strerror(-rc));
				failed++;
			} else
				count++;
		}
		nd_sorted_free(&regions);
	}
	nd_sorted_free(&buses);
	if (count || !failed)
		fprintf(stderr, "%s %d region%s\n",
			enable ? "enabled" : "disabled", count,
			count == 1 ? "" : "s");
	return failed ? 1 : 0;
}

int cmd_enable_region(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return region_action(argc, argv, ctx, true);
}

int cmd_disable_region(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return region_action(argc, argv, ctx, false);
}
