// SPDX-License-Identifier: GPL-2.0-only
/* create-, destroy-, enable- and disable-device, and shared helpers. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <daxctl/libdaxctl.h>

#include "daxctl/builtin.h"
#include "daxctl/device.h"
#include "daxctl/json.h"
#include "util/size.h"
#include "util/sysfs.h"

void report(const char *obj, const char *what, int rc)
{
	const char *why = strerror(-rc);

	if (rc == -EACCES || rc == -EPERM)
		why = geteuid() ? "permission denied (run as root)"
				: "permission denied";
	fprintf(stderr, "%s: %s: %s: %s\n", cmd_prefix, obj, what, why);
}

void report_count(const char *verb, int n)
{
	fprintf(stderr, "%s %d device%s\n", verb, n, n == 1 ? "" : "s");
}

int select_devs(struct daxctl_ctx *ctx, int argc, const char **argv,
		const char *region_ident, struct dax_list *out)
{
	struct dax_list regions;
	size_t r, d, k;
	int i;

	memset(out, 0, sizeof(*out));
	if (!region_ident_valid(region_ident)) {
		fprintf(stderr, "%s: invalid region '%s' (expected <id>, region<id> or all)\n",
			cmd_prefix, region_ident);
		return EXIT_USAGE;
	}
	for (i = 0; i < argc; i++)
		if (!dev_ident_valid(argv[i])) {
			fprintf(stderr, "%s: invalid device '%s' (expected dax<region>.<id>, <region>.<id> or all)\n",
				cmd_prefix, argv[i]);
			return EXIT_USAGE;
		}
	if (collect_regions(ctx, region_ident, &regions))
		return EXIT_FAIL;
	for (i = 0; i < argc; i++) {
		int found = 0;

		for (r = 0; r < regions.n; r++) {
			struct dax_list devs;

			if (collect_devs(regions.items[r], argv[i], &devs))
				goto oom;
			for (d = 0; d < devs.n; d++) {
				void **n;

				found++;
				for (k = 0; k < out->n; k++)
					if (out->items[k] == devs.items[d])
						break;
				if (k < out->n)
					continue;
				n = realloc(out->items,
					    (out->n + 1) * sizeof(*n));
				if (!n) {
					dax_list_free(&devs);
					goto oom;
				}
				out->items = n;
				out->items[out->n++] = devs.items[d];
			}
			dax_list_free(&devs);
		}
		if (!found && strcmp(argv[i], "all") != 0) {
			fprintf(stderr, "%s: %s: no such device%s%s\n",
				cmd_prefix, argv[i],
				region_ident ? " in region " : "",
				region_ident ? region_ident : "");
			dax_list_free(&regions);
			dax_list_free(out);
			return EXIT_FAIL;
		}
	}
	dax_list_free(&regions);
	return EXIT_OK;
oom:
	fprintf(stderr, "%s: out of memory\n", cmd_prefix);
	dax_list_free(&regions);
	dax_list_free(out);
	return EXIT_FAIL;
}

void online_blocks(struct daxctl_dev *dev, char *buf, size_t len)
{
	blocks_in_state(dev, true, buf, len);
}

void blocks_in_state(struct daxctl_dev *dev, bool online, char *buf,
		     size_t len)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	unsigned long long start = daxctl_dev_get_resource(dev);
	unsigned long long size = daxctl_dev_get_size(dev), i;
	unsigned long bs;
	size_t used = 0;

	buf[0] = '\0';
	if (!mem || !size || start == ULLONG_MAX || size == ULLONG_MAX)
		return;
	bs = daxctl_memory_get_block_size(mem);
	if (!bs || bs == ULONG_MAX)
		return;
	for (i = start / bs; i <= (start + size - 1) / bs; i++) {
		char path[128], state[SYSFS_ATTR_SIZE];
		struct log_ctx quiet = { .fn = log_stderr, .owner = "daxctl" };
		int n;

		snprintf(path, sizeof(path),
			 "/sys/devices/system/memory/memory%llu/state", i);
		if (sysfs_read_attr(&quiet, path, state) ||
		    (strcmp(state, "online") == 0) != online)
			continue;
		n = snprintf(buf + used, len - used, "%smemory%llu",
			     used ? " " : "", i);
		if (n < 0 || (size_t)n >= len - used) {
			buf[used] = '\0';
			return;
		}
		used += (size_t)n;
	}
}

int check_no_online_memory(struct daxctl_dev *dev, const char *action)
{
	char blocks[512];

	if (daxctl_dev_has_online_memory(dev) <= 0)
		return 0;
	online_blocks(dev, blocks, sizeof(blocks));
	fprintf(stderr, "%s: %s: cannot %s: system-ram memory is online (%s); run 'daxctl offline-memory %s' first%s\n",
		cmd_prefix, daxctl_dev_get_devname(dev), action,
		blocks[0] ? blocks : "blocks unknown",
		daxctl_dev_get_devname(dev),
		strcmp(action, "destroy") == 0 ? " or use --force" : "");
	return -EBUSY;
}

/* ---- enable-device / disable-device ---- */

static struct {
	const char *region;
	int verbose;
	bool force, human;
} ed;

static int enable_disable(int argc, const char **argv,
			  struct daxctl_ctx *ctx, bool enable)
{
	const struct option opts[] = {
		OPT_STRING('r', "region", &ed.region, "region-id",
			   "only devices in this region"),
		/* the established daxctl takes -u everywhere; nothing to format */
		OPT_BOOLEAN('u', "human", &ed.human,
			    "human friendly output (accepted: nothing is listed)"),
		OPT_INCR('v', "verbose", &ed.verbose, "more library messages"),
		OPT_END(),
	};
	const char *const usage_en[] = {
		"daxctl enable-device <device> [<device>...] [<options>]", NULL };
	const char *const usage_dis[] = {
		"daxctl disable-device <device> [<device>...] [<options>]", NULL };
	const char *name = enable ? "enable-device" : "disable-device";
	struct dax_list devs;
	int n, rc, done = 0, failed = 0;
	size_t i;

	n = cmd_parse_options(argc, argv, opts, enable ? usage_en : usage_dis,
			      name);
	if (n == 0) {
		fprintf(stderr, "%s: missing device name (or 'all')\n",
			cmd_prefix);
		return EXIT_USAGE;
	}
	cmd_set_verbose(ctx, ed.verbose);
	rc = select_devs(ctx, n, argv, ed.region, &devs);
	if (rc)
		return rc;
	for (i = 0; i < devs.n; i++) {
		struct daxctl_dev *dev = devs.items[i];
		const char *dn = daxctl_dev_get_devname(dev);

		if (enable) {
			if (daxctl_dev_is_enabled(dev))
				continue;
			if (daxctl_dev_get_size(dev) == 0) {
				if (n == 1 && strcmp(argv[0], "all") != 0) {
					fprintf(stderr, "%s: %s: cannot enable: the device has size 0 (create-device or reconfigure-device -s first)\n",
						cmd_prefix, dn);
					failed++;
				}
				continue;
			}
			rc = daxctl_dev_enable_devdax(dev);
			if (rc) {
				report(dn, "failed to enable", rc);
				failed++;
				continue;
			}
		} else {
			if (!daxctl_dev_is_enabled(dev))
				continue;
			if (check_no_online_memory(dev, "disable")) {
				failed++;
				continue;
			}
			rc = daxctl_dev_disable(dev);
			if (rc) {
				report(dn, "failed to disable", rc);
				failed++;
				continue;
			}
		}
		done++;
	}
	dax_list_free(&devs);
	report_count(enable ? "enabled" : "disabled", done);
	return failed ? EXIT_FAIL : EXIT_OK;
}

int cmd_enable_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return enable_disable(argc, argv, ctx, true);
}

int cmd_disable_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	return enable_disable(argc, argv, ctx, false);
}

/* ---- destroy-device ---- */

static int destroy_one(struct daxctl_dev *dev, bool force)
{
	struct daxctl_region *region = daxctl_dev_get_region(dev);
	const char *dn = daxctl_dev_get_devname(dev);
	bool was_empty = !daxctl_dev_is_enabled(dev) &&
			 daxctl_dev_get_size(dev) == 0;
	struct daxctl_memory *mem;
	char name[64];
	int rc;

	if (daxctl_dev_is_enabled(dev)) {
		if (!force) {
			if (check_no_online_memory(dev, "destroy"))
				return -EBUSY;
			fprintf(stderr, "%s: %s: cannot destroy: the device is enabled; disable it first or use --force\n",
				cmd_prefix, dn);
			return -EBUSY;
		}
		mem = daxctl_dev_get_memory(dev);
		if (mem && daxctl_dev_has_online_memory(dev) > 0) {
			rc = daxctl_memory_offline(mem);
			if (rc < 0 || daxctl_dev_has_online_memory(dev) > 0) {
				char blocks[512];

				online_blocks(dev, blocks, sizeof(blocks));
				fprintf(stderr, "%s: %s: cannot destroy: failed to offline memory blocks (still online: %s): %s\n",
					cmd_prefix, dn,
					blocks[0] ? blocks : "unknown",
					rc < 0 ? strerror(-rc)
					       : "the kernel kept them online");
				return rc < 0 ? rc : -EBUSY;
			}
		}
		rc = daxctl_dev_disable(dev);
		if (rc) {
			report(dn, "failed to disable", rc);
			return rc;
		}
	}
	if (daxctl_dev_get_size(dev) != 0) {
		rc = daxctl_dev_set_size(dev, 0);
		if (rc) {
			report(dn, "failed to release capacity (size 0)", rc);
			return rc;
		}
	}
	snprintf(name, sizeof(name), "%s", dn);
	/*
	 * The kernel keeps id 0 so the region stays visible: size 0 is all.
	 * Already empty and disabled, there was nothing to do: say so and
	 * do not count it as destroyed (as any user could "destroy" it).
	 */
	if (daxctl_dev_get_id(dev) == 0) {
		if (was_empty) {
			fprintf(stderr, "%s: %s: nothing to destroy: the device is already empty (size 0) and the kernel keeps id 0 of every region\n",
				cmd_prefix, name);
			return -EALREADY;
		}
	} else {
		rc = daxctl_region_destroy_dev(region, dev);
		if (rc) {
			report(name, "failed to delete", rc);
			return rc;
		}
	}
	/* nothing left to finish or undo */
	intent_forget(DAXCTL_INTENT_DIR, name);
	return 0;
}

int cmd_destroy_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	static const char *region;
	static bool force, human;
	static int verbose;
	static const struct option opts[] = {
		OPT_STRING('r', "region", &region, "region-id",
			   "only devices in this region"),
		OPT_BOOLEAN('f', "force", &force,
			    "disable (and offline memory of) enabled devices"),
		/* the established daxctl takes -u everywhere; nothing to format */
		OPT_BOOLEAN('u', "human", &human,
			    "human friendly output (accepted: nothing is listed)"),
		OPT_INCR('v', "verbose", &verbose, "more library messages"),
		OPT_END(),
	};
	static const char *const usage[] = {
		"daxctl destroy-device <device> [<device>...] [<options>]",
		NULL };
	struct dax_list devs;
	int n, rc, done = 0, failed = 0;
	size_t i;

	n = cmd_parse_options(argc, argv, opts, usage, "destroy-device");
	if (n == 0) {
		fprintf(stderr, "%s: missing device name (or 'all')\n",
			cmd_prefix);
		return EXIT_USAGE;
	}
	cmd_set_verbose(ctx, verbose);
	rc = select_devs(ctx, n, argv, region, &devs);
	if (rc)
		return rc;
	/* newest first, so that the kernel's seed bookkeeping stays simple */
	for (i = devs.n; i-- > 0;) {
		struct daxctl_dev *dev = devs.items[i];
		struct daxctl_region *reg = daxctl_dev_get_region(dev);

		if (region_is_static(reg)) {
			fprintf(stderr, "%s: %s: cannot destroy: region%d is static (its device is sized by the pmem namespace; use ndctl destroy-namespace)\n",
				cmd_prefix, daxctl_dev_get_devname(dev),
				daxctl_region_get_id(reg));
			failed++;
			continue;
		}
		if (daxctl_dev_get_size(dev) == 0 && !daxctl_dev_is_enabled(dev) &&
		    strcmp(argv[0], "all") == 0)
			continue;	/* an idle seed: nothing to give back */
		if (destroy_one(dev, force))
			failed++;
		else
			done++;
	}
	dax_list_free(&devs);
	report_count("destroyed", done);
	return failed ? EXIT_FAIL : EXIT_OK;
}
