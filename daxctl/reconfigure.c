// SPDX-License-Identifier: GPL-2.0-only
/*
 * reconfigure-device: change a device's mode (devdax <-> system-ram), size
 * or alignment.  A change takes several kernel steps (offline memory,
 * unbind, align, size, bind, online); if one fails, the steps already done
 * are undone so the device is left as it was, not half-configured.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <daxctl/libdaxctl.h>

#include "daxctl/builtin.h"
#include "daxctl/daxconf.h"
#include "daxctl/device.h"
#include "daxctl/input.h"
#include "daxctl/json.h"
#include "util/interrupt.h"
#include "util/read-file.h"
#include "util/size.h"

static struct {
	const char *region, *mode, *input;
	uint64_t size, align;
	bool size_set, no_online, no_movable, force, check_config, human;
	int verbose;
} p;

/* What a device looks like, to compare against and to go back to. */
struct dev_state {
	/* online: some blocks online; partly: some online, some not */
	bool enabled, ram, online, partly, movable;
	unsigned long long size;
	unsigned long align;
};

static void snapshot(struct daxctl_dev *dev, struct dev_state *s)
{
	struct daxctl_memory *mem;

	memset(s, 0, sizeof(*s));
	s->enabled = daxctl_dev_is_enabled(dev) > 0;
	mem = s->enabled ? daxctl_dev_get_memory(dev) : NULL;
	s->ram = mem != NULL;
	s->online = mem && daxctl_dev_has_online_memory(dev) > 0;
	/* an interrupted reconfigure or a manual offline leaves a mix */
	s->partly = s->online && daxctl_memory_is_online(mem) <
				 daxctl_memory_num_sections(mem);
	s->movable = s->online && daxctl_memory_is_movable(mem) > 0;
	s->size = daxctl_dev_get_size(dev);
	s->align = daxctl_dev_get_align(dev);
}

/*
 * Test hook: DAXCTL_TEST_FAIL=<step> makes that step fail with EIO, so that
 * the tests can prove the rollback of every step.
 */
static int inject(const char *step)
{
	const char *f = getenv("DAXCTL_TEST_FAIL");

	return f && strcmp(f, step) == 0 ? -EIO : 0;
}

static int online(struct daxctl_dev *dev, bool movable)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int rc = inject("online");

	if (rc)
		return rc;
	if (!mem)
		return -ENXIO;
	rc = movable ? daxctl_memory_online(mem)
		     : daxctl_memory_online_no_movable(mem);
	if (rc < 0)
		return rc;
	/* every block, not just some: a partial online is no success */
	return daxctl_memory_is_online(mem) ==
	       daxctl_memory_num_sections(mem) ? 0 : -EBUSY;
}

static int offline(struct daxctl_dev *dev)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int rc = inject("offline");

	if (rc)
		return rc;
	rc = mem ? daxctl_memory_offline(mem) : -ENXIO;
	if (rc >= 0 && daxctl_dev_has_online_memory(dev) > 0)
		rc = -EBUSY;
	return rc < 0 ? rc : 0;
}

static bool same_state(const struct dev_state *a, const struct dev_state *b)
{
	return a->enabled == b->enabled && a->ram == b->ram &&
	       a->online == b->online && a->partly == b->partly &&
	       a->size == b->size &&
	       a->align == b->align && (!a->online || a->movable == b->movable);
}

/* Put @dev back into state @s; returns 0 when it got there. */
static int restore(struct daxctl_dev *dev, const struct dev_state *s)
{
	struct dev_state now;
	int rc = 0;

	/* the injected fault is for the forward path only */
	unsetenv("DAXCTL_TEST_FAIL");
	snapshot(dev, &now);
	if (same_state(&now, s))
		return 0;

	if (daxctl_dev_is_enabled(dev)) {
		if (daxctl_dev_has_online_memory(dev) > 0)
			rc |= offline(dev);
		rc |= daxctl_dev_disable(dev);
	}
	if (daxctl_dev_get_align(dev) != s->align)
		rc |= daxctl_dev_set_align(dev, s->align);
	if (daxctl_dev_get_size(dev) != s->size)
		rc |= daxctl_dev_set_size(dev, s->size);
	if (s->enabled)
		rc |= s->ram ? daxctl_dev_enable_ram(dev)
			     : daxctl_dev_enable_devdax(dev);
	if (s->online && daxctl_dev_has_online_memory(dev) <= 0)
		rc |= online(dev, s->movable);
	snapshot(dev, &now);
	return rc || !same_state(&now, s) ? -EIO : 0;
}

static const char *state_name(const struct dev_state *s)
{
	if (!s->enabled)
		return "disabled";
	if (!s->ram)
		return "devdax";
	if (s->partly)
		return "system-ram, partly online";
	return s->online ? "system-ram, online" : "system-ram, offline";
}

static int fail_step(struct daxctl_dev *dev, const struct dev_state *orig,
		     const char *what, int rc)
{
	const char *dn = daxctl_dev_get_devname(dev);
	char sz[64];

	report(dn, what, rc);
	format_size(sz, sizeof(sz), orig->size);
	if (restore(dev, orig) == 0)
		fprintf(stderr, "%s: %s: restored the previous configuration (%s, size %s)\n",
			cmd_prefix, dn, state_name(orig), sz);
	else
		fprintf(stderr, "%s: %s: could not fully restore the previous configuration (%s, size %s); check 'daxctl list -d %s'\n",
			cmd_prefix, dn, state_name(orig), sz, dn);
	return rc;
}

/* "devdax, size 1G, align 2M" */
static void describe(const struct dev_state *s, char *buf, size_t len)
{
	snprintf(buf, len, "%s", state_name(s));
	intent_add_size(buf, len, ", size ", s->size);
	intent_add_size(buf, len, ", align ", s->align);
}

/*
 * The reconfigure-device command that brings @dn from @from to @s: size
 * and align only where they differ (a static region's device refuses -s).
 */
static void command(const struct dev_state *s, const struct dev_state *from,
		    const char *dn, char *buf, size_t len)
{
	snprintf(buf, len, "daxctl reconfigure-device -f -m %s",
		 s->ram ? "system-ram" : "devdax");
	if (s->size != from->size)
		intent_add_size(buf, len, " -s ", s->size);
	if (s->align != from->align)
		intent_add_size(buf, len, " -a ", s->align);
	if (s->ram && !s->online)
		intent_add(buf, len, " --no-online");
	if (s->ram && s->online && !s->movable)
		intent_add(buf, len, " --no-movable");
	intent_add(buf, len, " %s", dn);
}

/*
 * Before changing @dev from @now to what it is asked to become: the
 * record (util/intent.h) the next daxctl reports if this one is killed.
 */
static void record(struct intent *in, struct daxctl_dev *dev,
		   const struct dev_state *now, bool want_ram,
		   bool want_online, bool want_movable, const char *cmdline)
{
	const char *dn = daxctl_dev_get_devname(dev);
	char was[160], finish[256], undo[256];
	struct intent_desc d = {
		.command = cmdline, .was = was, .finish = finish, .undo = undo,
	};
	struct dev_state to = *now;
	int rc;

	to.enabled = true;
	to.ram = want_ram;
	to.online = want_ram && want_online;
	to.movable = to.online && want_movable;
	if (p.size_set)
		to.size = p.size;
	if (p.align)
		to.align = p.align;
	describe(now, was, sizeof(was));
	command(&to, now, dn, finish, sizeof(finish));
	command(now, &to, dn, undo, sizeof(undo));
	rc = intent_begin(in, DAXCTL_INTENT_DIR, dn, &d);
	if (rc < 0)
		fprintf(stderr, "%s: %s: cannot record the reconfigure in %s (%s): if it is killed, nothing will say what it left\n",
			cmd_prefix, dn, DAXCTL_INTENT_DIR, strerror(-rc));
}

static bool all_online(struct daxctl_dev *dev)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	int n = mem ? daxctl_memory_num_sections(mem) : -ENXIO;

	return n > 0 && daxctl_memory_is_online(mem) == n;
}

/* Onlining failed: name the blocks left offline, then roll back. */
static int fail_online(struct daxctl_dev *dev, const struct dev_state *orig,
		       int rc)
{
	char blocks[512], what[600];

	blocks_in_state(dev, false, blocks, sizeof(blocks));
	snprintf(what, sizeof(what), "failed to online memory (still offline: %s)",
		 blocks[0] ? blocks : "blocks unknown");
	return fail_step(dev, orig, what, rc);
}

/*
 * --input: the settings of a device's JSON (as daxctl list prints it)
 * become -s, -a, -m and --no-movable; given on the command line as well,
 * they must agree.  @in keeps the "chardev" to check the operands with.
 * 0, or an exit status after one line on stderr.
 */
static int apply_input(struct dax_input *in)
{
	static const char *const modes[] = { NULL, "devdax", "system-ram" };
	char why[192], *buf;
	const char *f = p.input;
	size_t len;
	int rc;

	rc = util_read_file(f, DAX_INPUT_MAX, UTIL_READ_NONEMPTY, &buf, &len,
			    why, sizeof(why));
	if (!rc) {
		rc = dax_input_parse_settings(buf, len, in, why, sizeof(why));
		free(buf);
	}
	if (rc) {
		fprintf(stderr, "%s: %s: cannot read input: %s\n", cmd_prefix, f,
			why);
		return EXIT_USAGE;
	}
	if (in->has_size) {
		if (p.size_set && p.size != in->size) {
			fprintf(stderr, "%s: %s: \"size\" is %llu but --size is %llu\n",
				cmd_prefix, f, (unsigned long long)in->size,
				(unsigned long long)p.size);
			return EXIT_USAGE;
		}
		p.size = in->size;
		p.size_set = true;
	}
	if (in->align) {
		if (p.align && p.align != in->align) {
			fprintf(stderr, "%s: %s: \"align\" is %llu but --align is %llu\n",
				cmd_prefix, f, (unsigned long long)in->align,
				(unsigned long long)p.align);
			return EXIT_USAGE;
		}
		p.align = in->align;
	}
	if (in->mode) {
		if (p.mode && strcmp(p.mode, modes[in->mode])) {
			fprintf(stderr, "%s: %s: \"mode\" is %s but --mode is %s\n",
				cmd_prefix, f, modes[in->mode], p.mode);
			return EXIT_USAGE;
		}
		p.mode = modes[in->mode];
	}
	if (in->movable == 0)
		p.no_movable = true;
	return 0;
}

/* Apply the requested change to one device.  @want_ram: target mode. */
static int reconfigure_one(struct daxctl_dev *dev, bool want_ram,
			   bool want_online, bool want_movable)
{
	struct dev_state orig;
	bool geometry;
	int rc;

	snapshot(dev, &orig);
	geometry = (p.size_set && p.size != orig.size) ||
		   (p.align && p.align != orig.align);
	if (!geometry && orig.enabled && orig.ram == want_ram) {
		/* only the memory state may need a nudge */
		if (want_ram && want_online && (!orig.online || orig.partly)) {
			rc = online(dev, want_movable);
			if (rc)
				return fail_online(dev, &orig, rc);
		}
		return 0;
	}
	if (orig.online) {
		if (!p.force)
			return check_no_online_memory(dev, "reconfigure");
		rc = offline(dev);
		if (rc)
			return fail_step(dev, &orig, "failed to offline memory",
					 rc);
	}
	if (cli_interrupted())
		return fail_step(dev, &orig, "interrupted", -EINTR);
	if (orig.enabled) {
		rc = inject("disable");
		if (!rc)
			rc = daxctl_dev_disable(dev);
		if (rc)
			return fail_step(dev, &orig, "failed to disable", rc);
	}
	if (cli_interrupted())
		return fail_step(dev, &orig, "interrupted", -EINTR);
	if (p.align && p.align != daxctl_dev_get_align(dev)) {
		rc = inject("align");
		if (!rc)
			rc = daxctl_dev_set_align(dev, p.align);
		if (rc)
			return fail_step(dev, &orig, "failed to set align", rc);
	}
	if (cli_interrupted())
		return fail_step(dev, &orig, "interrupted", -EINTR);
	if (p.size_set && p.size != daxctl_dev_get_size(dev)) {
		rc = inject("size");
		if (!rc)
			rc = daxctl_dev_set_size(dev, p.size);
		if (rc)
			return fail_step(dev, &orig, "failed to set size", rc);
	}
	if (cli_interrupted())
		return fail_step(dev, &orig, "interrupted", -EINTR);
	if (daxctl_dev_get_size(dev) == 0)
		return 0;	/* nothing left to enable */
	rc = inject("enable");
	if (!rc)
		rc = want_ram ? daxctl_dev_enable_ram(dev)
			      : daxctl_dev_enable_devdax(dev);
	if (rc)
		return fail_step(dev, &orig, want_ram ?
				 "failed to enable as system-ram" :
				 "failed to enable as devdax", rc);
	/* the kernel's auto-online policy may have onlined it all already */
	if (want_ram && want_online && !all_online(dev)) {
		rc = online(dev, want_movable);
		if (rc)
			return fail_online(dev, &orig, rc);
	}
	return 0;
}

int cmd_reconfigure_device(int argc, const char **argv,
			   struct daxctl_ctx *ctx)
{
	static const struct option opts[] = {
		OPT_STRING('r', "region", &p.region, "region-id",
			   "only devices in this region"),
		OPT_STRING('m', "mode", &p.mode, "mode",
			   "devdax or system-ram"),
		OPT_SIZE('s', "size", &p.size, "size", "new size"),
		OPT_SIZE('a', "align", &p.align, "align",
			 "new alignment: 4K, 2M or 1G"),
		OPT_STRING(0, "input", &p.input, "file",
			   "take size, align, mode and movable from a device's JSON"),
		OPT_BOOLEAN('N', "no-online", &p.no_online,
			    "system-ram: don't online the memory"),
		OPT_BOOLEAN(0, "no-movable", &p.no_movable,
			    "system-ram: online as normal, not movable, memory"),
		OPT_BOOLEAN('f', "force", &p.force,
			    "offline online memory first if needed"),
		OPT_BOOLEAN('C', "check-config", &p.check_config,
			    "take the settings from daxctl.conf.d"),
		OPT_BOOLEAN('u', "human", &p.human, "human friendly output"),
		OPT_INCR('v', "verbose", &p.verbose, "more library messages"),
		OPT_END(),
	};
	static const char *const usage[] = {
		"daxctl reconfigure-device <device> [<device>...] [<options>]",
		NULL };
	const char *conf_dir = getenv("DAXCTL_CONF_DIR");
	struct json_object *out;
	struct dax_list devs;
	int n, rc, done = 0, failed = 0;
	struct dax_input input = { .id = -1 };
	char cmdline[1024];
	unsigned long flags;
	size_t i;

	if (intent_join(cmdline, sizeof(cmdline), "daxctl reconfigure-device",
			argc, argv))
		snprintf(cmdline, sizeof(cmdline),
			 "daxctl reconfigure-device (a long command line)");
	/* -s 0 is a valid request: tell "not given" apart */
	p.size = UINT64_MAX;
	n = cmd_parse_options(argc, argv, opts, usage, "reconfigure-device");
	p.size_set = p.size != UINT64_MAX;
	if (n == 0) {
		fprintf(stderr, "%s: missing device name (or 'all')\n",
			cmd_prefix);
		return EXIT_USAGE;
	}
	if (p.mode && strcmp(p.mode, "devdax") && strcmp(p.mode, "system-ram")) {
		fprintf(stderr, "%s: invalid mode '%s' (expected devdax or system-ram)\n",
			cmd_prefix, p.mode);
		return EXIT_USAGE;
	}
	if (p.align && !is_power_of_2(p.align)) {
		fprintf(stderr, "%s: invalid align %llu: not a power of two (4K, 2M or 1G)\n",
			cmd_prefix, (unsigned long long)p.align);
		return EXIT_USAGE;
	}
	if (p.input) {
		if (p.check_config) {
			fprintf(stderr, "%s: --input and --check-config both give the settings: use one\n",
				cmd_prefix);
			return EXIT_USAGE;
		}
		rc = apply_input(&input);
		if (rc)
			return rc;
	}
	if (p.check_config && (n != 1 || strcmp(argv[0], "all") == 0)) {
		fprintf(stderr, "%s: --check-config takes exactly one device\n",
			cmd_prefix);
		return EXIT_USAGE;
	}
	cmd_set_verbose(ctx, p.verbose);
	rc = select_devs(ctx, n, argv, p.region, &devs);
	if (rc)
		return rc;
	/* the input's "chardev" says which device it describes */
	for (i = 0; p.input && input.id >= 0 && i < devs.n; i++) {
		struct daxctl_dev *dev = devs.items[i];

		if (daxctl_dev_get_id(dev) != input.id ||
		    daxctl_region_get_id(daxctl_dev_get_region(dev)) !=
			    input.region) {
			fprintf(stderr, "%s: %s: the input describes dax%d.%d, not %s\n",
				cmd_prefix, p.input, input.region, input.id,
				daxctl_dev_get_devname(dev));
			dax_list_free(&devs);
			return EXIT_USAGE;
		}
	}
	if (!conf_dir || !*conf_dir)
		conf_dir = DAXCTL_CONF_DIR;

	flags = p.human ? UTIL_JSON_HUMAN : 0;
	out = json_object_new_array();
	/* a signal lets the device in progress finish or roll back */
	cli_interrupt_defer();
	for (i = 0; i < devs.n; i++) {
		struct daxctl_dev *dev = devs.items[i];
		const char *mode = p.mode;
		bool want_online = !p.no_online, want_movable = !p.no_movable;
		struct dev_state now;
		struct intent in;
		bool want_ram;

		if (p.check_config) {
			struct dax_conf c;

			rc = dax_conf_lookup(conf_dir, daxctl_dev_get_devname(dev),
					     &c);
			if (rc == -ENOENT) {
				fprintf(stderr, "%s: %s: no matching section in %s/*.conf: nothing to do\n",
					cmd_prefix, daxctl_dev_get_devname(dev),
					conf_dir);
				continue;
			}
			if (rc) {
				failed++;
				continue;
			}
			if (c.mode[0])
				mode = strcmp(c.mode, "system-ram") == 0 ?
					"system-ram" : "devdax";
			if (c.online >= 0)
				want_online = c.online;
			if (c.movable >= 0)
				want_movable = c.movable;
		}
		snapshot(dev, &now);
		if (p.size_set && region_is_static(daxctl_dev_get_region(dev))) {
			fprintf(stderr, "%s: %s: cannot resize: region%d is static (sized by its pmem namespace)\n",
				cmd_prefix, daxctl_dev_get_devname(dev),
				daxctl_region_get_id(daxctl_dev_get_region(dev)));
			failed++;
			continue;
		}
		want_ram = mode ? strcmp(mode, "system-ram") == 0
				: now.enabled && now.ram;
		/* a device not begun is left alone: stop here */
		if (cli_interrupted())
			break;
		intent_report(DAXCTL_INTENT_DIR, daxctl_dev_get_devname(dev),
			      cmd_prefix);
		record(&in, dev, &now, want_ram, want_online, want_movable,
		       cmdline);
		rc = reconfigure_one(dev, want_ram, want_online, want_movable);
		/*
		 * Done, or rolled back: the record goes.  A rollback that did
		 * not restore everything has said so; list shows the rest.
		 */
		intent_end(&in);
		if (rc) {
			failed++;
			continue;
		}
		done++;
		if (out)
			json_object_array_add(out, dax_dev_to_json(dev, flags));
	}
	dax_list_free(&devs);
	if (out) {
		util_json_print_list(stdout, out, flags);
		json_object_put(out);
	}
	report_count("reconfigured", done);
	cli_interrupt_deliver(cmd_prefix, NULL);
	return failed ? EXIT_FAIL : EXIT_OK;
}
