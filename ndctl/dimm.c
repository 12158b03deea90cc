// SPDX-License-Identifier: GPL-2.0-only
/* enable-dimm, disable-dimm, and the DIMM iteration the label commands use */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "ndctl/builtin.h"
#include "ndctl/dimm.h"
#include "ndctl/filter.h"

int nd_for_each_dimm(struct ndctl_ctx *ctx, const char *prog, const char *bus,
		     const char **idents, int n,
		     int (*fn)(struct ndctl_dimm *dimm, void *arg), void *arg,
		     int *failed)
{
	struct nd_filter f = { .bus = bus };
	struct nd_sorted buses, dimms;
	int i, done = 0;
	size_t b, d;

	*failed = 0;
	for (i = 0; i < n; i++) {
		f.dimm = idents[i];
		if (nd_filter_check_exists(ctx, &f, prog))
			return -ENXIO;
	}
	if (nd_sorted_buses(ctx, &buses))
		return -ENOMEM;
	for (b = 0; b < buses.n; b++) {
		if (!nd_bus_match(buses.v[b].obj, bus) ||
		    nd_sorted_dimms(buses.v[b].obj, &dimms))
			continue;
		for (d = 0; d < dimms.n; d++) {
			bool hit = false;

			for (i = 0; i < n && !hit; i++)
				hit = nd_dimm_match(dimms.v[d].obj, idents[i]);
			if (!hit)
				continue;
			if (fn(dimms.v[d].obj, arg) < 0)
				(*failed)++;
			else
				done++;
		}
		nd_sorted_free(&dimms);
	}
	nd_sorted_free(&buses);
	return done;
}

void nd_quiet_library(struct ndctl_ctx *ctx, int verbose)
{
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	else if (!getenv("NDCTL_LOG"))
		ndctl_set_log_priority(ctx, LOG_CRIT);
}

int nd_dimm_check_unused(struct ndctl_dimm *dimm, const char *prog,
			 bool regions)
{
	struct ndctl_bus *bus = ndctl_dimm_get_bus(dimm);
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;
	struct ndctl_dimm *d;

	ndctl_region_foreach(bus, region) {
		bool uses = false;

		ndctl_dimm_foreach_in_region(region, d)
			uses |= d == dimm;
		if (!uses || !ndctl_region_is_enabled(region))
			continue;
		ndctl_namespace_foreach(region, ndns) {
			if (!ndctl_namespace_is_active(ndns))
				continue;
			fprintf(stderr, "%s: %s: namespace %s on %s is active; disable it first (or --force)\n",
				prog, ndctl_dimm_get_devname(dimm),
				ndctl_namespace_get_devname(ndns),
				ndctl_region_get_devname(region));
			return -EBUSY;
		}
		if (regions) {
			fprintf(stderr, "%s: %s: %s is enabled; disable the region first\n",
				prog, ndctl_dimm_get_devname(dimm),
				ndctl_region_get_devname(region));
			return -EBUSY;
		}
	}
	return 0;
}

static int enable_one(struct ndctl_dimm *dimm, void *arg)
{
	const char *prog = arg;
	int rc = ndctl_dimm_enable(dimm);

	if (rc < 0)
		fprintf(stderr, "%s: %s: %s\n", prog, ndctl_dimm_get_devname(dimm),
			strerror(-rc));
	return rc;
}

static int disable_one(struct ndctl_dimm *dimm, void *arg)
{
	const char *prog = arg;
	int rc;

	/* the established tool also refuses: a region still maps it */
	if (ndctl_dimm_is_active(dimm)) {
		fprintf(stderr, "%s: %s is active (an enabled region uses it); disable the region first\n",
			prog, ndctl_dimm_get_devname(dimm));
		return -EBUSY;
	}
	rc = ndctl_dimm_disable(dimm);
	if (rc < 0)
		fprintf(stderr, "%s: %s: %s\n", prog, ndctl_dimm_get_devname(dimm),
			strerror(-rc));
	return rc;
}

static int dimm_action(int argc, const char **argv, struct ndctl_ctx *ctx,
		       bool enable)
{
	const char *prog = enable ? "ndctl enable-dimm" : "ndctl disable-dimm";
	const char *usage[] = { enable ? "ndctl enable-dimm <nmem0> [<nmem1>..<nmemN>] [<options>]"
				       : "ndctl disable-dimm <nmem0> [<nmem1>..<nmemN>] [<options>]",
				NULL };
	const char *bus = NULL;
	int verbose = 0, n, done, failed;
	const struct option opts[] = {
		OPT_STRING('b', "bus", &bus, "bus-id",
			   "only DIMMs on the bus <bus-id> (id or provider)"),
		OPT_INCR('v', "verbose", &verbose, "turn on debug"),
		OPT_END(),
	};

	n = nd_parse_options(argc, argv, opts, usage, prog);
	if (n == 0) {
		fprintf(stderr, "%s: specify a dimm (nmemN) to act on, or 'all'\n",
			prog);
		return EXIT_USAGE;

	}
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	done = nd_for_each_dimm(ctx, prog, bus, argv, n,
				enable ? enable_one : disable_one, (void *)prog,
				&failed);
	if (done < 0)
		return 1;
	if (done || !failed)
		fprintf(stderr, "%s %d nmem%s\n",
			enable ? "enabled" : "disabled", done,
			done == 1 ? "" : "s");
	return failed ? 1 : 0;
}

int cmd_enable_dimm(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return dimm_action(argc, argv, ctx, true);
}

int cmd_disable_dimm(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return dimm_action(argc, argv, ctx, false);
}
