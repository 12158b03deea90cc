// SPDX-License-Identifier: GPL-2.0-only
/* start-scrub, wait-scrub: address range scrub (ARS) of whole buses */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/json.h"

enum scrub_action { SCRUB_START, SCRUB_WAIT };

/*
 * Operands name buses (id, provider or device name); none means every bus
 * that can scrub.  Every operand is checked before any scrub is touched,
 * so a typo or a bus without ARS changes nothing.
 */
static int scrub_action(int argc, const char **argv, struct ndctl_ctx *ctx,
			enum scrub_action act)
{
	const char *prog = act == SCRUB_START ? "ndctl start-scrub"
					      : "ndctl wait-scrub";
	const char *usage_start[] = {
		"ndctl start-scrub [<bus-id> <bus-id2> ... <bus-idN>] [<options>]",
		NULL
	};
	const char *usage_wait[] = {
		"ndctl wait-scrub [<bus-id> <bus-id2> ... <bus-idN>] [<options>]",
		NULL
	};
	int verbose = 0, poll = 0;
	struct option opts[] = {
		OPT_INCR('v', "verbose", &verbose,
			 "log library debug messages on stderr"),
		OPT_INTEGER('p', "poll", &poll, "n",
			    "re-check the scrub state at least every <n> seconds"),
		OPT_END(),
	};
	struct json_object *jbuses = NULL;
	struct nd_sorted buses;
	bool *want = NULL;
	size_t b;
	int n, i, rc = 0, selected = 0;

	if (act == SCRUB_START)
		opts[1] = (struct option)OPT_END();	/* --poll is wait's */
	n = nd_parse_options(argc, argv, opts,
			     act == SCRUB_START ? usage_start : usage_wait, prog);
	if (poll < 0) {
		fprintf(stderr, "%s: invalid poll interval '%d': must not be negative\n",
			prog, poll);
		return EXIT_USAGE;

	}
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	for (i = 0; i < n; i++) {
		struct nd_filter f = { .bus = argv[i] };

		if (nd_filter_check_exists(ctx, &f, prog))
			return 1;
	}
	if (nd_sorted_buses(ctx, &buses)) {
		fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
		return 1;
	}
	want = calloc(buses.n ? buses.n : 1, sizeof(*want));
	if (!want) {
		fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
		nd_sorted_free(&buses);
		return 1;
	}
	for (b = 0; b < buses.n && !rc; b++) {
		struct ndctl_bus *bus = buses.v[b].obj;
		bool named = false;

		for (i = 0; i < n && !named; i++)
			named = nd_bus_match(bus, argv[i]);
		if (n && !named)
			continue;
		rc = ndctl_bus_get_scrub_state(bus);
		if (rc >= 0) {
			want[b] = true;
			selected++;
			rc = 0;
		} else if (!n) {
			rc = 0;	/* "every bus": the ones without ARS drop out */
		} else {
			fprintf(stderr, "%s: %s (%s): no address range scrub: %s\n",
				prog, ndctl_bus_get_devname(bus),
				ndctl_bus_get_provider(bus), strerror(-rc));
		}
	}
	if (!rc && !selected) {
		fprintf(stderr, "%s: no bus supports address range scrub\n", prog);
		rc = -EOPNOTSUPP;
	}

	for (b = 0; b < buses.n && !rc; b++) {
		struct ndctl_bus *bus = buses.v[b].obj;
		struct json_object *jbus;

		if (!want[b])
			continue;
		if (act == SCRUB_START)
			rc = ndctl_bus_start_scrub(bus);
		else if (poll)
			rc = ndctl_bus_poll_scrub_completion(bus, poll, 0);
		else
			rc = ndctl_bus_wait_for_scrub_completion(bus);
		if (rc < 0) {
			fprintf(stderr, "%s: %s: %s failed: %s\n", prog,
				ndctl_bus_get_devname(bus),
				act == SCRUB_START ? "starting the scrub"
						   : "waiting for the scrub",
				strerror(-rc));
			break;
		}
		rc = 0;
		if (!jbuses)
			jbuses = json_object_new_array();
		jbus = nd_bus_to_json(bus, 0);
		if (!jbuses || !jbus) {
			json_object_put(jbus);
			fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
			rc = -ENOMEM;
			break;
		}
		json_object_array_add(jbuses, jbus);
	}
	if (jbuses) {
		/* what was done is reported even when a later bus failed */
		util_json_print_list(stdout, jbuses, 0);
		json_object_put(jbuses);
	}
	free(want);
	nd_sorted_free(&buses);
	return rc ? 1 : 0;
}

int cmd_start_scrub(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return scrub_action(argc, argv, ctx, SCRUB_START);
}

int cmd_wait_scrub(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return scrub_action(argc, argv, ctx, SCRUB_WAIT);
}
