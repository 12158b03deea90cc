// SPDX-License-Identifier: GPL-2.0-only
/* daxctl create-device: carve a device out of a dynamic region. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <daxctl/libdaxctl.h>

#include "daxctl/builtin.h"
#include "daxctl/device.h"
#include "daxctl/input.h"
#include "daxctl/json.h"
#include "util/flock.h"
#include "util/interrupt.h"
#include "util/read-file.h"
#include "util/size.h"

static struct {
	const char *region, *input;
	uint64_t size, align;
	bool human;
	int verbose;
} p;

/* Alignments the kernel may accept on x86: base page, PMD and PUD. */
static const uint64_t kernel_aligns[] = { SZ_4K, SZ_2M, SZ_1G };

static void align_hint(uint64_t size, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(kernel_aligns) / sizeof(kernel_aligns[0]); i++) {
		uint64_t a = kernel_aligns[i];
		/* sizes are also bound to the 2M memory-section granule */
		uint64_t unit = a > SZ_2M ? a : SZ_2M;
		int n;

		if (size && size % unit)
			continue;
		n = snprintf(buf + used, len - used, "%s%s (%llu)",
			     used ? ", " : "", a == SZ_4K ? "4K" :
			     a == SZ_2M ? "2M" : "1G", (unsigned long long)a);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	if (!used)
		snprintf(buf, len, "none: make the size a multiple of 2M");
}

static struct daxctl_region *pick_region(struct daxctl_ctx *ctx)
{
	struct dax_list regions;
	struct daxctl_region *best = NULL;
	size_t i;

	if (collect_regions(ctx, p.region, &regions))
		return NULL;
	for (i = 0; i < regions.n && !best; i++) {
		struct daxctl_region *r = regions.items[i];
		unsigned long long avail = daxctl_region_get_available_size(r);

		if (region_is_static(r))
			continue;
		if (!p.size || avail >= p.size)
			best = r;
	}
	/* nothing fits: report against the first candidate */
	if (!best && regions.n)
		best = regions.items[0];
	dax_list_free(&regions);
	return best;
}

/*
 * --input: read the file (bounded) and parse it with dax_input_parse();
 * the size, align and region it gives are used unless the command line
 * gives them, and must agree with it when it does.
 */
static int read_input(const char *file, struct dax_input *in)
{
	static char rname[32];	/* may become p.region */
	char why[192], *buf;
	size_t len;
	int rc;

	rc = util_read_file(file, DAX_INPUT_MAX, UTIL_READ_NONEMPTY, &buf,
			    &len, why, sizeof(why));
	if (!rc) {
		rc = dax_input_parse(buf, len, in, why, sizeof(why));
		free(buf);
	}
	if (rc) {
		fprintf(stderr, "%s: %s: cannot read input: %s\n", cmd_prefix,
			file, why);
		return rc;
	}
	if (!p.size) {
		p.size = in->size;
	} else if (p.size != in->size) {
		fprintf(stderr, "%s: %s: mappings add up to %llu bytes but --size is %llu\n",
			cmd_prefix, file, (unsigned long long)in->size,
			(unsigned long long)p.size);
		dax_input_free(in);
		return -EINVAL;
	}
	if (!p.align)
		p.align = in->align;
	if (in->region >= 0) {
		snprintf(rname, sizeof(rname), "%d", in->region);
		if (!p.region) {
			p.region = rname;
		} else if (strcmp(p.region, "all") &&
			   strcmp(p.region, rname) &&
			   !(strncmp(p.region, "region", 6) == 0 &&
			     strcmp(p.region + 6, rname) == 0)) {
			fprintf(stderr, "%s: %s: \"chardev\" is in region %d but --region is %s\n",
				cmd_prefix, file, in->region, p.region);
			dax_input_free(in);
			return -EINVAL;
		}
	}
	return 0;
}

/* Before a new device is sized: the record a killed create leaves. */
static void record_create(struct intent *rec, struct daxctl_dev *dev,
			  const char *cmdline)
{
	const char *dn = daxctl_dev_get_devname(dev);
	char finish[160], undo_cmd[96];
	struct intent_desc d = {
		.command = cmdline, .was = "a new device of this create",
		.finish = finish, .undo = undo_cmd,
	};
	int rc;

	snprintf(finish, sizeof(finish), "daxctl reconfigure-device -m devdax");
	intent_add_size(finish, sizeof(finish), " -s ", p.size);
	if (p.align)
		intent_add_size(finish, sizeof(finish), " -a ", p.align);
	intent_add(finish, sizeof(finish), " %s", dn);
	snprintf(undo_cmd, sizeof(undo_cmd), "daxctl destroy-device %s", dn);
	rc = intent_begin(rec, DAXCTL_INTENT_DIR, dn, &d);
	if (rc < 0)
		fprintf(stderr, "%s: %s: cannot record the create in %s (%s): if it is killed, nothing will say what it left\n",
			cmd_prefix, dn, DAXCTL_INTENT_DIR, strerror(-rc));
}

/* Give the capacity of a half-made device back; errors are secondary. */
static void undo(struct daxctl_dev *dev)
{
	daxctl_dev_set_size(dev, 0);
	if (daxctl_dev_get_id(dev) != 0)
		daxctl_region_destroy_dev(daxctl_dev_get_region(dev), dev);
}

int cmd_create_device(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_STRING('r', "region", &p.region, "region-id",
			   "region to carve from (default: first with room)"),
		OPT_SIZE('s', "size", &p.size, "size",
			 "device size (default: all available)"),
		OPT_SIZE('a', "align", &p.align, "align",
			 "mapping alignment: 4K, 2M or 1G"),
		OPT_STRING(0, "input", &p.input, "file",
			   "JSON device with \"mappings\" to recreate"),
		OPT_BOOLEAN('u', "human", &p.human, "human friendly output"),
		OPT_INCR('v', "verbose", &p.verbose, "more library messages"),
		OPT_END(),
	};
	static const char *const usage[] = {
		"daxctl create-device [<options>]", NULL };
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	struct dax_input_range *ranges = NULL;
	struct dax_input in;
	unsigned long long avail;
	struct json_object *jdev;
	char rname[32], hint[128], a[64], b[64], why[256];
	size_t nr = 0, i;
	long lock_timeout;
	int n, rc, status;
	char cmdline[1024];
	struct intent rec = { .held = false };

	/*
	 * An explicit 0 is refused (as ndctl create-namespace -s 0 is): it is
	 * far more often a script's empty variable than a wish for the whole
	 * region, which is what leaving -s out means.
	 */
	p.size = UINT64_MAX;
	if (intent_join(cmdline, sizeof(cmdline), "daxctl create-device", argc,
			argv))
		snprintf(cmdline, sizeof(cmdline),
			 "daxctl create-device (a long command line)");
	n = cmd_parse_options(argc, argv, opts, usage, "create-device");
	if (p.size == 0) {
		fprintf(stderr, "%s: invalid size 0: must not be zero (leave out --size for all the available capacity)\n",
			cmd_prefix);
		return EXIT_USAGE;
	}
	if (p.size == UINT64_MAX)
		p.size = 0;	/* not given: all available */
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
	if (p.align && !is_power_of_2(p.align)) {
		align_hint(p.size, hint, sizeof(hint));
		fprintf(stderr, "%s: invalid align %llu: not a power of two (try %s)\n",
			cmd_prefix, (unsigned long long)p.align, hint);
		return EXIT_USAGE;
	}
	if (p.input) {
		if (read_input(p.input, &in))
			return EXIT_USAGE;
		ranges = in.ranges;
		nr = in.nr;
	}
	cmd_set_verbose(ctx, p.verbose);
	/*
	 * The library's lock would refuse a wrong DAXCTL_LOCK_TIMEOUT only
	 * after the region is picked and the size checked: say it first.
	 */
	lock_timeout = util_lock_timeout_ms("DAXCTL_LOCK_TIMEOUT",
					    UTIL_LOCK_TIMEOUT_DEFAULT);
	if (lock_timeout < 0) {
		util_lock_why(why, sizeof(why), "DAXCTL_LOCK_TIMEOUT",
			      lock_timeout);
		fprintf(stderr, "%s: %s\n", cmd_prefix, why);
		free(ranges);
		return EXIT_FAIL;
	}

	region = pick_region(ctx);
	if (!region) {
		fprintf(stderr, "%s: %s: no such region\n", cmd_prefix,
			p.region ? p.region : "any");
		free(ranges);
		return EXIT_FAIL;
	}
	snprintf(rname, sizeof(rname), "region%d", daxctl_region_get_id(region));
	avail = daxctl_region_get_available_size(region);
	if (region_is_static(region)) {
		fprintf(stderr, "%s: %s: cannot create a device: the region is static (a pmem namespace in devdax mode, sized by the namespace); use a dynamic region (hmem/soft-reserved or CXL RAM), or resize the namespace with ndctl create-namespace -f -e <namespace> -m devdax -s <size>\n",
			cmd_prefix, rname);
		free(ranges);
		return EXIT_FAIL;
	}
	if (!p.size)
		p.size = avail;
	if (p.size == 0 || p.size > avail) {
		format_size(a, sizeof(a), p.size);
		format_size(b, sizeof(b), avail);
		fprintf(stderr, "%s: %s: cannot create a device of %s: only %s available\n",
			cmd_prefix, rname, a, b);
		free(ranges);
		return EXIT_FAIL;
	}
	if (p.align && p.size % (p.align > SZ_2M ? p.align : SZ_2M)) {
		align_hint(p.size, hint, sizeof(hint));
		fprintf(stderr, "%s: %s: size %llu is not a multiple of align %llu (and of 2M); alignments that fit this size: %s\n",
			cmd_prefix, rname, (unsigned long long)p.size,
			(unsigned long long)p.align, hint);
		free(ranges);
		return EXIT_USAGE;
	}
	if (!p.align && p.size % SZ_2M) {
		fprintf(stderr, "%s: %s: size %llu is not a multiple of 2M, the kernel's allocation granule\n",
			cmd_prefix, rname, (unsigned long long)p.size);
		free(ranges);
		return EXIT_USAGE;
	}

	rc = daxctl_region_create_dev(region);
	if (rc == -ETIMEDOUT) {
		util_lock_why(why, sizeof(why), "DAXCTL_LOCK_TIMEOUT",
			      lock_timeout);
		fprintf(stderr, "%s: %s: failed to create a device: %s\n",
			cmd_prefix, rname, why);
		free(ranges);
		return EXIT_FAIL;
	}
	if (rc) {
		report(rname, "failed to create a device", rc);
		free(ranges);
		return EXIT_FAIL;
	}
	/*
	 * From here a signal waits: before the enable the new device is
	 * given back, after it the create finishes (interrupt.h); a kill
	 * leaves the record that explains the disabled device (intent.h).
	 */
	cli_interrupt_defer();
	dev = daxctl_region_get_dev_seed(region);
	if (!dev) {
		fprintf(stderr, "%s: %s: the kernel offered no new device (seed)\n",
			cmd_prefix, rname);
		free(ranges);
		status = EXIT_FAIL;
		goto out;
	}
	record_create(&rec, dev, cmdline);
	if (p.align) {
		rc = daxctl_dev_set_align(dev, p.align);
		if (rc) {
			align_hint(p.size, hint, sizeof(hint));
			fprintf(stderr, "%s: %s: failed to set align %llu: %s (alignments that fit this size: %s)\n",
				cmd_prefix, daxctl_dev_get_devname(dev),
				(unsigned long long)p.align, strerror(-rc), hint);
			undo(dev);
			free(ranges);
			status = EXIT_FAIL;
			goto out;
		}
	}
	for (i = 0; i < nr; i++) {
		rc = daxctl_dev_set_mapping(dev, ranges[i].start, ranges[i].end);
		if (rc) {
			char what[96];

			snprintf(what, sizeof(what),
				 "failed to claim range %#llx-%#llx",
				 (unsigned long long)ranges[i].start,
				 (unsigned long long)ranges[i].end);
			report(daxctl_dev_get_devname(dev), what, rc);
			undo(dev);
			free(ranges);
			status = EXIT_FAIL;
			goto out;
		}
	}
	free(ranges);
	if (!nr) {
		rc = daxctl_dev_set_size(dev, p.size);
		if (rc) {
			report(daxctl_dev_get_devname(dev), "failed to set size",
			       rc);
			undo(dev);
			status = EXIT_FAIL;
			goto out;
		}
	}
	if (cli_interrupted()) {
		fprintf(stderr, "%s: %s: interrupted before the enable: giving the device back\n",
			cmd_prefix, daxctl_dev_get_devname(dev));
		undo(dev);
		status = EXIT_FAIL;
		goto out;
	}
	rc = daxctl_dev_enable_devdax(dev);
	if (rc) {
		report(daxctl_dev_get_devname(dev), "failed to enable", rc);
		undo(dev);
		status = EXIT_FAIL;
		goto out;
	}
	/* exit 0 promises that the device printed is the one asked for */
	if (!nr && daxctl_dev_get_size(dev) != p.size) {
		format_size(a, sizeof(a), daxctl_dev_get_size(dev));
		format_size(b, sizeof(b), p.size);
		fprintf(stderr, "%s: %s: size is %s, not the %s this command set: another program changed it (left as it is)\n",
			cmd_prefix, daxctl_dev_get_devname(dev), a, b);
		status = EXIT_FAIL;
		goto out;
	}
	if (p.align && daxctl_dev_get_align(dev) != p.align) {
		fprintf(stderr, "%s: %s: align is %lu, not the %llu this command set: another program changed it (left as it is)\n",
			cmd_prefix, daxctl_dev_get_devname(dev),
			daxctl_dev_get_align(dev), (unsigned long long)p.align);
		status = EXIT_FAIL;
		goto out;
	}
	jdev = json_object_new_array();
	if (jdev) {
		json_object_array_add(jdev, dax_dev_to_json(dev,
				p.human ? UTIL_JSON_HUMAN : 0));
		util_json_print_list(stdout, jdev, p.human ? UTIL_JSON_HUMAN : 0);
		json_object_put(jdev);
	}
	report_count("created", 1);
	status = EXIT_OK;
out:
	/* enabled, or given back (a failed undo has said what it left) */
	intent_end(&rec);
	cli_interrupt_deliver(cmd_prefix, status == EXIT_OK ?
			      "after the device was created" : NULL);
	return status;
}
