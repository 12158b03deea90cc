// SPDX-License-Identifier: GPL-2.0-only
/* online-memory / offline-memory for devices in system-ram mode. */
#include <stdio.h>
#include <string.h>

#include <daxctl/libdaxctl.h>

#include "daxctl/builtin.h"
#include "daxctl/device.h"

static int memory_cmd(int argc, const char **argv, struct daxctl_ctx *ctx,
		      bool online)
{
	static const char *region;
	static bool no_movable, human;
	static int verbose;
	const struct option on_opts[] = {
		OPT_STRING('r', "region", &region, "region-id",
			   "only devices in this region"),
		OPT_BOOLEAN(0, "no-movable", &no_movable,
			    "online as normal (not ZONE_MOVABLE) memory"),
		/* the established daxctl takes -u everywhere; nothing to format */
		OPT_BOOLEAN('u', "human", &human,
			    "human friendly output (accepted: nothing is listed)"),
		OPT_INCR('v', "verbose", &verbose, "more library messages"),
		OPT_END(),
	};
	const struct option off_opts[] = {
		OPT_STRING('r', "region", &region, "region-id",
			   "only devices in this region"),
		OPT_BOOLEAN('u', "human", &human,
			    "human friendly output (accepted: nothing is listed)"),
		OPT_INCR('v', "verbose", &verbose, "more library messages"),
		OPT_END(),
	};
	const char *const on_usage[] = {
		"daxctl online-memory <device> [<device>...] [<options>]", NULL };
	const char *const off_usage[] = {
		"daxctl offline-memory <device> [<device>...] [<options>]", NULL };
	struct dax_list devs;
	int n, rc, done = 0, failed = 0;
	size_t i;

	n = cmd_parse_options(argc, argv, online ? on_opts : off_opts,
			      online ? on_usage : off_usage,
			      online ? "online-memory" : "offline-memory");
	if (n == 0) {
		fprintf(stderr, "%s: missing device name (or 'all')\n",
			cmd_prefix);
		return EXIT_USAGE;
	}
	cmd_set_verbose(ctx, verbose);
	rc = select_devs(ctx, n, argv, region, &devs);
	if (rc)
		return rc;
	for (i = 0; i < devs.n; i++) {
		struct daxctl_dev *dev = devs.items[i];
		const char *dn = daxctl_dev_get_devname(dev);
		struct daxctl_memory *mem = daxctl_dev_is_enabled(dev) ?
			daxctl_dev_get_memory(dev) : NULL;

		if (!mem) {
			/* "all" means all system-ram devices */
			if (strcmp(argv[0], "all") != 0) {
				fprintf(stderr, "%s: %s: not in system-ram mode (see reconfigure-device -m system-ram)\n",
					cmd_prefix, dn);
				failed++;
			}
			continue;
		}
		if (online)
			rc = no_movable ? daxctl_memory_online_no_movable(mem)
					: daxctl_memory_online(mem);
		else
			rc = daxctl_memory_offline(mem);
		if (rc < 0) {
			char blocks[512];

			if (!online) {
				online_blocks(dev, blocks, sizeof(blocks));
				fprintf(stderr, "%s: %s: failed to offline memory: %s%s%s%s\n",
					cmd_prefix, dn, strerror(-rc),
					blocks[0] ? " (still online: " : "",
					blocks, blocks[0] ? ")" : "");
			} else
				report(dn, "failed to online memory", rc);
			failed++;
			continue;
		}
		if (rc > 0)
			done++;
	}
	dax_list_free(&devs);
	fprintf(stderr, "%s memory for %d device%s\n",
		online ? "onlined" : "offlined", done, done == 1 ? "" : "s");
	return failed ? EXIT_FAIL : EXIT_OK;
}

int cmd_online_memory(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return memory_cmd(argc, argv, ctx, true);
}

int cmd_offline_memory(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return memory_cmd(argc, argv, ctx, false);
}
