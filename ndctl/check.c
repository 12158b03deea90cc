// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-namespace: check the BTT of a sector-mode namespace, and with
 * --repair fix what the metadata itself determines.  The namespace is
 * read through its raw block device (raw-access.h), one arena at a time:
 * both info blocks, the map and the flog, never the data blocks; the
 * walk is btt-check.c's.  Nothing is opened for writing without
 * --repair.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "ndctl/btt-check.h"
#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/raw-access.h"

#define PROG "ndctl check-namespace"

struct chk_opts {
	struct btt_check_opts btt;
	bool force;
};

#define step(o, dev, ...)                                              \
	do {                                                           \
		if ((o)->btt.verbose) {                                \
			fprintf(stderr, "%s: ", (dev));                \
			fprintf(stderr, __VA_ARGS__);                  \
			fputc('\n', stderr);                           \
		}                                                      \
	} while (0)

static int check_namespace(struct ndctl_namespace *ndns,
			   const struct chk_opts *o)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	uint8_t parent[16];
	bool active;
	struct nd_raw raw;
	int fd, rc, rc2;

	ndctl_namespace_get_uuid(ndns, parent);
	active = ndctl_namespace_is_active(ndns) ||
		 ndctl_namespace_is_enabled(ndns) > 0;
	if (active && !o->force) {
		fprintf(stderr, PROG ": %s: namespace is active: disable it first, or use --force\n",
			dev);
		return -EBUSY;
	}
	step(o, dev, "checking");
	if (active) {
		step(o, dev, "disabling");
		rc = ndctl_namespace_disable_safe(ndns);
		if (rc < 0) {
			fprintf(stderr, PROG ": %s: disabling failed: %s\n",
				dev, strerror(-rc));
			return rc;
		}
	}
	step(o, dev, "enabling in raw mode");
	rc = nd_raw_begin(ndns, &raw, PROG);
	if (rc == 0) {
		/* exclusive: nobody may write beside us (or read torn) */
		fd = open(raw.path, (o->btt.repair ? O_RDWR : O_RDONLY) |
					    O_EXCL | O_CLOEXEC);
		if (fd < 0) {
			rc = -errno;
			fprintf(stderr, PROG ": %s: opening %s failed: %s\n",
				dev, raw.path, strerror(-rc));
		} else {
			step(o, dev, "reading %s%s", raw.path,
			     o->btt.repair ? " (read-write)" : " (read-only)");
			rc = btt_check_fd(fd, dev, parent, &o->btt);
			close(fd);
		}
		step(o, dev, "leaving raw mode");
		rc2 = nd_raw_end(&raw);
		if (rc2 < 0) {
			fprintf(stderr, PROG ": %s: leaving raw mode failed: %s\n",
				dev, strerror(-rc2));
			if (rc == 0)
				rc = rc2;
		}
	}
	if (active) {
		step(o, dev, "re-enabling");
		rc2 = ndctl_namespace_enable(ndns);
		if (rc2 < 0) {
			fprintf(stderr, PROG ": %s: re-enabling failed: %s\n",
				dev, strerror(-rc2));
			if (rc == 0)
				rc = rc2;
		}
	}
	if (rc > 0)
		fprintf(stderr, PROG ": %s: BTT metadata is inconsistent%s\n",
			dev, o->btt.repair ? " and could not all be repaired" : "");
	return rc;
}

struct chk_walk {
	struct ndctl_namespace **ns;
	int n, cap;
	bool oom;
};

static void collect(struct ndctl_namespace *ndns, void *arg)
{
	struct chk_walk *w = arg;
	struct ndctl_namespace **grown;
	int i;

	for (i = 0; i < w->n; i++)
		if (w->ns[i] == ndns)
			return;
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 8;
		grown = realloc(w->ns, (size_t)w->cap * sizeof(*w->ns));
		if (!grown) {
			w->oom = true;
			return;
		}
		w->ns = grown;
	}
	w->ns[w->n++] = ndns;
}

int cmd_check_namespace(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = {
		"ndctl check-namespace <namespace> [<options>]", NULL
	};
	struct nd_filter f = { 0 };
	struct chk_opts o = { 0 };
	struct option opts[] = {
		OPT_STRING('b', "bus", &f.bus, "bus-id",
			   "only namespaces on this bus (id or provider)"),
		OPT_STRING('r', "region", &f.region, "region-id",
			   "only namespaces in this region"),
		OPT_INCR('v', "verbose", &o.btt.verbose,
			 "say each step (twice: library debug messages too)"),
		OPT_BOOLEAN('R', "repair", &o.btt.repair,
			    "repair what the metadata determines"),
		OPT_BOOLEAN('L', "rewrite-log", &o.btt.rewrite_log,
			    "rewrite the flog in the current format (with --repair)"),
		OPT_BOOLEAN('f', "force", &o.force,
			    "disable an active namespace for the check"),
		OPT_END(),
	};
	struct chk_walk w = { 0 };
	int n, i, rc, checked = 0, failed = 0;

	n = nd_parse_options(argc, argv, opts, usage, PROG);
	if (n == 0) {
		fprintf(stderr, PROG ": specify a namespace to check, or 'all'\n");
		return EXIT_USAGE;
	}
	if (o.btt.rewrite_log && !o.btt.repair) {
		fprintf(stderr, PROG ": --rewrite-log writes the flog: it needs --repair\n");
		return EXIT_USAGE;
	}
	if (o.btt.verbose > 1)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	for (i = 0; i < n; i++) {
		struct nd_walk nw = { .ns = collect, .arg = &w };
		int before = w.n;

		f.namespace = argv[i];
		if (nd_filter_prepare(&f, PROG) ||
		    nd_filter_check_exists(ctx, &f, PROG)) {
			free(w.ns);
			return 1;
		}
		rc = nd_filter_walk(ctx, &f, &nw);
		if (rc || w.oom) {
			fprintf(stderr, PROG ": %s\n", strerror(rc ? -rc : ENOMEM));
			free(w.ns);
			return 1;
		}
		if (w.n == before && strcmp(argv[i], "all")) {
			fprintf(stderr, PROG ": no namespace matches '%s'\n",
				argv[i]);
			free(w.ns);
			return 1;
		}
	}
	for (i = 0; i < w.n; i++) {
		struct ndctl_namespace *ndns = w.ns[i];
		enum ndctl_namespace_mode mode = ndctl_namespace_get_mode(ndns);
		bool named = false;
		int k;

		for (k = 0; k < n; k++)
			named |= strcmp(argv[k], "all") &&
				 nd_namespace_match(ndns, argv[k]);
		/* idle seeds and other personalities: only when named */
		if (ndctl_namespace_get_size(ndns) == 0 ||
		    ndctl_namespace_get_size(ndns) == ULLONG_MAX) {
			if (named) {
				fprintf(stderr, PROG ": %s: namespace has no capacity\n",
					ndctl_namespace_get_devname(ndns));
				failed++;
			}
			continue;
		}
		if (mode == NDCTL_NS_MODE_FSDAX || mode == NDCTL_NS_MODE_DEVDAX) {
			if (named) {
				fprintf(stderr, PROG ": %s: namespace is in %s mode, not sector: it has no BTT\n",
					ndctl_namespace_get_devname(ndns),
					mode == NDCTL_NS_MODE_FSDAX ? "fsdax"
								    : "devdax");
				failed++;
			}
			continue;
		}
		rc = check_namespace(ndns, &o);
		if (rc)
			failed++;
		else
			checked++;
	}
	free(w.ns);
	/* on a refusal alone, the refusal is the one line to read */
	if (checked || !failed)
		fprintf(stderr, "checked %d namespace%s\n", checked,
			checked == 1 ? "" : "s");
	return failed ? 1 : 0;
}
