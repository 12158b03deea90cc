// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <daxctl/libdaxctl.h>

#include "daxctl/filter.h"
#include "util/strnat.h"
#include "util/sysfs.h"

/* A decimal number that fits an int, as the kernel prints ids. */
static bool parse_id(const char *s, const char **end, int *id)
{
	long v = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > 0x7fffffff)
			return false;
	}
	*end = p;
	*id = (int)v;
	return true;
}

static bool parse_region_ident(const char *ident, int *id)
{
	const char *end;

	if (strncmp(ident, "region", 6) == 0)
		ident += 6;
	return parse_id(ident, &end, id) && *end == '\0';
}

static bool parse_dev_ident(const char *ident, int *rid, int *did)
{
	const char *end;

	if (strncmp(ident, "dax", 3) == 0)
		ident += 3;
	if (!parse_id(ident, &end, rid) || *end != '.')
		return false;
	return parse_id(end + 1, &end, did) && *end == '\0';
}

bool region_ident_valid(const char *ident)
{
	int id;

	return !ident || strcmp(ident, "all") == 0 ||
	       parse_region_ident(ident, &id);
}

bool dev_ident_valid(const char *ident)
{
	int r, d;

	return !ident || strcmp(ident, "all") == 0 ||
	       parse_dev_ident(ident, &r, &d);
}

bool region_matches(struct daxctl_region *region, const char *ident)
{
	int id;

	if (!ident || strcmp(ident, "all") == 0)
		return true;
	return parse_region_ident(ident, &id) &&
	       daxctl_region_get_id(region) == id;
}

bool dev_matches(struct daxctl_dev *dev, const char *ident)
{
	int r, d;

	if (!ident || strcmp(ident, "all") == 0)
		return true;
	return parse_dev_ident(ident, &r, &d) &&
	       daxctl_region_get_id(daxctl_dev_get_region(dev)) == r &&
	       daxctl_dev_get_id(dev) == d;
}

static int push(struct dax_list *l, void *item)
{
	void **n = realloc(l->items, (l->n + 1) * sizeof(*n));

	if (!n)
		return -ENOMEM;
	l->items = n;
	l->items[l->n++] = item;
	return 0;
}

static int cmp_region(const void *a, const void *b)
{
	int x = daxctl_region_get_id(*(struct daxctl_region *const *)a);
	int y = daxctl_region_get_id(*(struct daxctl_region *const *)b);

	return (x > y) - (x < y);
}

static int cmp_dev(const void *a, const void *b)
{
	return strnatcmp(daxctl_dev_get_devname(*(struct daxctl_dev *const *)a),
			 daxctl_dev_get_devname(*(struct daxctl_dev *const *)b));
}

int collect_regions(struct daxctl_ctx *ctx, const char *ident,
		    struct dax_list *out)
{
	struct daxctl_region *region;

	memset(out, 0, sizeof(*out));
	daxctl_region_foreach(ctx, region) {
		if (!region_matches(region, ident))
			continue;
		if (push(out, region)) {
			dax_list_free(out);
			return -ENOMEM;
		}
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(void *), cmp_region);
	return 0;
}

int collect_devs(struct daxctl_region *region, const char *ident,
		 struct dax_list *out)
{
	struct daxctl_dev *dev;

	memset(out, 0, sizeof(*out));
	daxctl_dev_foreach(region, dev) {
		if (!dev_matches(dev, ident))
			continue;
		if (push(out, dev)) {
			dax_list_free(out);
			return -ENOMEM;
		}
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(void *), cmp_dev);
	return 0;
}

void dax_list_free(struct dax_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

struct daxctl_dev *find_dev(struct daxctl_ctx *ctx, const char *ident)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	int r, d;

	if (!parse_dev_ident(ident, &r, &d))
		return NULL;
	daxctl_region_foreach(ctx, region) {
		if (daxctl_region_get_id(region) != r)
			continue;
		daxctl_dev_foreach(region, dev)
			if (daxctl_dev_get_id(dev) == d)
				return dev;
	}
	return NULL;
}

bool region_is_static(struct daxctl_region *region)
{
	const char *path = daxctl_region_get_path(region);
	char attr[4096];

	if (!path)
		return false;
	snprintf(attr, sizeof(attr), "%s/dax_region/create", path);
	return access(attr, F_OK) != 0;
}
