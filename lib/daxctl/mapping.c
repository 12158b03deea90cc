// SPDX-License-Identifier: LGPL-2.1-or-later
/* The physical ranges (mappingN children) of a dynamic dax device. */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

struct range_rec {
	unsigned long long start, end, pgoff;
};

void dax_dev_free_mappings(struct daxctl_dev *dev)
{
	struct daxctl_mapping *m, *next;

	list_for_each_safe(&dev->mappings, m, next, node) {
		list_del(&m->node);
		free(m);
	}
	dev->nr_mappings = 0;
}

static int read_range(struct daxctl_dev *dev, const char *name,
		      struct range_rec *r)
{
	static const char *const attrs[] = { "start", "end", "page_offset" };
	unsigned long long *out[] = { &r->start, &r->end, &r->pgoff };
	char rel[NAME_MAX + 16];
	size_t i;
	int rc;

	for (i = 0; i < 3; i++) {
		snprintf(rel, sizeof(rel), "%s/%s", name, attrs[i]);
		rc = dax_dev_read_u64(dev, rel, out[i]);
		if (rc) {
			dax_err(dev->region->ctx, "%s: reading %s: %s\n",
				dev->devname, rel, strerror(-rc));
			return rc;
		}
	}
	return 0;
}

static int cmp_pgoff(const void *a, const void *b)
{
	const struct range_rec *x = a, *y = b;

	return x->pgoff < y->pgoff ? -1 : x->pgoff > y->pgoff;
}

/*
 * The kernel names mapping children by an ida id that is reused after a
 * shrink, so the numbers need not be contiguous nor in device order: list
 * the directory and order by page_offset, which is the device order.
 * Existing objects are updated in place so pointers callers hold stay
 * valid.  Returns the number of ranges or a negative errno.
 */
int dax_dev_scan_mappings(struct daxctl_dev *dev)
{
	struct range_rec *recs = NULL, *grown;
	struct daxctl_mapping *m;
	size_t n = 0, cap = 0, i;
	unsigned int idx;
	struct dirent *de;
	int rc = 0;
	char tail;
	DIR *d;

	dev->nr_mappings = 0;
	d = opendir(dev->path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (sscanf(de->d_name, "mapping%u%c", &idx, &tail) != 1)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			grown = realloc(recs, cap * sizeof(*recs));
			if (!grown) {
				rc = -ENOMEM;
				break;
			}
			recs = grown;
		}
		rc = read_range(dev, de->d_name, &recs[n]);
		if (rc)
			break;
		n++;
	}
	closedir(d);
	if (rc)
		goto out;
	if (n > 1) /* qsort of a NULL array is undefined even for n == 0 */
		qsort(recs, n, sizeof(*recs), cmp_pgoff);

	m = list_first(&dev->mappings, struct daxctl_mapping, node);
	for (i = 0; i < n; i++) {
		if (!m) {
			m = calloc(1, sizeof(*m));
			if (!m) {
				rc = -ENOMEM;
				goto out;
			}
			m->dev = dev;
			list_add_tail(&dev->mappings, &m->node);
		}
		m->index = (int)i;
		m->start = recs[i].start;
		m->end = recs[i].end;
		m->pgoff = recs[i].pgoff;
		dev->nr_mappings = (int)i + 1;
		m = list_next(&dev->mappings, m, node);
	}
	rc = (int)n;
out:
	free(recs);
	return rc;
}

DAXCTL_EXPORT struct daxctl_mapping *daxctl_mapping_get_first(struct daxctl_dev *dev)
{
	/* re-read each time: resizing adds, trims and extends ranges */
	if (!dev || dax_dev_scan_mappings(dev) <= 0)
		return NULL;
	return list_first(&dev->mappings, struct daxctl_mapping, node);
}

DAXCTL_EXPORT struct daxctl_mapping *
daxctl_mapping_get_next(struct daxctl_mapping *mapping)
{
	struct daxctl_dev *dev;

	if (!mapping)
		return NULL;
	dev = mapping->dev;
	if (mapping->index + 1 >= dev->nr_mappings)
		return NULL;
	return list_next(&dev->mappings, mapping, node);
}

DAXCTL_EXPORT unsigned long long
daxctl_mapping_get_start(struct daxctl_mapping *mapping)
{
	return mapping ? mapping->start : 0;
}

DAXCTL_EXPORT unsigned long long
daxctl_mapping_get_end(struct daxctl_mapping *mapping)
{
	return mapping ? mapping->end : 0;
}

/* As the kernel reports it: page_offset, in pages from the device start. */
DAXCTL_EXPORT unsigned long long
daxctl_mapping_get_offset(struct daxctl_mapping *mapping)
{
	return mapping ? mapping->pgoff : 0;
}

DAXCTL_EXPORT unsigned long long
daxctl_mapping_get_size(struct daxctl_mapping *mapping)
{
	return mapping ? mapping->end - mapping->start + 1 : 0;
}
