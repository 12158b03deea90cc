// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ndctl/ndctl.h>

#include "util/strnat.h"
#include "ndctl/filter.h"
#include "ndctl/ns-mode.h"

/* Calls @fn on each token of @ident until it returns true. */
static bool any_token(const char *ident, bool (*fn)(const char *tok, void *arg),
		      void *arg)
{
	char *copy, *tok, *save = NULL;
	bool hit = false;

	if (!ident)
		return true;
	copy = strdup(ident);
	if (!copy)
		return false;
	for (tok = strtok_r(copy, " \t,", &save); tok && !hit;
	     tok = strtok_r(NULL, " \t,", &save))
		hit = strcmp(tok, "all") == 0 || fn(tok, arg);
	free(copy);
	return hit;
}

/* A token that is a whole unsigned number: its value, else -1. */
static long long token_id(const char *tok)
{
	char *end;
	unsigned long v;

	if (tok[0] < '0' || tok[0] > '9')
		return -1;
	errno = 0;
	v = strtoul(tok, &end, 0);
	if (errno || *end || v > INT_MAX)
		return -1;
	return (long long)v;
}

static bool bus_tok(const char *tok, void *arg)
{
	struct ndctl_bus *bus = arg;
	long long id = token_id(tok);

	if (id >= 0)
		return id == ndctl_bus_get_id(bus);
	return strcmp(tok, ndctl_bus_get_provider(bus)) == 0 ||
	       strcmp(tok, ndctl_bus_get_devname(bus)) == 0;
}

static bool region_tok(const char *tok, void *arg)
{
	struct ndctl_region *region = arg;
	long long id = token_id(tok);

	if (id >= 0)
		return id == ndctl_region_get_id(region);
	return strcmp(tok, ndctl_region_get_devname(region)) == 0;
}

static bool dimm_tok(const char *tok, void *arg)
{
	struct ndctl_dimm *dimm = arg;
	long long id = token_id(tok);

	if (id >= 0)
		return id == ndctl_dimm_get_id(dimm);
	return strcmp(tok, ndctl_dimm_get_devname(dimm)) == 0;
}

static bool namespace_tok(const char *tok, void *arg)
{
	struct ndctl_namespace *ndns = arg;
	unsigned int r, n;
	char extra;

	if (strcmp(tok, ndctl_namespace_get_devname(ndns)) == 0)
		return true;
	return sscanf(tok, "%u.%u%c", &r, &n, &extra) == 2 &&
	       r == ndctl_region_get_id(ndctl_namespace_get_region(ndns)) &&
	       n == ndctl_namespace_get_id(ndns);
}

bool nd_bus_match(struct ndctl_bus *bus, const char *ident)
{
	return any_token(ident, bus_tok, bus);
}

bool nd_region_match(struct ndctl_region *region, const char *ident)
{
	return any_token(ident, region_tok, region);
}

bool nd_dimm_match(struct ndctl_dimm *dimm, const char *ident)
{
	return any_token(ident, dimm_tok, dimm);
}

bool nd_namespace_match(struct ndctl_namespace *ndns, const char *ident)
{
	return any_token(ident, namespace_tok, ndns);
}

int nd_filter_prepare(struct nd_filter *f, const char *prog)
{
	f->numa = -1;
	f->region_type = 0;
	f->ns_mode = -1;

	if (f->type) {
		if (strcmp(f->type, "pmem") == 0)
			f->region_type = ND_DEVICE_REGION_PMEM;
		else if (strcmp(f->type, "blk") == 0)
			f->region_type = ND_DEVICE_REGION_BLK;
		else {
			fprintf(stderr,
				"%s: unknown region type '%s' (expected pmem or blk)\n",
				prog, f->type);
			return -EINVAL;
		}
	}
	if (f->mode) {
		enum ndctl_namespace_mode m = nd_mode_parse(f->mode);

		if (m == NDCTL_NS_MODE_UNKNOWN) {
			fprintf(stderr,
				"%s: unknown namespace mode '%s' (expected fsdax, devdax, sector or raw)\n",
				prog, f->mode);
			return -EINVAL;
		}
		f->ns_mode = m;
	}
	if (f->numa_node && strcmp(f->numa_node, "all") != 0) {
		long long n = token_id(f->numa_node);

		if (n < 0) {
			fprintf(stderr, "%s: invalid numa node '%s'\n", prog,
				f->numa_node);
			return -EINVAL;
		}
		if (access("/sys/devices/system/node", F_OK) != 0) {
			/* a fact of this machine, not a bad value */
			fprintf(stderr,
				"%s: numa node '%s': this system does not support NUMA\n",
				prog, f->numa_node);
			return -EOPNOTSUPP;
		}
		f->numa = (int)n;
	}
	return 0;
}

/* Does every token of @ident match at least one object? */
struct exists_arg {
	struct ndctl_ctx *ctx;
	int kind;
};

static bool token_exists(const char *tok, void *arg)
{
	struct exists_arg *ea = arg;
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;
	struct ndctl_dimm *dimm;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ea->ctx, bus) {
		if (ea->kind == 0 && bus_tok(tok, bus))
			return true;
		if (ea->kind == 2)
			ndctl_dimm_foreach(bus, dimm)
				if (dimm_tok(tok, dimm))
					return true;
		if (ea->kind != 1 && ea->kind != 3)
			continue;
		ndctl_region_foreach(bus, region) {
			if (ea->kind == 1 && region_tok(tok, region))
				return true;
			if (ea->kind == 3)
				ndctl_namespace_foreach(region, ndns)
					if (namespace_tok(tok, ndns))
						return true;
		}
	}
	return false;
}

static int check_each(struct ndctl_ctx *ctx, const char *ident, int kind,
		      const char *what, const char *prog)
{
	struct exists_arg ea = { .ctx = ctx, .kind = kind };
	char *copy, *tok, *save = NULL;
	int rc = 0;

	if (!ident)
		return 0;
	copy = strdup(ident);
	if (!copy)
		return -ENOMEM;
	/* every unmatched name is reported, not only the first */
	for (tok = strtok_r(copy, " \t,", &save); tok;
	     tok = strtok_r(NULL, " \t,", &save)) {
		if (strcmp(tok, "all") == 0 || token_exists(tok, &ea))
			continue;
		fprintf(stderr, "%s: no %s matches '%s'\n", prog, what, tok);
		rc = -ENXIO;
	}
	free(copy);
	return rc;
}

int nd_filter_check_exists(struct ndctl_ctx *ctx, const struct nd_filter *f,
			   const char *prog)
{
	int rc;

	int rc2;

	rc = check_each(ctx, f->bus, 0, "bus", prog);
	rc2 = check_each(ctx, f->region, 1, "region", prog);
	rc = rc ? rc : rc2;
	rc2 = check_each(ctx, f->dimm, 2, "dimm", prog);
	rc = rc ? rc : rc2;
	rc2 = check_each(ctx, f->namespace, 3, "namespace", prog);
	return rc ? rc : rc2;
}

static bool region_has_dimm(struct ndctl_region *region, const char *ident)
{
	struct ndctl_dimm *dimm;

	if (!ident)
		return true;
	ndctl_dimm_foreach_in_region(region, dimm)
		if (nd_dimm_match(dimm, ident))
			return true;
	return false;
}

static bool region_has_namespace(struct ndctl_region *region,
				 const char *ident)
{
	struct ndctl_namespace *ndns;

	if (!ident)
		return true;
	ndctl_namespace_foreach(region, ndns)
		if (nd_namespace_match(ndns, ident))
			return true;
	return false;
}

static bool region_selected(struct ndctl_region *region,
			    const struct nd_filter *f)
{
	return nd_region_match(region, f->region) &&
	       region_has_dimm(region, f->dimm) &&
	       region_has_namespace(region, f->namespace);
}

static bool bus_selected(struct ndctl_bus *bus, const struct nd_filter *f)
{
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	bool hit;

	if (!nd_bus_match(bus, f->bus))
		return false;
	if (f->dimm) {
		hit = false;
		ndctl_dimm_foreach(bus, dimm)
			hit = hit || nd_dimm_match(dimm, f->dimm);
		if (!hit)
			return false;
	}
	if (f->region || f->namespace) {
		hit = false;
		ndctl_region_foreach(bus, region)
			hit = hit || (nd_region_match(region, f->region) &&
				      region_has_namespace(region, f->namespace));
		if (!hit)
			return false;
	}
	return true;
}

/* A dimm passes the region, namespace and numa filters through the
 * regions it belongs to. */
static bool dimm_selected(struct ndctl_dimm *dimm, const struct nd_filter *f)
{
	struct ndctl_bus *bus = ndctl_dimm_get_bus(dimm);
	struct ndctl_region *region;
	struct ndctl_dimm *member;

	if (!nd_dimm_match(dimm, f->dimm))
		return false;
	if (!f->region && !f->namespace && f->numa < 0)
		return true;
	ndctl_region_foreach(bus, region) {
		if (!nd_region_match(region, f->region) ||
		    !region_has_namespace(region, f->namespace))
			continue;
		if (f->numa >= 0 && ndctl_region_get_numa_node(region) != f->numa)
			continue;
		ndctl_dimm_foreach_in_region(region, member)
			if (member == dimm)
				return true;
	}
	return false;
}

static int cmp_item(const void *a, const void *b)
{
	const struct nd_sorted_item *x = a, *y = b;

	return strnatcmp(x->name, y->name);
}

static int sorted_push(struct nd_sorted *s, const char *name, void *obj)
{
	struct nd_sorted_item *v;

	v = realloc(s->v, (s->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	s->v = v;
	s->v[s->n].name = name ? name : "";
	s->v[s->n].obj = obj;
	s->n++;
	return 0;
}

static int sorted_done(struct nd_sorted *s, int rc)
{
	if (rc) {
		nd_sorted_free(s);
		return rc;
	}
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_item);
	return 0;
}

int nd_sorted_buses(struct ndctl_ctx *ctx, struct nd_sorted *s)
{
	struct ndctl_bus *bus;
	int rc = 0;

	*s = (struct nd_sorted){ 0 };
	ndctl_bus_foreach(ctx, bus)
		if (!rc)
			rc = sorted_push(s, ndctl_bus_get_devname(bus), bus);
	return sorted_done(s, rc);
}

int nd_sorted_dimms(struct ndctl_bus *bus, struct nd_sorted *s)
{
	struct ndctl_dimm *dimm;
	int rc = 0;

	*s = (struct nd_sorted){ 0 };
	ndctl_dimm_foreach(bus, dimm)
		if (!rc)
			rc = sorted_push(s, ndctl_dimm_get_devname(dimm), dimm);
	return sorted_done(s, rc);
}

int nd_sorted_regions(struct ndctl_bus *bus, struct nd_sorted *s)
{
	struct ndctl_region *region;
	int rc = 0;

	*s = (struct nd_sorted){ 0 };
	ndctl_region_foreach(bus, region)
		if (!rc)
			rc = sorted_push(s, ndctl_region_get_devname(region),
					 region);
	return sorted_done(s, rc);
}

int nd_sorted_namespaces(struct ndctl_region *region, struct nd_sorted *s)
{
	struct ndctl_namespace *ndns;
	int rc = 0;

	*s = (struct nd_sorted){ 0 };
	ndctl_namespace_foreach(region, ndns)
		if (!rc)
			rc = sorted_push(s, ndctl_namespace_get_devname(ndns),
					 ndns);
	return sorted_done(s, rc);
}

void nd_sorted_free(struct nd_sorted *s)
{
	free(s->v);
	*s = (struct nd_sorted){ 0 };
}

static int walk_region(struct ndctl_region *region, const struct nd_filter *f,
		       const struct nd_walk *w)
{
	struct nd_sorted nss;
	size_t i;
	int rc;

	if (!region_selected(region, f))
		return 0;
	if (f->numa >= 0 && ndctl_region_has_numa(region) &&
	    ndctl_region_get_numa_node(region) != f->numa)
		return 0;
	if (f->region_type && ndctl_region_get_type(region) != f->region_type)
		return 0;
	if (w->region && !w->region(region, w->arg))
		return 0;
	if (!w->ns)
		return 0;
	rc = nd_sorted_namespaces(region, &nss);
	if (rc)
		return rc;
	for (i = 0; i < nss.n; i++) {
		struct ndctl_namespace *ndns = nss.v[i].obj;

		if (!nd_namespace_match(ndns, f->namespace))
			continue;
		if (f->ns_mode >= 0 &&
		    (int)ndctl_namespace_get_mode(ndns) != f->ns_mode)
			continue;
		if (f->numa >= 0 && ndctl_namespace_get_numa_node(ndns) != f->numa)
			continue;
		w->ns(ndns, w->arg);
	}
	nd_sorted_free(&nss);
	return 0;
}

int nd_filter_walk(struct ndctl_ctx *ctx, const struct nd_filter *f,
		   const struct nd_walk *w)
{
	struct nd_sorted buses, list;
	size_t b, i;
	int rc;

	rc = nd_sorted_buses(ctx, &buses);
	if (rc)
		return rc;
	for (b = 0; b < buses.n && !rc; b++) {
		struct ndctl_bus *bus = buses.v[b].obj;

		if (!bus_selected(bus, f))
			continue;
		if (w->bus && !w->bus(bus, w->arg))
			continue;
		if (w->dimm) {
			rc = nd_sorted_dimms(bus, &list);
			for (i = 0; !rc && i < list.n; i++)
				if (dimm_selected(list.v[i].obj, f))
					w->dimm(list.v[i].obj, w->arg);
			nd_sorted_free(&list);
		}
		if (rc || (!w->region && !w->ns))
			continue;
		rc = nd_sorted_regions(bus, &list);
		for (i = 0; !rc && i < list.n; i++)
			rc = walk_region(list.v[i].obj, f, w);
		nd_sorted_free(&list);
	}
	nd_sorted_free(&buses);
	return rc;
}
