// SPDX-License-Identifier: GPL-2.0-only
/*
 * inject-error: emulated media errors (buses with error injection, such
 * as nfit_test.0), in 512-byte blocks from the start of a namespace's
 * data (after the info block and memmap reserve of fsdax and devdax).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/json.h"
#include "ndctl/media.h"
#include "util/sysfs.h"

#define PROG "ndctl inject-error"

struct find_one {
	struct ndctl_namespace *ndns;
	int n;
};

static void find_ns(struct ndctl_namespace *ndns, void *arg)
{
	struct find_one *fo = arg;

	fo->n++;
	if (!fo->ndns)
		fo->ndns = ndns;
}

/* A block number or count: decimal or 0x hex, nothing else. */
/*
 * A notified injection has the platform run a short scrub that puts the
 * error on the kernel's lists, but that scrub may not have started when
 * the injection returns (nfit_test queues it).  Wait until a scrub has
 * completed since @before: sleep in poll() on the bus's scrub attribute,
 * which the kernel notifies when a scrub ends, for at most @timeout_s.
 */
/* sysfs_wait_attr callback: a scrub after @arg's count has finished */
static int scrub_done_since(const char *text, void *arg)
{
	unsigned int before = *(unsigned int *)arg, count;
	char plus = 0;

	if (sscanf(text, "%u%c", &count, &plus) < 1)
		return -EINVAL;
	return count != before && plus != '+';
}

static int wait_scrub_since(struct ndctl_bus *bus, unsigned int before,
			    unsigned int timeout_s)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/bus/nd/devices/%s/nfit/scrub",
		 ndctl_bus_get_devname(bus));
	return sysfs_wait_attr(path, scrub_done_since, &before, 1000,
			       timeout_s * 1000LL);
}

static int parse_blocks(const char *opt, const char *str,
			unsigned long long *val)
{
	const char *why = NULL;
	char *end;

	errno = 0;
	*val = strtoull(str, &end, 0);
	if (str[0] < '0' || str[0] > '9' || *end)
		why = "not a non-negative integer";
	else if (errno == ERANGE)
		why = "too large for 64 bits";
	if (!why)
		return 0;
	fprintf(stderr, PROG ": invalid %s '%s': %s\n", opt, str, why);
	return -EINVAL;
}

/* --status: {"badblocks": [{"block", "count"}...]}, nothing when none. */
static int show_status(struct ndctl_namespace *ndns, unsigned long flags)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	struct json_object *jobj, *jbbs = NULL;
	struct ndctl_bb *bb;
	int rc;

	rc = ndctl_namespace_injection_status(ndns);
	if (rc < 0) {
		fprintf(stderr, PROG ": %s: reading the injected errors failed: %s\n",
			dev, strerror(-rc));
		return rc;
	}
	ndctl_namespace_bb_foreach(ndns, bb) {
		struct json_object *jbb = json_object_new_object();

		if (!jbbs)
			jbbs = json_object_new_array();
		if (!jbb || !jbbs) {
			json_object_put(jbb);
			json_object_put(jbbs);
			fprintf(stderr, PROG ": %s\n", strerror(ENOMEM));
			return -ENOMEM;
		}
		json_object_object_add(jbb, "block",
				util_json_new_hex(ndctl_bb_get_block(bb), flags));
		json_object_object_add(jbb, "count",
				util_json_new_hex(ndctl_bb_get_count(bb), flags));
		json_object_array_add(jbbs, jbb);
	}
	if (!jbbs)
		return 0;
	jobj = json_object_new_object();
	if (!jobj) {
		json_object_put(jbbs);
		fprintf(stderr, PROG ": %s\n", strerror(ENOMEM));
		return -ENOMEM;
	}
	json_object_object_add(jobj, "badblocks", jbbs);
	util_json_print(stdout, jobj);
	json_object_put(jobj);
	return 0;
}

int cmd_inject_error(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = {
		"ndctl inject-error <namespace> [<options>]", NULL
	};
	struct nd_filter f = { 0 };
	bool uninject = false, status = false, no_notify = false;
	bool saturate = false, human = false;
	unsigned long long block = 0, count = 1;
	const char *block_str = NULL, *count_str = NULL;
	int verbose = 0;
	struct option opts[] = {
		OPT_STRING('b', "bus", &f.bus, "bus-id",
			   "only look for the namespace on this bus (id or provider)"),
		OPT_STRING('r', "region", &f.region, "region-id",
			   "only look for the namespace in this region"),
		OPT_INCR('v', "verbose", &verbose,
			 "log library debug messages on stderr"),
		OPT_STRING('B', "block", &block_str, "block",
			   "first 512-byte block of the range, from the namespace start"),
		OPT_STRING('n', "count", &count_str, "count",
			   "number of 512-byte blocks (default 1)"),
		OPT_BOOLEAN('d', "uninject", &uninject,
			    "remove a previously injected range instead"),
		OPT_BOOLEAN('t', "status", &status,
			    "print the injected ranges of the namespace"),
		OPT_BOOLEAN('N', "no-notify", &no_notify,
			    "ask the platform not to notify the OS of the new error"),
		OPT_BOOLEAN('S', "saturate", &saturate,
			    "poison whole blocks, not just the first ARS unit of each"),
		OPT_BOOLEAN('u', "human", &human,
			    "hex numbers and human sizes in the output"),
		OPT_END(),
	};
	struct find_one fo = { 0 };
	struct nd_walk w = { .ns = find_ns, .arg = &fo };
	unsigned long flags = human ? UTIL_JSON_HUMAN : 0;
	unsigned long long nblocks, begin, size;
	struct ndctl_namespace *ndns;
	struct ndctl_bus *bus;
	const char *dev;
	unsigned int iflags = 0, scrubs_before = UINT_MAX;
	int n, rc;

	n = nd_parse_options(argc, argv, opts, usage, PROG);
	if (n == 0) {
		fprintf(stderr, PROG ": specify the namespace to inject into\n");
		return EXIT_USAGE;
	}
	if (n > 1) {
		fprintf(stderr, PROG ": one namespace at a time (got %d)\n", n);
		return EXIT_USAGE;
	}
	flags = human ? UTIL_JSON_HUMAN : 0;
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (strcmp(argv[0], "all") == 0) {
		fprintf(stderr, PROG ": name one namespace, not 'all'\n");
		return EXIT_USAGE;
	}
	if (status && (uninject || block_str || count_str || no_notify ||
		       saturate)) {
		fprintf(stderr, PROG ": --status takes no --block, --count, --uninject, --no-notify or --saturate\n");
		return EXIT_USAGE;
	}
	if (!status) {
		if (!block_str) {
			fprintf(stderr, PROG ": --block is required (the first 512-byte block to %sinject)\n",
				uninject ? "un" : "");
			return EXIT_USAGE;
		}
		if (parse_blocks("--block", block_str, &block) ||
		    (count_str && parse_blocks("--count", count_str, &count)))
			return EXIT_USAGE;
		if (count == 0) {
			fprintf(stderr, PROG ": invalid --count 0: must be at least one block\n");
			return EXIT_USAGE;
		}
		if (uninject && (no_notify || saturate)) {
			fprintf(stderr, PROG ": --no-notify and --saturate apply to injection, not --uninject\n");
			return EXIT_USAGE;
		}
	}

	f.namespace = argv[0];
	if (nd_filter_prepare(&f, PROG) || nd_filter_check_exists(ctx, &f, PROG))
		return 1;
	rc = nd_filter_walk(ctx, &f, &w);
	if (rc) {
		fprintf(stderr, PROG ": %s\n", strerror(-rc));
		return 1;
	}
	if (!fo.ndns) {
		fprintf(stderr, PROG ": no namespace matches '%s'%s%s%s%s\n",
			argv[0], f.bus ? " on bus " : "", f.bus ? f.bus : "",
			f.region ? " in region " : "", f.region ? f.region : "");
		return 1;
	}
	if (fo.n > 1) {
		fprintf(stderr, PROG ": '%s' matches %d namespaces; name one (add --bus or --region)\n",
			argv[0], fo.n);
		return 1;
	}
	ndns = fo.ndns;
	dev = ndctl_namespace_get_devname(ndns);
	bus = ndctl_namespace_get_bus(ndns);
	if (ndctl_bus_has_error_injection(bus) <= 0) {
		fprintf(stderr, PROG ": %s: bus %s (%s) does not support error injection\n",
			dev, ndctl_bus_get_devname(bus),
			ndctl_bus_get_provider(bus));
		return 1;
	}
	if (status)
		return show_status(ndns, flags) ? 1 : 0;

	/* the library counts from where the data starts, as list -M does */
	if (nd_namespace_data_range(ndns, &begin, &size) < 0) {
		fprintf(stderr, PROG ": %s: has no capacity to inject into\n", dev);
		return 1;
	}
	nblocks = size / 512;
	if (block >= nblocks || count > nblocks - block) {
		fprintf(stderr, PROG ": %s: blocks %llu+%llu are outside the namespace (%llu blocks of 512 bytes)\n",
			dev, block, count, nblocks);
		return 1;
	}

	if (uninject) {
		rc = ndctl_namespace_uninject_error2(ndns, block, count, 0);
	} else {
		if (!no_notify) {
			iflags |= 1u << NDCTL_NS_INJECT_NOTIFY;
			scrubs_before = ndctl_bus_get_scrub_count(bus);
		}
		if (saturate)
			iflags |= 1u << NDCTL_NS_INJECT_SATURATE;
		rc = ndctl_namespace_inject_error2(ndns, block, count, iflags);
	}
	if (rc < 0) {
		fprintf(stderr, PROG ": %s: %s of blocks %llu+%llu failed: %s\n",
			dev, uninject ? "un-injection" : "injection",
			block, count, strerror(-rc));
		return 1;
	}
	if (uninject)
		fprintf(stderr, "%s: note: the kernel still lists the blocks as bad until they are cleared (ndctl clear-errors) or rewritten\n",
			dev);
	else {
		struct json_object *j;

		/*
		 * A notified error reaches the kernel's lists through the
		 * short scrub the notification starts: wait for it (woken by
		 * the scrub attribute) so that the listing below shows it.
		 */
		if (!no_notify && scrubs_before != UINT_MAX) {
			rc = wait_scrub_since(bus, scrubs_before, 60);
			if (rc < 0)
				fprintf(stderr, "%s: note: waiting for the scrub that reports the error failed: %s\n",
					dev, strerror(-rc));
		}
		j = nd_namespace_to_json(ndns, flags | ND_JSON_MEDIA_ERRORS);

		if (j) {
			util_json_print(stdout, j);
			json_object_put(j);
		}
	}
	return 0;
}
