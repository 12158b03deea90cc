// SPDX-License-Identifier: GPL-2.0-only
/* create-, destroy-, enable-, disable-namespace */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "util/size.h"
#include "ndctl/ns-limits.h"
#include <ndctl/ndctl.h>

#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/inuse.h"
#include "ndctl/json.h"
#include "ndctl/ns-mode.h"
#include "ndctl/ns-intent.h"
#include "ndctl/nsconfig.h"
#include "util/interrupt.h"

#define CREATE "ndctl create-namespace"

struct create_params {
	const char *bus, *region, *reconfig, *uuid, *name, *size, *mode;
	const char *map, *sector_size, *type, *align;
	bool force, autolabel, cont, autorecover;
	int verbose;
	const char *cmdline; /* as given, for the record of a reconfigure */
};

static const char *size_str(unsigned long long v, char *buf, size_t len)
{
	format_size(buf, len, v);
	return buf;
}

/*
 * The parts of a new configuration given on the command line, validated
 * before anything is touched.  *set records which ones were given.
 */
struct wanted {
	struct ns_config cfg;
	bool has_mode, has_size, has_uuid, has_name, has_align, has_sector,
		has_map;
	const char *size_str;	/* as given, to quote in messages */
};

static int parse_wanted(const struct create_params *p, struct wanted *w)
{
	const char *why = NULL;
	uint64_t v;

	memset(w, 0, sizeof(*w));
	w->cfg.loc = NDCTL_PFN_LOC_PMEM;
	if (p->mode) {
		w->cfg.mode = nd_mode_parse(p->mode);
		if (w->cfg.mode == NDCTL_NS_MODE_UNKNOWN) {
			fprintf(stderr,
				CREATE ": unknown mode '%s' (expected fsdax, devdax, sector or raw)\n",
				p->mode);
			return -EINVAL;
		}
		w->has_mode = true;
	}
	if (p->size) {
		if (parse_size64(p->size, &v, &why) < 0) {
			fprintf(stderr, CREATE ": invalid size '%s': %s\n",
				p->size, why ? why : "not a size");
			return -EINVAL;
		}
		if (v == 0) {
			fprintf(stderr, CREATE ": invalid size '%s': must not be zero\n",
				p->size);
			return -EINVAL;
		}
		w->cfg.size = v;
		w->has_size = true;
		w->size_str = p->size;
	}
	if (p->uuid) {
		if (uuid_parse(p->uuid, w->cfg.uuid) != 0) {
			fprintf(stderr, CREATE ": invalid uuid '%s'\n", p->uuid);
			return -EINVAL;
		}
		w->has_uuid = true;
	}
	if (p->name) {
		if (strlen(p->name) >= 64) {
			fprintf(stderr,
				CREATE ": name '%s' is too long (at most 63 bytes)\n",
				p->name);
			return -EINVAL;
		}
		snprintf(w->cfg.name, sizeof(w->cfg.name), "%s", p->name);
		w->has_name = true;
	}
	if (p->align) {
		if (parse_size64(p->align, &v, &why) < 0 || !is_power_of_2(v) ||
		    v > ULONG_MAX) {
			fprintf(stderr,
				CREATE ": invalid alignment '%s': %s\n", p->align,
				why ? why : "not a power of two");
			return -EINVAL;
		}
		w->cfg.align = v;
		w->has_align = true;
	}
	if (p->sector_size) {
		if (parse_size64(p->sector_size, &v, &why) < 0 || v == 0 ||
		    v > UINT_MAX) {
			fprintf(stderr, CREATE ": invalid sector size '%s'\n",
				p->sector_size);
			return -EINVAL;
		}
		w->cfg.sector_size = v;
		w->has_sector = true;
	}
	if (p->map) {
		if (strcmp(p->map, "mem") == 0)
			w->cfg.loc = NDCTL_PFN_LOC_RAM;
		else if (strcmp(p->map, "dev") == 0)
			w->cfg.loc = NDCTL_PFN_LOC_PMEM;
		else {
			fprintf(stderr,
				CREATE ": invalid map location '%s' (expected mem or dev)\n",
				p->map);
			return -EINVAL;
		}
		w->has_map = true;
	}
	/* a size no region could take in this mode is a bad command line */
	if (w->has_mode && w->has_size) {
		char reason[256];

		if (ns_size_check(w->cfg.mode, w->cfg.size,
				  w->has_align ? w->cfg.align : 0, w->cfg.loc,
				  true, reason, sizeof(reason)) < 0) {
			fprintf(stderr, CREATE ": invalid size '%s': %s\n",
				p->size, reason);
			return -EINVAL;
		}
	}
	if (p->type && strcmp(p->type, "pmem") != 0 &&
	    strcmp(p->type, "blk") != 0) {
		fprintf(stderr, CREATE ": unknown type '%s' (expected pmem or blk)\n",
			p->type);
		return -EINVAL;
	}
	return 0;
}

/*
 * Check the mode-specific settings against what @region supports, filling
 * defaults.  Prints one line and returns -EINVAL when they cannot work.
 */
static int check_mode_settings(struct ndctl_region *region,
			       const struct wanted *w, struct ns_config *cfg)
{
	const char *rname = ndctl_region_get_devname(region);
	char list[256] = "";
	size_t used = 0;
	int i, n = 0;

	if (w->has_align && cfg->mode != NDCTL_NS_MODE_FSDAX &&
	    cfg->mode != NDCTL_NS_MODE_DEVDAX) {
		fprintf(stderr, CREATE ": --align applies to fsdax and devdax, not %s\n",
			nd_mode_name(cfg->mode));
		return -EINVAL;
	}
	if (w->has_map && cfg->mode != NDCTL_NS_MODE_FSDAX &&
	    cfg->mode != NDCTL_NS_MODE_DEVDAX) {
		fprintf(stderr, CREATE ": --map applies to fsdax and devdax, not %s\n",
			nd_mode_name(cfg->mode));
		return -EINVAL;
	}
	if (w->has_sector && cfg->mode != NDCTL_NS_MODE_SECTOR &&
	    cfg->mode != NDCTL_NS_MODE_RAW) {
		fprintf(stderr,
			CREATE ": --sector-size applies to sector and raw, not %s\n",
			nd_mode_name(cfg->mode));
		return -EINVAL;
	}

	if (cfg->mode == NDCTL_NS_MODE_FSDAX || cfg->mode == NDCTL_NS_MODE_DEVDAX) {
		struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);
		struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
		unsigned long a;

		if (cfg->mode == NDCTL_NS_MODE_FSDAX ? !pfn : !dax) {
			fprintf(stderr, CREATE ": %s: %s mode is not supported by this region\n",
				rname, nd_mode_name(cfg->mode));
			return -EINVAL;
		}
		n = pfn && cfg->mode == NDCTL_NS_MODE_FSDAX ?
			ndctl_pfn_get_num_alignments(pfn) :
			ndctl_dax_get_num_alignments(dax);
		if (!cfg->align)
			cfg->align = SZ_2M;	/* the established default */
		for (i = 0; i < n; i++) {
			a = cfg->mode == NDCTL_NS_MODE_FSDAX ?
				ndctl_pfn_get_supported_alignment(pfn, i) :
				ndctl_dax_get_supported_alignment(dax, i);
			if (a == cfg->align)
				return 0;
			if (used < sizeof(list))
				used += snprintf(list + used, sizeof(list) - used,
						 "%s%lu", i ? ", " : "", a);
		}
		if (!n)
			return 0;	/* the kernel does not say: let it decide */
		if (!w->has_align) {
			cfg->align = 0;
			return 0;
		}
		fprintf(stderr, CREATE ": %s: alignment %lu is not supported (supported: %s)\n",
			rname, cfg->align, list);
		return -EINVAL;
	}
	if (cfg->mode == NDCTL_NS_MODE_SECTOR && cfg->sector_size) {
		struct ndctl_btt *btt = ndctl_region_get_btt_seed(region);

		n = btt ? ndctl_btt_get_num_sector_sizes(btt) : 0;
		for (i = 0; i < n; i++) {
			unsigned int s = ndctl_btt_get_supported_sector_size(btt, i);

			if (s == cfg->sector_size)
				return 0;
			if (used < sizeof(list))
				used += snprintf(list + used, sizeof(list) - used,
						 "%s%u", i ? ", " : "", s);
		}
		if (n) {
			fprintf(stderr, CREATE ": %s: sector size %u is not supported (supported: %s)\n",
				rname, cfg->sector_size, list);
			return -EINVAL;
		}
	}
	return 0;
}

static int check_size(struct ndctl_region *region, unsigned long long size,
		      const char *given, unsigned long long avail)
{
	unsigned long align = ndctl_region_get_align(region);
	char b1[64], b2[64], sz[96];

	if (given)
		snprintf(sz, sizeof(sz), "'%s' (%llu)", given, size);
	else
		snprintf(sz, sizeof(sz), "%llu", size);
	if (align && align != ULONG_MAX && size % align) {
		fprintf(stderr,
			CREATE ": %s: size %s is not a multiple of the region alignment %lu (%s)\n",
			ndctl_region_get_devname(region), sz, align,
			size_str(align, b1, sizeof(b1)));
		return -EINVAL;
	}
	if (size > avail) {
		fprintf(stderr,
			CREATE ": %s: size %s exceeds the largest free extent %s\n",
			ndctl_region_get_devname(region), sz,
			size_str(avail, b2, sizeof(b2)));
		return -ENOSPC;
	}
	return 0;
}

/* The mode's minimum and alignment rules for the resolved @cfg */
static int check_mode_size(const char *dev, const struct ns_config *cfg,
			   const char *given)
{
	char why[256], sz[96];

	if (ns_size_check(cfg->mode, cfg->size, cfg->align, cfg->loc,
			  given != NULL, why, sizeof(why)) == 0)
		return 0;
	if (given)
		snprintf(sz, sizeof(sz), "'%s' (%llu)", given, cfg->size);
	else
		snprintf(sz, sizeof(sz), "%llu", cfg->size);
	fprintf(stderr, CREATE ": %s: size %s: %s\n", dev, sz, why);
	return -EINVAL;
}

static void print_namespace(struct ndctl_namespace *ndns)
{
	struct json_object *j = nd_namespace_to_json(ndns, ND_JSON_DAX);

	if (j) {
		util_json_print(stdout, j);
		json_object_put(j);
	}
}

/*
 * The region is chosen before the lock is taken (by the first configuring
 * write), so another process may fill it or enable its seed in between:
 * then the kernel's answer (no space, no idle namespace or claim seed yet:
 * the kernel registers the next seed after an enable, asynchronously) is
 * not this create's fault.  Such a failure is taken again from a fresh
 * view of the bus, on this or another region, this many times.
 */
#define CREATE_TRIES 4

/* @why, and -EAGAIN when the create may be tried again; else 0 */
static int transient(bool may_retry, bool verbose, const char *rname,
		     const char *why)
{
	if (!may_retry)
		return 0;
	if (verbose)
		fprintf(stderr, CREATE ": %s: %s (another process?): trying again\n",
			rname, why);
	return -EAGAIN;
}

/*
 * Create one namespace in @region; 0, or a negative errno after a message,
 * or -EAGAIN (said only with @verbose) after a failure that another process
 * may have caused, when @may_retry.
 */
static int create_in_region(struct ndctl_region *region, const struct wanted *w,
			    bool may_retry, bool verbose)
{
	const char *rname = ndctl_region_get_devname(region);
	struct ndctl_namespace *ndns = ndctl_region_get_namespace_seed(region);
	unsigned long long avail = ndctl_region_get_max_available_extent(region);
	struct ns_config cfg = w->cfg;
	const char *step;
	int rc;

	if (!ndns && transient(may_retry, verbose, rname, "no idle namespace"))
		return -EAGAIN;
	if (!ndns) {
		fprintf(stderr, CREATE ": %s: no idle namespace to configure (labels not initialized?)\n",
			rname);
		return -ENXIO;
	}
	if (!w->has_mode)
		cfg.mode = ndctl_region_get_pfn_seed(region) ?
			NDCTL_NS_MODE_FSDAX : NDCTL_NS_MODE_RAW;
	if ((cfg.mode == NDCTL_NS_MODE_FSDAX && !ndctl_region_get_pfn_seed(region)) ||
	    (cfg.mode == NDCTL_NS_MODE_DEVDAX && !ndctl_region_get_dax_seed(region))) {
		if (transient(may_retry, verbose, rname, "no idle claim seed"))
			return -EAGAIN;
	}
	rc = check_mode_settings(region, w, &cfg);
	if (rc)
		return rc;
	if (!w->has_size)
		cfg.size = avail;
	if (!cfg.size) {
		if (transient(may_retry, verbose, rname, "no capacity left"))
			return -EAGAIN;
		fprintf(stderr, CREATE ": %s: no capacity available\n", rname);
		return -ENOSPC;
	}
	if (cfg.size > avail &&
	    transient(may_retry, verbose, rname, "the free extent shrank"))
		return -EAGAIN;
	rc = check_size(region, cfg.size, w->size_str, avail);
	if (rc)
		return rc;
	rc = check_mode_size(rname, &cfg, w->size_str);
	if (rc)
		return rc;
	ns_config_set_uuids(&cfg, w->has_uuid ? w->cfg.uuid : NULL);

	/* a signal waits: the seed is configured and enabled, or reset */
	cli_interrupt_defer();
	rc = ns_config_apply(region, NULL, &cfg, &ndns, &step);
	/*
	 * Rolled back (the seed is idle again), nothing of ours is left:
	 * no room, or no namespace or claim seed to take (-ENXIO from the
	 * uuid steps; a failed enable is -ENXIO too, and is no race).
	 */
	if ((rc == -ENOSPC ||
	     (rc == -ENXIO && (strstr(step, "finding") || strstr(step, "uuid")))) &&
	    transient(may_retry, verbose, rname, step)) {
		cli_interrupt_deliver(CREATE, NULL);
		return -EAGAIN;
	}
	if (rc < 0) {
		fprintf(stderr, CREATE ": %s: %s failed: %s\n", rname, step,
			strerror(-rc));
		cli_interrupt_deliver(CREATE, NULL);
		return rc;
	}
	print_namespace(ndns);
	cli_interrupt_deliver(CREATE, "after the namespace was created");
	return 0;
}

static bool region_usable(struct ndctl_region *region, const char *type,
			  bool *noseed)
{
	if (!ndctl_region_is_enabled(region))
		return false;
	if (type && strcmp(type, ndctl_region_get_type_name(region)) != 0)
		return false;
	/* label-less regions have one fixed namespace and nothing to create */
	if (!ndctl_region_get_namespace_seed(region) ||
	    ndctl_region_get_nstype(region) == ND_DEVICE_NAMESPACE_IO) {
		*noseed = true;
		return false;
	}
	return ndctl_region_get_max_available_extent(region) > 0;
}

/* The first enabled region passing the filters that has room for @size */
static struct ndctl_region *pick_region(struct ndctl_ctx *ctx,
					const struct create_params *p,
					const struct wanted *w,
					struct ndctl_region **any,
					bool *noseed)
{
	struct ndctl_region *found = NULL;
	struct nd_sorted buses, regions;
	size_t b, r;

	*any = NULL;
	*noseed = false;
	if (nd_sorted_buses(ctx, &buses))
		return NULL;
	for (b = 0; b < buses.n && !found; b++) {
		if (!nd_bus_match(buses.v[b].obj, p->bus))
			continue;
		if (nd_sorted_regions(buses.v[b].obj, &regions))
			break;
		for (r = 0; r < regions.n && !found; r++) {
			struct ndctl_region *region = regions.v[r].obj;

			if (!nd_region_match(region, p->region))
				continue;
			if (!*any)
				*any = region;
			if (!region_usable(region, p->type, noseed))
				continue;
			if (w->has_size &&
			    ndctl_region_get_max_available_extent(region) < w->cfg.size)
				continue;
			found = region;
		}
		nd_sorted_free(&regions);
	}
	nd_sorted_free(&buses);
	return found;
}

/*
 * A label-less namespace (e820, an NVDIMM without labels) is its region's
 * whole range, with no uuid, name or sector size of its own: only its
 * claim can change.  Refuse the options that would be silently dropped.
 */
static int check_label_less(struct ndctl_namespace *ndns, const struct wanted *w)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	unsigned long long size = ndctl_namespace_get_size(ndns);
	char b1[64];

	if (w->has_size && w->cfg.size != size) {
		fprintf(stderr,
			CREATE ": %s: has no labels, its size is fixed at %s (%llu); retry without --size\n",
			dev, size_str(size, b1, sizeof(b1)), size);
		return -EINVAL;
	}
	if (w->has_name) {
		fprintf(stderr, CREATE ": %s: has no labels to hold a name; retry without --name\n",
			dev);
		return -EINVAL;
	}
	if (w->has_sector && (!w->has_mode || w->cfg.mode != NDCTL_NS_MODE_SECTOR)) {
		fprintf(stderr,
			CREATE ": %s: has no labels, its sector size is fixed (--sector-size applies to sector mode only)\n",
			dev);
		return -EINVAL;
	}
	return 0;
}

/*
 * Like the established tool, the namespace is reconfigured where it is:
 * released (personality and info block), renamed and resized in place, so
 * it keeps its device name and a script can reconfigure it again by that
 * name.  The established tool leaves nothing when the new configuration
 * fails; here a failure puts the saved configuration back, and the
 * message says what was tried.
 */
static int reconfigure(struct ndctl_ctx *ctx, const struct create_params *p,
		       const struct wanted *w)
{
	struct nd_filter f = { .bus = p->bus, .region = p->region };
	struct ndctl_namespace *ndns = NULL;
	struct nd_sorted buses, regions, nss;
	struct ns_config old, cfg;
	struct ndctl_region *region;
	const char *step, *rstep;
	char user[256], b1[64], name[64];
	struct intent in;
	size_t b, r, n;
	bool label_less;
	int rc, rrc;

	if (nd_filter_check_exists(ctx, &f, CREATE))
		return -ENXIO;
	if (nd_sorted_buses(ctx, &buses))
		return -ENOMEM;
	for (b = 0; b < buses.n && !ndns; b++) {
		if (!nd_bus_match(buses.v[b].obj, p->bus) ||
		    nd_sorted_regions(buses.v[b].obj, &regions))
			continue;
		for (r = 0; r < regions.n && !ndns; r++) {
			if (!nd_region_match(regions.v[r].obj, p->region) ||
			    nd_sorted_namespaces(regions.v[r].obj, &nss))
				continue;
			for (n = 0; n < nss.n && !ndns; n++)
				if (nd_namespace_match(nss.v[n].obj, p->reconfig))
					ndns = nss.v[n].obj;
			nd_sorted_free(&nss);
		}
		nd_sorted_free(&regions);
	}
	nd_sorted_free(&buses);
	if (!ndns) {
		fprintf(stderr, CREATE ": no namespace matches '%s'\n", p->reconfig);
		return -ENXIO;
	}
	label_less = ndctl_namespace_get_type(ndns) == ND_DEVICE_NAMESPACE_IO;
	if (label_less) {
		rc = check_label_less(ndns, w);
		if (rc)
			return rc;
	}
	/* a reconfigure killed half-way: say what it left, then redo */
	intent_report(NDCTL_INTENT_DIR, ndctl_namespace_get_devname(ndns),
		      CREATE);
	if (nd_namespace_user(ndns, user, sizeof(user)) && !p->force) {
		fprintf(stderr, CREATE ": %s: %s; use --force to reconfigure anyway\n",
			ndctl_namespace_get_devname(ndns), user);
		return -EBUSY;
	}
	if (ndctl_namespace_is_active(ndns) && !p->force) {
		fprintf(stderr, CREATE ": %s is active, use --force to reconfigure it\n",
			ndctl_namespace_get_devname(ndns));
		return -EBUSY;
	}

	ns_config_save(ndns, &old);
	if (!old.size || old.size == ULLONG_MAX) {
		fprintf(stderr, CREATE ": %s: is not configured, nothing to reconfigure\n",
			ndctl_namespace_get_devname(ndns));
		return -ENXIO;
	}
	cfg = old;
	/* the mode the namespace reports, as the established tool keeps */
	cfg.mode = w->has_mode ? w->cfg.mode : ndctl_namespace_get_mode(ndns);
	if (cfg.mode == NDCTL_NS_MODE_UNKNOWN)
		cfg.mode = old.mode;
	if (w->has_size)
		cfg.size = w->cfg.size;
	if (w->has_name)
		memcpy(cfg.name, w->cfg.name, sizeof(cfg.name));
	ns_config_set_uuids(&cfg, w->has_uuid ? w->cfg.uuid : NULL);
	cfg.sector_size = w->has_sector ? w->cfg.sector_size :
		cfg.mode == old.mode ? old.sector_size : 0;
	cfg.align = w->has_align ? w->cfg.align :
		cfg.mode == old.mode ? old.align : 0;
	cfg.loc = w->has_map ? w->cfg.loc : old.loc;
	{
		struct wanted w2 = *w;

		w2.has_align = w->has_align;
		rc = check_mode_settings(ndctl_namespace_get_region(ndns), &w2,
					 &cfg);
		if (rc)
			return rc;
	}
	rc = check_mode_size(ndctl_namespace_get_devname(ndns), &cfg,
			     w->has_size ? w->size_str : NULL);
	if (rc)
		return rc;

	region = ndctl_namespace_get_region(ndns);
	snprintf(name, sizeof(name), "%s", ndctl_namespace_get_devname(ndns));
	/*
	 * From here the namespace is in neither configuration until the end:
	 * a signal waits for the step in progress, a kill leaves the record.
	 */
	cli_interrupt_defer();
	ns_intent_begin(&in, name, &old, &cfg, p->cmdline, CREATE);
	rc = ns_release(ndns, &step);
	if (rc < 0) {
		/* nothing was freed yet: the old configuration stands */
		fprintf(stderr, CREATE ": %s: %s failed: %s; left unchanged\n",
			name, step, strerror(-rc));
		intent_end(&in);
		cli_interrupt_deliver(CREATE, NULL);
		return rc;
	}
	if (cli_interrupted()) {
		rc = -EINTR;
		step = "interrupted";
	} else {
		/* in place: the namespace keeps its name for the next -e */
		rc = ns_config_apply(region, ndns, &cfg, &ndns, &step);
	}
	if (rc == 0) {
		print_namespace(ndns);
		intent_end(&in);
		cli_interrupt_deliver(CREATE, "after the reconfigure finished");
		return 0;
	}

	if (rc == -EINTR)
		fprintf(stderr, CREATE ": %s: interrupted; restoring the previous configuration\n",
			name);
	else
		fprintf(stderr, CREATE ": %s: reconfigure to %s, size %s failed while %s: %s\n",
			name, nd_mode_name(cfg.mode),
			size_str(cfg.size, b1, sizeof(b1)), step,
			strerror(-rc));
	rrc = ns_config_apply(region, ndns, &old, &ndns, &rstep);
	if (rrc == 0) {
		fprintf(stderr, CREATE ": %s: restored the previous %s configuration (size %s)\n",
			name, nd_mode_name(old.mode),
			size_str(old.size, b1, sizeof(b1)));
		intent_end(&in);
	} else {
		/* the record stays: it says what the namespace was */
		fprintf(stderr, CREATE ": %s: restoring the previous configuration failed while %s: %s\n",
			name, rstep, strerror(-rrc));
	}
	cli_interrupt_deliver(CREATE, NULL);
	return rc;
}

int cmd_create_namespace(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = {
		"ndctl create-namespace [<options>]", NULL };
	struct create_params p = { 0 };
	const struct option opts[] = {
		OPT_STRING('b', "bus", &p.bus, "bus-id",
			   "create on the bus <bus-id> (id or provider)"),
		OPT_STRING('r', "region", &p.region, "region-id",
			   "create in the region <region-id> (id or name)"),
		OPT_INCR('v', "verbose", &p.verbose, "log library debug messages on stderr"),
		OPT_STRING('e', "reconfig", &p.reconfig, "reconfig namespace",
			   "change this existing namespace"),
		OPT_STRING('u', "uuid", &p.uuid, "uuid",
			   "the namespace's own (label) uuid (default: a random one)"),
		OPT_STRING('n', "name", &p.name, "name",
			   "a free-form name stored in the namespace label"),
		OPT_STRING('s', "size", &p.size, "size",
			   "size in bytes (default: all the space available)"),
		OPT_STRING('m', "mode", &p.mode, "operation-mode",
			   "namespace mode: fsdax, devdax, sector or raw"),
		OPT_STRING('M', "map", &p.map, "memmap-location",
			   "where the page map lives: 'mem' (RAM) or 'dev' (on the namespace)"),
		OPT_STRING('l', "sector-size", &p.sector_size, "lba-size",
			   "logical sector size in bytes"),
		OPT_STRING('t', "type", &p.type, "type",
			   "namespace type: 'pmem' or 'blk'"),
		OPT_STRING('a', "align", &p.align, "align",
			   "alignment in bytes (2M by default where supported)"),
		OPT_BOOLEAN('f', "force", &p.force,
			    "reconfigure an enabled namespace too"),
		OPT_BOOLEAN('L', "autolabel", &p.autolabel,
			    "write labels to label-less DIMMs first"),
		OPT_BOOLEAN('c', "continue", &p.cont,
			    "keep creating namespaces while matching regions have room"),
		OPT_BOOLEAN('R', "autorecover", &p.autorecover,
			    "automatically cleanup on failure (always done)"),
		OPT_END(),
	};
	struct ndctl_region *region, *any;
	struct nd_filter f = { 0 };
	bool noseed;
	struct wanted w;
	int n, rc, created = 0, tries = 0;
	char cmdline[1024];

	if (intent_join(cmdline, sizeof(cmdline), CREATE, argc, argv))
		snprintf(cmdline, sizeof(cmdline), "%s (a long command line)",
			 CREATE);
	p.cmdline = cmdline;
	n = nd_parse_options(argc, argv, opts, usage, CREATE);
	if (n > 0) {
		fprintf(stderr, CREATE ": unexpected argument '%s'\n", argv[0]);
		return EXIT_USAGE;
	}
	if (p.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (parse_wanted(&p, &w))
		return EXIT_USAGE;
	if (p.reconfig) {
		if (p.cont) {
			fprintf(stderr, CREATE ": --continue cannot be combined with --reconfig\n");
			return EXIT_USAGE;
		}
		/* exactly the one namespace named, never a pattern */
		if (strcmp(p.reconfig, "all") == 0 || strchr(p.reconfig, ' ')) {
			fprintf(stderr, CREATE ": --reconfig takes one namespace, not '%s'\n",
				p.reconfig);
			return EXIT_USAGE;
		}
		return reconfigure(ctx, &p, &w) ? 1 : 0;
	}

	f.bus = p.bus;
	f.region = p.region;
	if (nd_filter_check_exists(ctx, &f, CREATE))
		return 1;
	/* fresh labels change every region's namespaces: re-read them all */
	if (p.autolabel && nd_autolabel(ctx, p.bus, p.region) > 0)
		ndctl_invalidate(ctx);
	for (;;) {
		region = pick_region(ctx, &p, &w, &any, &noseed);
		if (!region && noseed && tries + 1 < CREATE_TRIES) {
			struct ndctl_bus *bus;

			/* another create's enable: its next seed is on the way */
			if (p.verbose)
				fprintf(stderr, CREATE ": no idle namespace yet (another process?): trying again\n");
			tries++;
			ndctl_bus_foreach(ctx, bus)
				ndctl_bus_wait_probe(bus);
			ndctl_invalidate(ctx);
			continue;
		}
		if (!region) {
			if (created)
				break;
			if (noseed && !created) {
				fprintf(stderr, CREATE ": no region%s%s has an idle namespace to configure (no labels? see --autolabel and init-labels)\n",
					p.region ? " matching " : "",
					p.region ? p.region : "");
			} else if (any && w.has_size) {
				char b1[64];

				fprintf(stderr, CREATE ": no region%s%s has room for size '%s' (%s)\n",
					p.region ? " matching " : "",
					p.region ? p.region : "", w.size_str,
					size_str(w.cfg.size, b1, sizeof(b1)));
			} else
				fprintf(stderr, CREATE ": no region%s%s has free capacity in an idle namespace\n",
					p.region ? " matching " : "",
					p.region ? p.region : "");
			return 1;
		}
		rc = create_in_region(region, &w, tries + 1 < CREATE_TRIES,
				      p.verbose);
		if (rc == -EAGAIN) {
			/* a fresh view: sizes, seeds, another region */
			tries++;
			ndctl_bus_wait_probe(ndctl_region_get_bus(region));
			ndctl_invalidate(ctx);
			continue;
		}
		if (rc)
			return 1;
		created++;
		tries = 0;
		if (!p.cont)
			break;
	}
	if (p.cont)
		fprintf(stderr, "created %d namespace%s\n", created,
			created == 1 ? "" : "s");
	return 0;
}

/* ---- destroy / enable / disable ---- */

enum ns_action { NS_DESTROY, NS_ENABLE, NS_DISABLE };

static int act_on_namespace(struct ndctl_namespace *ndns, enum ns_action act,
			    bool force, const char *prog)
{
	const char *step;
	char user[256], dev[64];
	int rc;

	/* the object may be freed by the library on destroy */
	snprintf(dev, sizeof(dev), "%s", ndctl_namespace_get_devname(ndns));
	switch (act) {
	case NS_ENABLE:
		if (ndctl_namespace_is_active(ndns))
			return 0;
		rc = ndctl_namespace_enable(ndns);
		if (rc < 0)
			fprintf(stderr, "%s: %s: enable failed: %s\n", prog, dev,
				strerror(-rc));
		return rc;
	case NS_DISABLE:
		if (nd_namespace_user(ndns, user, sizeof(user))) {
			fprintf(stderr, "%s: %s: %s\n", prog, dev, user);
			return -EBUSY;
		}
		rc = ndctl_namespace_disable_invalidate(ndns);
		if (rc < 0)
			fprintf(stderr, "%s: %s: disable failed: %s\n", prog, dev,
				strerror(-rc));
		return rc;
	case NS_DESTROY:
		break;
	}

	if (ndctl_namespace_get_type(ndns) == ND_DEVICE_NAMESPACE_IO) {
		fprintf(stderr, "%s: %s: has no labels and cannot be destroyed\n",
			prog, dev);
		return -EOPNOTSUPP;
	}
	if (nd_namespace_user(ndns, user, sizeof(user)) && !force) {
		fprintf(stderr, "%s: %s: %s; use --force to destroy it anyway\n",
			prog, dev, user);
		return -EBUSY;
	}
	if (ndctl_namespace_is_active(ndns) && !force) {
		fprintf(stderr, "%s: %s is active, use --force to destroy it\n",
			prog, dev);
		return -EBUSY;
	}
	rc = ns_reset(ndns, &step);
	if (rc < 0)
		fprintf(stderr, "%s: %s: %s failed: %s\n", prog, dev, step,
			strerror(-rc));
	else
		/* nothing left to finish or undo */
		intent_forget(NDCTL_INTENT_DIR, dev);
	return rc;
}

static int namespace_action(int argc, const char **argv, struct ndctl_ctx *ctx,
			    enum ns_action act, const char *prog,
			    const char *done)
{
	const char *usage_line[] = { NULL, NULL };
	char ubuf[128];
	struct nd_filter f = { 0 };
	bool force = false;
	int verbose = 0;
	struct option opts[] = {
		OPT_STRING('b', "bus", &f.bus, "bus-id",
			   "create on the bus <bus-id> (id or provider)"),
		OPT_STRING('r', "region", &f.region, "region-id",
			   "create in the region <region-id> (id or name)"),
		OPT_INCR('v', "verbose", &verbose, "log library debug messages on stderr"),
		OPT_BOOLEAN('f', "force", &force, "destroy an enabled namespace too"),
		OPT_END(),
	};
	struct nd_sorted buses, regions, nss;
	int n, i, count = 0, failed = 0;
	size_t b, r, k;

	snprintf(ubuf, sizeof(ubuf), "%s <namespace> [<options>]", prog);
	usage_line[0] = ubuf;
	if (act != NS_DESTROY)
		opts[3] = (struct option)OPT_END();	/* --force is destroy's */
	n = nd_parse_options(argc, argv, opts, usage_line, prog);
	if (n == 0) {
		fprintf(stderr, "%s: specify a namespace to act on, or 'all'\n",
			prog);
		return EXIT_USAGE;

	}
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	for (i = 0; i < n; i++) {
		f.namespace = argv[i];
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
			if (!nd_region_match(regions.v[r].obj, f.region) ||
			    nd_sorted_namespaces(regions.v[r].obj, &nss))
				continue;
			for (k = 0; k < nss.n; k++) {
				struct ndctl_namespace *ndns = nss.v[k].obj;
				bool hit = false;

				for (i = 0; i < n && !hit; i++)
					hit = nd_namespace_match(ndns, argv[i]);
				if (!hit)
					continue;
				/* "all" skips the idle seeds quietly */
				if (act != NS_ENABLE &&
				    !ndctl_namespace_is_active(ndns) &&
				    (ndctl_namespace_get_size(ndns) == 0 ||
				     ndctl_namespace_get_size(ndns) == ULLONG_MAX))
					continue;
				if (act == NS_ENABLE &&
				    (ndctl_namespace_get_size(ndns) == 0 ||
				     ndctl_namespace_is_active(ndns)))
					continue;
				if (act_on_namespace(ndns, act, force, prog) < 0)
					failed++;
				else
					count++;
			}
			nd_sorted_free(&nss);
		}
		nd_sorted_free(&regions);
	}
	nd_sorted_free(&buses);
	/* on a refusal alone, the refusal is the one line to read */
	if (count || !failed)
		fprintf(stderr, "%s %d namespace%s\n", done, count,
			count == 1 ? "" : "s");
	return failed ? 1 : 0;
}

int cmd_destroy_namespace(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return namespace_action(argc, argv, ctx, NS_DESTROY,
				"ndctl destroy-namespace", "destroyed");
}

int cmd_enable_namespace(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return namespace_action(argc, argv, ctx, NS_ENABLE,
				"ndctl enable-namespace", "enabled");
}

int cmd_disable_namespace(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return namespace_action(argc, argv, ctx, NS_DISABLE,
				"ndctl disable-namespace", "disabled");
}
