// SPDX-License-Identifier: GPL-2.0-only
/*
 * clear-errors: clear the known media errors (region badblocks) under
 * namespaces with the bus's ARS-capabilities + clear-error commands.
 *
 * What the kernel (drivers/nvdimm/bus.c) does around a bus CLEAR_ERROR
 * decides how each mode is handled:
 *  - after a successful clear it forgets the range in the bus's list and
 *    clears it from the region badblocks itself;
 *  - it refuses (EBUSY) a clear that covers an active pmem (raw or fsdax)
 *    namespace, and that driver keeps a private badblocks list, filled at
 *    probe, which a bus clear does not update;
 *  - device-dax instances are not checked, and keep no list of their own.
 * So raw and fsdax namespaces are disabled around the clear and enabled
 * again (their list is rebuilt from the pruned bus list), which needs them
 * unused, while devdax namespaces are cleared in place and stay enabled
 * (they may be mapped or onlined as system RAM, the main reason to clear
 * a devdax namespace at all).  Sector mode is not supported: the btt maps
 * sectors, so a bad block cannot be cleared without its data.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <ndctl/ndctl.h>

#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/inuse.h"
#include "ndctl/json.h"
#include "ndctl/media.h"

#define PROG "ndctl clear-errors"

struct err_range {
	unsigned long long addr, len;	/* system address, bytes */
};

struct clear_job {
	struct ndctl_namespace *ndns;
	bool cycle;			/* disable around the clear */
	struct err_range *errs;
	size_t nerrs;
	unsigned long long cleared;	/* bytes */
};

struct collect {
	struct ndctl_namespace **v;
	size_t n;
	int failed;
};

static void collect_ns(struct ndctl_namespace *ndns, void *arg)
{
	struct collect *c = arg;
	unsigned long long size = ndctl_namespace_get_size(ndns);
	struct ndctl_namespace **v;

	/* the idle seed of a region is no namespace to clear */
	if (!ndctl_namespace_is_active(ndns) && (!size || size == ULLONG_MAX))
		return;
	v = realloc(c->v, (c->n + 1) * sizeof(*v));
	if (!v) {
		c->failed = -ENOMEM;
		return;
	}
	c->v = v;
	c->v[c->n++] = ndns;
}

/* Named by an operand other than "all"? */
static bool named(struct ndctl_namespace *ndns, int n, const char **argv)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(argv[i], "all") != 0 &&
		    nd_namespace_match(ndns, argv[i]))
			return true;
	return false;
}

static int add_error(unsigned long long addr, unsigned long long len, void *arg)
{
	struct clear_job *j = arg;
	struct err_range *v;

	v = realloc(j->errs, (j->nerrs + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	j->errs = v;
	v[j->nerrs].addr = addr;
	v[j->nerrs].len = len;
	j->nerrs++;
	return 0;
}

/* The region's errors inside [begin, begin + size), as system ranges. */
static int find_errors(struct clear_job *j, unsigned long long begin,
		       unsigned long long size)
{
	return nd_region_errors_in(ndctl_namespace_get_region(j->ndns), begin,
				   size, add_error, j);
}

/*
 * Everything that could refuse is checked here, before anything changes.
 * Returns 1 for a job with errors to clear, 0 for nothing to do, or a
 * negative errno after one line on stderr.
 */
static int plan(struct clear_job *j, bool explicit)
{
	struct ndctl_namespace *ndns = j->ndns;
	struct ndctl_bus *bus = ndctl_namespace_get_bus(ndns);
	const char *dev = ndctl_namespace_get_devname(ndns);
	enum ndctl_namespace_mode mode = ndctl_namespace_get_mode(ndns);
	bool active = ndctl_namespace_is_active(ndns);
	unsigned long long begin, size;
	char user[256];
	int rc;

	if (active && mode == NDCTL_NS_MODE_SECTOR) {
		if (!explicit)
			return 0;	/* "all" passes over sector namespaces */
		fprintf(stderr, PROG ": %s: sector mode is not supported (the btt remaps its blocks)\n",
			dev);
		return -EOPNOTSUPP;
	}
	if (active) {
		rc = nd_namespace_data_range(ndns, &begin, &size);
	} else {
		/* a disabled namespace is all raw capacity, metadata too */
		begin = ndctl_namespace_get_resource(ndns);
		size = ndctl_namespace_get_size(ndns);
		rc = begin == ULLONG_MAX || size == ULLONG_MAX ? -ENXIO : 0;
	}
	if (rc) {
		fprintf(stderr, PROG ": %s: the kernel shows no address range for it\n",
			dev);
		return rc;
	}
	rc = find_errors(j, begin, size);
	if (rc) {
		fprintf(stderr, PROG ": %s: %s\n", dev, strerror(-rc));
		return rc;
	}
	if (!j->nerrs)
		return 0;
	if (!ndctl_bus_is_cmd_supported(bus, ND_CMD_ARS_CAP) ||
	    !ndctl_bus_is_cmd_supported(bus, ND_CMD_CLEAR_ERROR)) {
		fprintf(stderr, PROG ": %s: bus %s (%s) cannot clear media errors (no ARS capabilities / clear error command)\n",
			dev, ndctl_bus_get_devname(bus),
			ndctl_bus_get_provider(bus));
		return -EOPNOTSUPP;
	}
	if (active && mode != NDCTL_NS_MODE_DEVDAX) {
		if (nd_namespace_user(ndns, user, sizeof(user))) {
			fprintf(stderr, PROG ": %s: %s; it must be disabled around the clear\n",
				dev, user);
			return -EBUSY;
		}
		j->cycle = true;
	}
	return 1;
}

/* One error range: ARS capabilities over it, then clear-error. */
static int clear_range(struct ndctl_bus *bus, const char *dev,
		       const struct err_range *r, unsigned long long *cleared)
{
	unsigned long long addr = r->addr, end = r->addr + r->len, done;
	struct ndctl_cmd *cap, *clr;
	unsigned int unit;
	int rc;

	cap = ndctl_bus_cmd_new_ars_cap(bus, addr, r->len);
	if (!cap) {
		fprintf(stderr, PROG ": %s: cannot build the ARS capabilities command\n",
			dev);
		return -ENOMEM;
	}
	rc = ndctl_cmd_submit_xlat(cap);
	if (rc < 0) {
		fprintf(stderr, PROG ": %s: ARS capabilities for %#llx+%#llx failed: %s\n",
			dev, r->addr, r->len, strerror(-rc));
		ndctl_cmd_unref(cap);
		return rc;
	}
	/* the platform clears whole units: round the range out to them */
	unit = ndctl_cmd_ars_cap_get_clear_unit(cap);
	if (unit > 1 && !(unit & (unit - 1))) {
		addr &= ~((unsigned long long)unit - 1);
		end = (end + unit - 1) & ~((unsigned long long)unit - 1);
	}
	clr = ndctl_bus_cmd_new_clear_error(addr, end - addr, cap);
	if (!clr) {
		fprintf(stderr, PROG ": %s: cannot build the clear error command for %#llx+%#llx\n",
			dev, addr, end - addr);
		ndctl_cmd_unref(cap);
		return -ENOMEM;
	}
	rc = ndctl_cmd_submit_xlat(clr);
	done = rc < 0 ? 0 : ndctl_cmd_clear_error_get_cleared(clr);
	ndctl_cmd_unref(clr);
	ndctl_cmd_unref(cap);
	if (rc < 0) {
		fprintf(stderr, PROG ": %s: clear error at %#llx+%#llx failed: %s\n",
			dev, addr, end - addr, strerror(-rc));
		return rc;
	}
	*cleared += done;
	if (done < end - addr) {
		fprintf(stderr, PROG ": %s: the platform cleared %llu of %llu bytes at %#llx\n",
			dev, done, end - addr, addr);
		return -EIO;
	}
	return 0;
}

static int run_job(struct clear_job *j)
{
	struct ndctl_bus *bus = ndctl_namespace_get_bus(j->ndns);
	const char *dev = ndctl_namespace_get_devname(j->ndns);
	size_t i;
	int rc = 0, rc2;

	if (j->cycle) {
		rc = ndctl_namespace_disable_safe(j->ndns);
		if (rc < 0) {
			fprintf(stderr, PROG ": %s: disable failed: %s\n", dev,
				strerror(-rc));
			return rc;
		}
	}
	for (i = 0; i < j->nerrs && !rc; i++)
		rc = clear_range(bus, dev, &j->errs[i], &j->cleared);
	if (!j->cycle)
		return rc;
	/*
	 * Enabled again whatever happened: the namespace was in use.  The
	 * disable released an fsdax personality; enabling the namespace
	 * brings it back from the info block on the media.
	 */
	rc2 = ndctl_namespace_enable(j->ndns);
	if (rc2 < 0) {
		fprintf(stderr, PROG ": %s: enable after the clear failed: %s\n",
			dev, strerror(-rc2));
		if (!rc)
			rc = rc2;
	}
	return rc;
}

/* --scrub: one fresh scrub per bus, so latent errors become known. */
static int scrub_buses(struct clear_job *jobs, size_t n)
{
	size_t i, k;
	int rc;

	for (i = 0; i < n; i++) {
		struct ndctl_bus *bus = ndctl_namespace_get_bus(jobs[i].ndns);

		for (k = 0; k < i; k++)
			if (ndctl_namespace_get_bus(jobs[k].ndns) == bus)
				break;
		if (k < i)
			continue;
		rc = ndctl_bus_get_scrub_state(bus);
		if (rc < 0) {
			fprintf(stderr, PROG ": bus %s (%s) has no address range scrub: %s\n",
				ndctl_bus_get_devname(bus),
				ndctl_bus_get_provider(bus), strerror(-rc));
			return rc;
		}
		/* one already running may have started before our errors */
		if (rc > 0)
			rc = ndctl_bus_wait_for_scrub_completion(bus);
		if (rc >= 0)
			rc = ndctl_bus_start_scrub(bus);
		if (rc >= 0)
			rc = ndctl_bus_wait_for_scrub_completion(bus);
		if (rc < 0) {
			fprintf(stderr, PROG ": bus %s: scrub failed: %s\n",
				ndctl_bus_get_devname(bus), strerror(-rc));
			return rc;
		}
	}
	return 0;
}

int cmd_clear_errors(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = {
		"ndctl clear-errors <namespace> [<options>]", NULL
	};
	struct nd_filter f = { 0 };
	bool scrub = false;
	int verbose = 0;
	const struct option opts[] = {
		OPT_STRING('b', "bus", &f.bus, "bus-id",
			   "only namespaces on this bus (id or provider)"),
		OPT_STRING('r', "region", &f.region, "region-id",
			   "only namespaces in this region"),
		OPT_INCR('v', "verbose", &verbose,
			 "log library debug messages on stderr"),
		OPT_BOOLEAN('s', "scrub", &scrub,
			    "scrub the buses first, to find latent errors too"),
		OPT_END(),
	};
	struct collect c = { 0 };
	struct nd_walk w = { .ns = collect_ns, .arg = &c };
	struct clear_job *jobs = NULL;
	size_t i, done = 0;
	char *list = NULL;
	size_t len = 0;
	int n, k, rc = 0;

	n = nd_parse_options(argc, argv, opts, usage, PROG);
	if (n == 0) {
		fprintf(stderr, PROG ": specify a namespace to clear, or 'all'\n");
		return EXIT_USAGE;

	}
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	for (k = 0; k < n; k++)
		len += strlen(argv[k]) + 1;
	list = calloc(1, len + 1);
	if (!list) {
		fprintf(stderr, PROG ": %s\n", strerror(ENOMEM));
		return 1;
	}
	for (k = 0; k < n; k++) {
		strcat(list, argv[k]);
		strcat(list, " ");
	}
	f.namespace = list;
	if (nd_filter_prepare(&f, PROG) || nd_filter_check_exists(ctx, &f, PROG)) {
		free(list);
		return 1;
	}
	rc = nd_filter_walk(ctx, &f, &w);
	if (!rc)
		rc = c.failed;
	if (!rc && !c.n) {
		fprintf(stderr, PROG ": no enabled or configured namespace matches '%s'%s%s%s%s\n",
			argv[0], f.bus ? " on bus " : "", f.bus ? f.bus : "",
			f.region ? " in region " : "", f.region ? f.region : "");
		rc = -ENXIO;
		goto out;
	}
	if (rc) {
		if (rc == -ENOMEM)
			fprintf(stderr, PROG ": %s\n", strerror(-rc));
		goto out;
	}
	jobs = calloc(c.n, sizeof(*jobs));
	if (!jobs) {
		fprintf(stderr, PROG ": %s\n", strerror(ENOMEM));
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < c.n; i++)
		jobs[i].ndns = c.v[i];
	if (scrub) {
		rc = scrub_buses(jobs, c.n);
		if (rc)
			goto out;
	}
	/* all checks first: a refusal leaves every namespace as it was */
	for (i = 0; i < c.n && rc >= 0; i++)
		rc = plan(&jobs[i], named(jobs[i].ndns, n, argv));
	if (rc < 0)
		goto out;
	rc = 0;
	for (i = 0; i < c.n; i++) {
		struct json_object *j;
		int r = 0;

		if (jobs[i].nerrs)
			r = run_job(&jobs[i]);
		if (r < 0) {
			rc = r;
			break;
		}
		if (jobs[i].nerrs)
			done++;
		if (verbose)
			fprintf(stderr, PROG ": %s: cleared %llu bytes in %zu range%s\n",
				ndctl_namespace_get_devname(jobs[i].ndns),
				jobs[i].cleared, jobs[i].nerrs,
				jobs[i].nerrs == 1 ? "" : "s");
		/* what is left (nothing, unless the platform knows more) */
		j = nd_namespace_to_json(jobs[i].ndns, ND_JSON_MEDIA_ERRORS);
		if (j) {
			util_json_print(stdout, j);
			json_object_put(j);
		}
	}
	if (!rc)
		fprintf(stderr, "cleared errors in %zu of %zu namespace%s\n",
			done, c.n, c.n == 1 ? "" : "s");
out:
	for (i = 0; jobs && i < c.n; i++)
		free(jobs[i].errs);
	free(jobs);
	free(c.v);
	free(list);
	return rc ? 1 : 0;
}
