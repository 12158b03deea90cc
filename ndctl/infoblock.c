// SPDX-License-Identifier: GPL-2.0-only
/*
 * read-infoblock: the first 8 KiB of a namespace (or of a file saved
 * from one), raw or decoded to JSON.  The info block of a sector (BTT
 * 1.1), fsdax or devdax namespace sits at byte 4096, a BTT 2.0 one at 0.
 * A namespace is read through its raw block device: it must be disabled;
 * it is enabled in raw mode for the read and left disabled again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/stat.h>
#include <uuid/uuid.h>

#include "lib/ndctl/btt.h"
#include "lib/ndctl/pfn-info.h"
#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/infoblock.h"
#include "ndctl/raw-access.h"
#include "util/json.h"

#define PROG "ndctl read-infoblock"

enum { IB_READ_SIZE = 8192 };

struct ib_opts {
	bool verify, json, human;
	unsigned long flags;
};

/* "0x200000" with -u ("0" for zero, as the established tool), else a number */
static struct json_object *ib_num(uint64_t v, const struct ib_opts *o)
{
	char buf[32];

	if (!o->human)
		return util_json_new_u64(v);
	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
	return json_object_new_string(buf);
}

static void add_uuid(struct json_object *j, const char *key,
		     const uint8_t *u)
{
	char s[40];

	uuid_unparse(u, s);
	json_object_object_add(j, key, json_object_new_string(s));
}

static void add_version(struct json_object *j, unsigned int major,
			unsigned int minor)
{
	char s[16];

	snprintf(s, sizeof(s), "%u.%u", major, minor);
	json_object_object_add(j, "version", json_object_new_string(s));
}

static struct json_object *btt_json(const struct nd_btt_info *b,
				    const struct ib_opts *o)
{
	struct json_object *j = json_object_new_object();

	if (!j)
		return NULL;
	json_object_object_add(j, "signature",
			       json_object_new_string("BTT_ARENA_INFO"));
	add_uuid(j, "uuid", b->uuid);
	add_uuid(j, "parent_uuid", b->parent_uuid);
	json_object_object_add(j, "flags", ib_num(b->flags, o));
	add_version(j, b->version_major, b->version_minor);
	json_object_object_add(j, "external_lbasize",
			       util_json_new_u64(b->external_lbasize));
	json_object_object_add(j, "external_nlba",
			       util_json_new_u64(b->external_nlba));
	json_object_object_add(j, "internal_lbasize",
			       util_json_new_u64(b->internal_lbasize));
	json_object_object_add(j, "internal_nlba",
			       util_json_new_u64(b->internal_nlba));
	json_object_object_add(j, "nfree", util_json_new_u64(b->nfree));
	json_object_object_add(j, "infosize", util_json_new_u64(b->infosize));
	json_object_object_add(j, "nextoff", ib_num(b->nextoff, o));
	json_object_object_add(j, "dataoff", ib_num(b->dataoff, o));
	json_object_object_add(j, "mapoff", ib_num(b->mapoff, o));
	json_object_object_add(j, "logoff", ib_num(b->logoff, o));
	json_object_object_add(j, "info2off", ib_num(b->info2off, o));
	return j;
}

static struct json_object *pfn_json(const struct nd_pfn_info *p,
				    const struct ib_opts *o)
{
	struct json_object *j = json_object_new_object();

	if (!j)
		return NULL;
	json_object_object_add(j, "signature",
			       json_object_new_string(p->kind == ND_PFN_KIND_DAX
							      ? "NVDIMM_DAX_INFO"
							      : "NVDIMM_PFN_INFO"));
	add_uuid(j, "uuid", p->uuid);
	add_uuid(j, "parent_uuid", p->parent_uuid);
	json_object_object_add(j, "flags", ib_num(p->flags, o));
	add_version(j, p->version_major, p->version_minor);
	json_object_object_add(j, "dataoff", ib_num(p->dataoff, o));
	json_object_object_add(j, "npfns", ib_num(p->npfns, o));
	json_object_object_add(j, "mode", util_json_new_u64(p->mode));
	json_object_object_add(j, "start_pad", ib_num(p->start_pad, o));
	json_object_object_add(j, "end_trunc", ib_num(p->end_trunc, o));
	json_object_object_add(j, "align", ib_num(p->align, o));
	json_object_object_add(j, "page_size", ib_num(p->page_size, o));
	json_object_object_add(j, "page_struct_size",
			       ib_num(p->page_struct_size, o));
	return j;
}

/*
 * Decode the 8 KiB at @buf read from @name.  Returns a JSON object with
 * "dev"/"file" first, or NULL (message on stderr) when no info block is
 * recognized or --verify refuses it.  @parent: the namespace uuid for
 * --verify, NULL for a file.
 */
static struct json_object *decode(const uint8_t *buf, const char *key,
				  const char *name, const uint8_t *parent,
				  const struct ib_opts *o)
{
	struct json_object *j = NULL, *out;
	struct nd_btt_report rep;
	struct nd_btt_info btt;
	struct nd_pfn_info pfn;
	const uint8_t *blk = buf + ND_PFN_INFO_OFFSET;
	enum nd_pfn_err perr;
	int i;

	perr = nd_pfn_info_parse(blk, ND_PFN_INFO_SIZE, &pfn);
	if (pfn.kind != ND_PFN_KIND_NONE) {
		if (o->verify && perr == ND_PFN_OK && parent &&
		    memcmp(pfn.parent_uuid, parent, ND_PFN_UUID_LEN))
			perr = ND_PFN_ERR_PARENT_UUID;
		if (o->verify && perr != ND_PFN_OK) {
			fprintf(stderr, PROG ": %s: %s\n", name,
				nd_pfn_err_str(perr));
			return NULL;
		}
		j = pfn_json(&pfn, o);
	} else {
		/* BTT 1.1 at 4096, then BTT 2.0 at 0 */
		for (i = 0; i < 2 && !j; i++) {
			const uint8_t *b = i ? buf : blk;

			memset(&rep, 0, sizeof(rep));
			if (memcmp(b, "BTT_ARENA_INFO", 15))
				continue;
			nd_btt_info_parse(b, ND_BTT_INFO_SIZE, &btt, 0, 0, &rep);
			if (o->verify && !rep.errors && parent &&
			    memcmp(btt.parent_uuid, parent, ND_BTT_UUID_LEN)) {
				rep.errors++;
				rep.first.issue = ND_BTT_BAD_UUID;
			}
			if (o->verify && rep.errors) {
				fprintf(stderr, PROG ": %s: %s\n", name,
					nd_btt_issue_str(rep.first.issue));
				return NULL;
			}
			j = btt_json(&btt, o);
		}
	}
	if (!j) {
		fprintf(stderr, PROG ": %s: no BTT, pfn or dax info block\n",
			name);
		return NULL;
	}
	/* the source first, then the block's fields */
	out = json_object_new_object();
	if (!out) {
		json_object_put(j);
		return NULL;
	}
	json_object_object_add(out, key, json_object_new_string(name));
	json_object_object_foreach(j, k, v)
		json_object_object_add(out, k, json_object_get(v));
	json_object_put(j);
	return out;
}

static int read_exact(const char *path, uint8_t *buf)
{
	/* O_NONBLOCK: a FIFO given to -i is refused, not waited on */
	int rc, fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;

	if (fd < 0)
		return -errno;
	/* a saved info block or an image: a file or a block device only */
	if (fstat(fd, &st) < 0 ||
	    !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
		close(fd);
		return -EBADFD;	/* reported as "not a regular file" */
	}
	rc = nd_pread_full(fd, buf, IB_READ_SIZE, 0);
	close(fd);
	return rc;
}

int ib_with_raw_namespace(struct ndctl_namespace *ndns, const char *prog,
			  ib_raw_fn fn, void *arg)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	struct nd_raw raw;
	int rc, rc2;

	if (ndctl_namespace_is_active(ndns) ||
	    ndctl_namespace_is_enabled(ndns) > 0) {
		fprintf(stderr, "%s: %s: namespace is enabled, disable it first\n",
			prog, dev);
		return -EBUSY;
	}
	rc = nd_raw_begin(ndns, &raw, prog);
	if (rc < 0)
		return rc;
	rc = fn(ndns, raw.path, arg);
	rc2 = nd_raw_end(&raw);
	if (rc2 < 0 && !rc)
		rc = rc2;
	return rc;
}

static int read_raw(struct ndctl_namespace *ndns, const char *bdev,
		    void *arg)
{
	int rc = read_exact(bdev, arg);

	if (rc < 0)
		fprintf(stderr, PROG ": %s: reading the info block failed: %s\n",
			ndctl_namespace_get_devname(ndns), strerror(-rc));
	return rc;
}

struct ib_walk {
	struct ndctl_namespace **ns;
	int n, cap;
	bool nomem;
};

static void collect(struct ndctl_namespace *ndns, void *arg)
{
	struct ib_walk *w = arg;
	struct ndctl_namespace **grown;

	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 8;
		grown = realloc(w->ns, (size_t)w->cap * sizeof(*w->ns));
		if (!grown) {
			w->nomem = true;
			return;
		}
		w->ns = grown;
	}
	w->ns[w->n++] = ndns;
}

int ib_collect_namespaces(struct ndctl_ctx *ctx, struct nd_filter *f,
			  int n, const char **names, const char *prog,
			  struct ndctl_namespace ***out)
{
	struct ib_walk w = { 0 };
	int i, rc;

	for (i = 0; i < n; i++) {
		struct nd_walk nw = { .ns = collect, .arg = &w };
		int before = w.n;

		f->namespace = names[i];
		if (nd_filter_prepare(f, prog) ||
		    nd_filter_check_exists(ctx, f, prog))
			goto fail;
		rc = nd_filter_walk(ctx, f, &nw);
		if (!rc && w.nomem)
			rc = -ENOMEM;
		if (rc) {
			fprintf(stderr, "%s: %s\n", prog, strerror(-rc));
			goto fail;
		}
		if (w.n == before) {
			fprintf(stderr, "%s: no namespace matches '%s'\n", prog,
				names[i]);
			goto fail;
		}
	}
	*out = w.ns;
	return w.n;
fail:
	free(w.ns);
	return -1;
}

/* raw: append the 8 KiB; json: the decoded block */
static int emit(FILE *out, const uint8_t *buf, const char *key,
		const char *name, const uint8_t *parent,
		const struct ib_opts *o, struct json_object *jarr)
{
	struct json_object *j;

	if (o->json) {
		j = decode(buf, key, name, parent, o);
		if (j)
			json_object_array_add(jarr, j);
		return 0;
	}
	if (o->verify) {
		j = decode(buf, key, name, parent, o);
		if (!j)
			return 0;
		json_object_put(j);
	}
	if (fwrite(buf, IB_READ_SIZE, 1, out) != 1)
		return -EIO;
	return 0;
}

int cmd_read_infoblock(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = {
		"ndctl read-infoblock <namespace> [<options>]", NULL
	};
	struct nd_filter f = { 0 };
	struct ib_opts o = { 0 };
	const char *output = NULL, *input = NULL;
	int verbose = 0;
	struct option opts[] = {
		OPT_STRING('b', "bus", &f.bus, "bus-id",
			   "only namespaces on this bus (id or provider)"),
		OPT_STRING('r', "region", &f.region, "region-id",
			   "only namespaces in this region"),
		OPT_INCR('v', "verbose", &verbose,
			 "log library debug messages on stderr"),
		OPT_STRING('o', "output", &output, "output-file",
			   "write to this file instead of stdout"),
		OPT_STRING('i', "input", &input, "input-file",
			   "read the info block from this file, not a namespace"),
		OPT_BOOLEAN('V', "verify", &o.verify,
			    "skip blocks whose checksum or parent uuid is wrong"),
		OPT_BOOLEAN('j', "json", &o.json,
			    "decode the info block to JSON"),
		OPT_BOOLEAN('u', "human", &o.human,
			    "hex offsets and sizes (implies --json)"),
		OPT_END(),
	};
	struct json_object *jarr = NULL;
	uint8_t buf[IB_READ_SIZE];
	struct ndctl_namespace **nss = NULL;
	int n, i, rc = 0, nread = 0, nns = 0;
	FILE *out = stdout;

	n = nd_parse_options(argc, argv, opts, usage, PROG);
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (o.human)
		o.json = true;
	if (input && n) {
		fprintf(stderr, PROG ": --input and a namespace are exclusive\n");
		return EXIT_USAGE;
	}
	if (!input && !n) {
		fprintf(stderr, PROG ": specify a namespace, or --input FILE\n");
		return EXIT_USAGE;
	}
	if (!input) {
		nns = ib_collect_namespaces(ctx, &f, n, argv, PROG, &nss);
		if (nns < 0)
			return 1;
	}
	if (output) {
		out = fopen(output, "we");
		if (!out) {
			fprintf(stderr, PROG ": cannot open %s: %s\n", output,
				strerror(errno));
			free(nss);
			return 1;
		}
	}
	if (o.json) {
		jarr = json_object_new_array();
		if (!jarr) {
			rc = -ENOMEM;
			goto out;
		}
	}

	if (input) {
		rc = read_exact(input, buf);
		if (rc < 0) {
			fprintf(stderr, PROG ": %s: reading the info block failed: %s\n",
				input, rc == -EBADFD ?
				"not a regular file or block device" :
				strerror(-rc));
			goto out;
		}
		nread++;
		rc = emit(out, buf, "file", input, NULL, &o, jarr);
	}
	for (i = 0; i < nns && rc == 0; i++) {
		uuid_t uu;

		rc = ib_with_raw_namespace(nss[i], PROG, read_raw, buf);
		if (rc < 0)
			break;
		nread++;
		ndctl_namespace_get_uuid(nss[i], uu);
		rc = emit(out, buf, "dev", ndctl_namespace_get_devname(nss[i]),
			  uu, &o, jarr);
	}
	if (jarr && (rc == 0 || json_object_array_length(jarr)))
		util_json_print(out, jarr);
out:
	json_object_put(jarr);
	free(nss);
	if (out != stdout && fclose(out) && !rc) {
		fprintf(stderr, PROG ": writing %s: %s\n", output,
			strerror(errno));
		rc = -EIO;
	}
	/* the established tool's summary; a failure stays one line */
	if (!rc)
		fprintf(stderr, "read %d infoblock%s\n", nread,
			nread == 1 ? "" : "s");
	return rc ? 1 : 0;
}
