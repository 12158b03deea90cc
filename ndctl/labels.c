// SPDX-License-Identifier: GPL-2.0-only
/* init-, read-, write-, zero-, check-labels and create-namespace -L */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/stat.h>

#include "util/read-file.h"
#include "util/size.h"
#include <ndctl/ndctl.h>

#include "ndctl/builtin.h"
#include "ndctl/dimm.h"
#include "ndctl/filter.h"
#include "ndctl/inuse.h"
#include "ndctl/json.h"
#include "ndctl/label-json.h"

struct label_params {
	const char *prog;
	const char *bus;
	const char *version;
	const char *size_str, *offset_str;
	const char *output, *input;
	bool force, json, human, index_only;
	int verbose;
	/* resolved */
	uint64_t size, offset;
	enum ndctl_namespace_version v;
	FILE *out;
	struct json_object *jdimms;
};

static const char *devname(struct ndctl_dimm *dimm)
{
	return ndctl_dimm_get_devname(dimm);
}

/* Label writes go behind the kernel's back unless no region uses the DIMM */
static int require_idle(struct ndctl_dimm *dimm, const struct label_params *p)
{
	if (!ndctl_dimm_is_active(dimm))
		return 0;
	fprintf(stderr, "%s: %s is active (an enabled region uses it); disable the region first\n",
		p->prog, devname(dimm));
	return -EBUSY;
}

/*
 * The kernel keeps a copy of the label area from when the DIMM driver
 * bound: cycle the driver so it sees what was just written.
 */
static int reload(struct ndctl_dimm *dimm, const struct label_params *p)
{
	int rc;

	if (!ndctl_dimm_is_enabled(dimm))
		return 0;
	rc = ndctl_dimm_disable(dimm);
	if (!rc)
		rc = ndctl_dimm_enable(dimm);
	if (rc < 0)
		fprintf(stderr, "%s: %s: reloading the labels into the kernel: %s\n",
			p->prog, devname(dimm), strerror(-rc));
	return rc;
}

/*
 * The library validates and initializes labels against the copy of the
 * label area its last read_labels fetched: hold one across the call.
 */
static struct ndctl_cmd *fetch_labels(struct ndctl_dimm *dimm,
				      const struct label_params *p)
{
	struct ndctl_cmd *cmd = ndctl_dimm_read_labels(dimm);

	if (!cmd)
		fprintf(stderr, "%s: %s: cannot read the label area\n",
			p ? p->prog : "ndctl", devname(dimm));
	return cmd;
}

static int init_one(struct ndctl_dimm *dimm, void *arg)
{
	struct label_params *p = arg;
	struct ndctl_cmd *rd;
	int rc;

	rc = require_idle(dimm, p);
	if (rc)
		return rc;
	rd = fetch_labels(dimm, p);
	if (!rd)
		return -ENXIO;
	if (!p->force && ndctl_dimm_validate_labels(dimm) >= 0) {
		fprintf(stderr, "%s: %s already has a valid label index; use --force to overwrite it\n",
			p->prog, devname(dimm));
		ndctl_cmd_unref(rd);
		return -EEXIST;
	}
	rc = ndctl_dimm_init_labels(dimm, p->v);
	ndctl_cmd_unref(rd);
	if (rc < 0) {
		fprintf(stderr, "%s: %s: %s\n", p->prog, devname(dimm),
			strerror(-rc));
		return rc;
	}
	return reload(dimm, p);
}

static int zero_one(struct ndctl_dimm *dimm, void *arg)
{
	struct label_params *p = arg;
	int rc;

	rc = require_idle(dimm, p);
	if (rc)
		return rc;
	if (p->size_str || p->offset_str)
		rc = ndctl_dimm_zero_label_extent(dimm, p->size, p->offset);
	else
		rc = ndctl_dimm_zero_labels(dimm);
	if (rc < 0) {
		fprintf(stderr, "%s: %s: %s\n", p->prog, devname(dimm),
			strerror(-rc));
		return rc;
	}
	return reload(dimm, p);
}

static int check_one(struct ndctl_dimm *dimm, void *arg)
{
	struct label_params *p = arg;
	struct ndctl_cmd *rd = fetch_labels(dimm, p);
	int rc;

	if (!rd)
		return -ENXIO;
	rc = ndctl_dimm_validate_labels(dimm);
	ndctl_cmd_unref(rd);
	if (rc < 0)
		fprintf(stderr, "%s: %s: no valid label index: %s\n", p->prog,
			devname(dimm), strerror(-rc));
	return rc < 0 ? rc : 0;
}

/* The label area bytes @p asks for; caller frees *@buf. */
static int read_area(struct ndctl_dimm *dimm, struct label_params *p,
		     unsigned char **buf, size_t *len)
{
	struct ndctl_cmd *cmd;
	unsigned long long size = p->size;
	ssize_t got;

	/* json decodes --index from the whole area: the geometry needs it */
	if (p->index_only && !p->json)
		size = 2ULL * ndctl_dimm_sizeof_namespace_index(dimm);
	if (size || p->offset)
		cmd = ndctl_dimm_read_label_extent(dimm, size, p->offset);
	else
		cmd = ndctl_dimm_read_labels(dimm);
	if (!cmd) {
		fprintf(stderr, "%s: %s: cannot read the label area%s\n",
			p->prog, devname(dimm),
			size || p->offset ? " at that offset/size" : "");
		return -ENXIO;
	}
	got = ndctl_cmd_cfg_read_get_size(cmd);
	if (got <= 0) {
		ndctl_cmd_unref(cmd);
		fprintf(stderr, "%s: %s: empty label area\n", p->prog, devname(dimm));
		return -ENXIO;
	}
	*buf = malloc(got);
	if (!*buf) {
		ndctl_cmd_unref(cmd);
		return -ENOMEM;
	}
	got = ndctl_cmd_cfg_read_get_data(cmd, *buf, got, 0);
	ndctl_cmd_unref(cmd);
	if (got < 0) {
		free(*buf);
		fprintf(stderr, "%s: %s: reading labels: %s\n", p->prog,
			devname(dimm), strerror((int)-got));
		return (int)got;
	}
	*len = got;
	return 0;
}

static int read_one(struct ndctl_dimm *dimm, void *arg)
{
	struct label_params *p = arg;
	unsigned char *buf = NULL;
	size_t len = 0;
	int rc;

	rc = read_area(dimm, p, &buf, &len);
	if (rc)
		return rc;
	if (p->json) {
		struct json_object *jdimm = json_object_new_object();
		struct json_object *jarea;

		jarea = nd_label_area_to_json(buf, len, p->index_only,
					      p->human ? UTIL_JSON_HUMAN : 0);
		if (!jdimm || !jarea) {
			json_object_put(jdimm);
			json_object_put(jarea);
			free(buf);
			fprintf(stderr, "%s: %s: no valid label index to decode\n",
				p->prog, devname(dimm));
			return -ENXIO;
		}
		json_object_object_add(jdimm, "dev",
				       json_object_new_string(devname(dimm)));
		json_object_object_foreach(jarea, key, val)
			json_object_object_add(jdimm, key, json_object_get(val));
		json_object_put(jarea);
		json_object_array_add(p->jdimms, jdimm);
	} else if (fwrite(buf, 1, len, p->out) != len) {
		fprintf(stderr, "%s: %s: writing %s: %s\n", p->prog,
			devname(dimm), p->output ? p->output : "stdout",
			strerror(errno));
		rc = -EIO;
	}
	free(buf);
	return rc;
}

static int write_one(struct ndctl_dimm *dimm, void *arg)
{
	struct label_params *p = arg;
	struct ndctl_cmd *rd, *wr;
	unsigned char *buf = NULL;
	char *cbuf, why[96];
	size_t len = 0;
	ssize_t area;
	int rc;

	rc = require_idle(dimm, p);
	if (rc)
		return rc;
	rd = ndctl_dimm_read_labels(dimm);
	area = rd ? ndctl_cmd_cfg_read_get_size(rd) : -ENXIO;
	if (area < 0 || p->offset >= (unsigned long long)area) {
		fprintf(stderr, "%s: %s: offset %llu is outside the label area (%lld bytes)\n",
			p->prog, devname(dimm), (unsigned long long)p->offset,
			area < 0 ? 0LL : (long long)area);
		if (rd)
			ndctl_cmd_unref(rd);
		return -EINVAL;
	}
	/* the input can hold no more than what fits from the offset on */
	rc = util_read_file(p->input, (size_t)area - p->offset,
			    UTIL_READ_STDIN | UTIL_READ_NONEMPTY, &cbuf, &len,
			    why, sizeof(why));
	if (rc) {
		fprintf(stderr, "%s: %s: input %s: %s%s\n", p->prog,
			devname(dimm), util_read_file_name(p->input,
							   UTIL_READ_STDIN),
			why, rc == -EFBIG ? " (the label area from the offset on)" : "");
		ndctl_cmd_unref(rd);
		return rc;
	}
	buf = (unsigned char *)cbuf;
	if (p->size_str && p->size < len)
		len = p->size;
	wr = ndctl_dimm_cmd_new_cfg_write(rd);
	rc = wr ? 0 : -ENOMEM;
	if (!rc)
		rc = ndctl_cmd_cfg_write_set_extent(wr, len, p->offset);
	if (!rc && ndctl_cmd_cfg_write_set_data(wr, buf, len, 0) < 0)
		rc = -EINVAL;
	if (!rc)
		rc = ndctl_cmd_submit(wr);
	if (!rc && ndctl_cmd_get_firmware_status(wr))
		rc = -EIO;
	if (rc < 0)
		fprintf(stderr, "%s: %s: writing the label area: %s\n", p->prog,
			devname(dimm), strerror(-rc));
	if (wr)
		ndctl_cmd_unref(wr);
	ndctl_cmd_unref(rd);
	free(buf);
	return rc < 0 ? rc : reload(dimm, p);
}

enum label_cmd { L_INIT, L_READ, L_WRITE, L_ZERO, L_CHECK };

static int label_command(int argc, const char **argv, struct ndctl_ctx *ctx,
			 enum label_cmd which)
{
	static const char *const names[] = { "init-labels", "read-labels",
		"write-labels", "zero-labels", "check-labels" };
	static const char *const done_verb[] = { "initialized", "read",
		"wrote", "zeroed", "successfully verified" };
	struct label_params p = { 0 };
	char prog[64], ubuf[128];
	const char *usage[] = { ubuf, NULL };
	struct option opts[16];
	int k = 0, n, done, failed;
	const char *why = NULL;

	snprintf(prog, sizeof(prog), "ndctl %s", names[which]);
	snprintf(ubuf, sizeof(ubuf), "ndctl %s <nmem0> [<nmem1>..<nmemN>] [<options>]",
		 names[which]);
	p.prog = prog;
	opts[k++] = (struct option)OPT_STRING('b', "bus", &p.bus, "bus-id",
		"only DIMMs on the bus <bus-id> (id or provider)");
	opts[k++] = (struct option)OPT_INCR('v', "verbose", &p.verbose, "turn on debug");
	if (which == L_INIT) {
		opts[k++] = (struct option)OPT_BOOLEAN('f', "force", &p.force,
			"initialise even over a valid index block");
		opts[k++] = (struct option)OPT_STRING('V', "label-version", &p.version,
			"version-number",
			"label format version: 1.1 (default) or 1.2");
	}
	if (which == L_READ || which == L_WRITE || which == L_ZERO) {
		opts[k++] = (struct option)OPT_STRING('s', "size", &p.size_str, "n",
			"how many label-area bytes to access");
		opts[k++] = (struct option)OPT_STRING('O', "offset", &p.offset_str, "n",
			"label-area byte offset to start at");
	}
	if (which == L_READ) {
		opts[k++] = (struct option)OPT_STRING('o', "output", &p.output,
			"output-file", "write the label area to this file");
		opts[k++] = (struct option)OPT_BOOLEAN('j', "json", &p.json,
			"decode the labels and print them as JSON");
		opts[k++] = (struct option)OPT_BOOLEAN('u', "human", &p.human,
			"human-readable sizes and hex addresses (implies --json)");
		opts[k++] = (struct option)OPT_BOOLEAN('I', "index", &p.index_only,
			"read only the index blocks");
	}
	if (which == L_WRITE)
		opts[k++] = (struct option)OPT_STRING('i', "input", &p.input,
			"input-file", "read the label area from this file");
	opts[k] = (struct option)OPT_END();

	n = nd_parse_options(argc, argv, opts, usage, prog);
	if (n == 0) {
		fprintf(stderr, "%s: specify a dimm (nmemN) to act on, or 'all'\n",
			prog);
		return EXIT_USAGE;
	}
	if (which == L_WRITE && n > 1) {
		fprintf(stderr, "%s: writes one dimm at a time, got %d\n", prog, n);
		return EXIT_USAGE;
	}
	if (p.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (p.size_str && (parse_size64(p.size_str, &p.size, &why) < 0 ||
			   p.size > UINT_MAX)) {
		fprintf(stderr, "%s: invalid size '%s': %s\n", prog, p.size_str,
			why ? why : "too large");
		return EXIT_USAGE;
	}
	if (p.offset_str && (parse_size64(p.offset_str, &p.offset, &why) < 0 ||
			     p.offset > UINT_MAX)) {
		fprintf(stderr, "%s: invalid offset '%s': %s\n", prog,
			p.offset_str, why ? why : "too large");
		return EXIT_USAGE;
	}
	p.v = NDCTL_NS_VERSION_1_1;
	if (p.version) {
		if (strcmp(p.version, "1.2") == 0 || strcmp(p.version, "v1.2") == 0)
			p.v = NDCTL_NS_VERSION_1_2;
		else if (strcmp(p.version, "1.1") != 0 && strcmp(p.version, "v1.1") != 0) {
			fprintf(stderr, "%s: unknown label version '%s' (expected 1.1 or 1.2)\n",
				prog, p.version);
			return EXIT_USAGE;

		}
	}
	if (p.human)
		p.json = true;
	p.out = stdout;
	if (which == L_READ && p.json) {
		p.jdimms = json_object_new_array();
		if (!p.jdimms)
			return 1;
	}
	if (which == L_READ && p.output && !p.json) {
		p.out = fopen(p.output, "we");
		if (!p.out) {
			fprintf(stderr, "%s: cannot open '%s': %s\n", prog,
				p.output, strerror(errno));
			return 1;
		}
	}

	{
		static int (*const fns[])(struct ndctl_dimm *, void *) = {
			init_one, read_one, write_one, zero_one, check_one };

		done = nd_for_each_dimm(ctx, prog, p.bus, argv, n, fns[which],
					&p, &failed);
	}
	if (p.out != stdout && fclose(p.out) != 0) {
		fprintf(stderr, "%s: writing '%s': %s\n", prog, p.output,
			strerror(errno));
		failed++;
	}
	if (done < 0) {
		json_object_put(p.jdimms);
		return 1;
	}
	if (p.jdimms) {
		if (json_object_array_length(p.jdimms)) {
			FILE *jf = stdout;

			if (p.output)
				jf = fopen(p.output, "we");
			if (!jf) {
				fprintf(stderr, "%s: cannot open '%s': %s\n",
					prog, p.output, strerror(errno));
				failed++;
			} else {
				util_json_print(jf, p.jdimms);
				if (jf != stdout)
					fclose(jf);
			}
		}
		json_object_put(p.jdimms);
	}
	if (done || !failed)
		fprintf(stderr, "%s %d nmem%s%s\n", done_verb[which], done,
			which == L_CHECK ? " label" : "",
			done == 1 ? "" : "s");
	return failed ? 1 : 0;
}

int cmd_init_labels(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return label_command(argc, argv, ctx, L_INIT);
}

int cmd_read_labels(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return label_command(argc, argv, ctx, L_READ);
}

int cmd_write_labels(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return label_command(argc, argv, ctx, L_WRITE);
}

int cmd_zero_labels(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return label_command(argc, argv, ctx, L_ZERO);
}

int cmd_check_labels(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return label_command(argc, argv, ctx, L_CHECK);
}

/* ---- create-namespace --autolabel ---- */

static bool region_needs_labels(struct ndctl_region *region)
{
	struct ndctl_namespace *ndns;
	struct ndctl_dimm *dimm;
	char user[256];
	bool any = false;

	/* only a label-less region has a fixed (namespace_io) namespace */
	if (ndctl_region_get_nstype(region) != ND_DEVICE_NAMESPACE_IO)
		return false;
	/* that namespace goes away: never under a mounted filesystem */
	ndctl_namespace_foreach(region, ndns)
		if (nd_namespace_user(ndns, user, sizeof(user))) {
			fprintf(stderr, "ndctl create-namespace: %s: not labelling, %s\n",
				ndctl_region_get_devname(region), user);
			return false;
		}
	ndctl_dimm_foreach_in_region(region, dimm) {
		struct ndctl_cmd *rd;
		int valid;

		if (!ndctl_dimm_is_cmd_supported(dimm, ND_CMD_GET_CONFIG_SIZE))
			return false;
		rd = ndctl_dimm_read_labels(dimm);
		if (!rd)
			return false;
		valid = ndctl_dimm_validate_labels(dimm) >= 0;
		ndctl_cmd_unref(rd);
		if (valid)
			return false;
		any = true;
	}
	return any;
}

static bool shares_dimm(struct ndctl_region *a, struct ndctl_region *b)
{
	struct ndctl_dimm *x, *y;

	ndctl_dimm_foreach_in_region(a, x)
		ndctl_dimm_foreach_in_region(b, y)
			if (x == y)
				return true;
	return false;
}

/*
 * Label the DIMMs of the label-less regions on @bus matching @region_id.
 * DIMMs are shared between regions (interleaved and not), and the kernel
 * refuses label writes while any region using a DIMM is enabled: every
 * region sharing a DIMM is disabled for the duration.
 */
static int autolabel_bus(struct ndctl_bus *bus, const char *region_id)
{
	struct ndctl_region *region, *other;
	struct ndctl_dimm *dimm;
	struct nd_sorted regions;
	bool *pick, *off;
	size_t i, j;
	int rc = 0, count = 0;

	if (nd_sorted_regions(bus, &regions))
		return 0;
	pick = calloc(regions.n + 1, sizeof(*pick));
	off = calloc(regions.n + 1, sizeof(*off));
	if (!pick || !off)
		goto out;
	for (i = 0; i < regions.n; i++) {
		region = regions.v[i].obj;
		pick[i] = nd_region_match(region, region_id) &&
			  region_needs_labels(region);
		count += pick[i];
	}
	if (!count)
		goto out;
	for (i = 0; i < regions.n && !rc; i++) {
		if (!pick[i])
			continue;
		for (j = 0; j < regions.n && !rc; j++) {
			other = regions.v[j].obj;
			if (off[j] || !ndctl_region_is_enabled(other) ||
			    !shares_dimm(regions.v[i].obj, other))
				continue;
			rc = ndctl_region_disable_invalidate(other);
			off[j] = rc == 0;
		}
	}
	for (i = 0; i < regions.n && !rc; i++) {
		if (!pick[i])
			continue;
		ndctl_dimm_foreach_in_region((struct ndctl_region *)regions.v[i].obj, dimm) {
			struct ndctl_cmd *rd = ndctl_dimm_read_labels(dimm);

			if (!rd) {
				rc = -ENXIO;
				break;
			}
			/* shared DIMMs come up once per region: label once */
			if (ndctl_dimm_validate_labels(dimm) < 0)
				rc = ndctl_dimm_init_labels(dimm, NDCTL_NS_VERSION_1_1);
			ndctl_cmd_unref(rd);
			if (rc < 0)
				break;
			rc = 0;
			if (ndctl_dimm_is_enabled(dimm)) {
				rc = ndctl_dimm_disable(dimm);
				if (!rc)
					rc = ndctl_dimm_enable(dimm);
			}
			if (rc < 0)
				break;
		}
	}
	for (j = 0; j < regions.n; j++)
		if (off[j] && ndctl_region_enable(regions.v[j].obj) < 0 && !rc)
			rc = -EIO;
	for (i = 0; i < regions.n; i++) {
		if (!pick[i])
			continue;
		if (rc < 0)
			fprintf(stderr, "ndctl create-namespace: %s: initializing labels failed: %s\n",
				regions.v[i].name, strerror(-rc));
		else
			fprintf(stderr, "initialized labels on %s\n",
				regions.v[i].name);
	}
out:
	free(pick);
	free(off);
	nd_sorted_free(&regions);
	return rc < 0 ? 0 : count;
}

int nd_autolabel(struct ndctl_ctx *ctx, const char *bus, const char *region_id)
{
	struct nd_sorted buses;
	size_t b;
	int count = 0;

	if (nd_sorted_buses(ctx, &buses))
		return 0;
	for (b = 0; b < buses.n; b++)
		if (nd_bus_match(buses.v[b].obj, bus))
			count += autolabel_bus(buses.v[b].obj, region_id);
	nd_sorted_free(&buses);
	return count;
}
