// SPDX-License-Identifier: GPL-2.0-only
/* create-device --input: a device's JSON into ranges, every field checked. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daxctl/input.h"
#include "util/json.h"
#include "util/size.h"

static int __attribute__((format(printf, 3, 4)))
bad(char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/*
 * A byte count or address: a JSON integer, a size string ("0x1000", "2M")
 * or the "96.00 MiB (100.66 MB)" form list -u prints, which is rounded and
 * so only accepted when @expect (if non-NULL) formats to exactly it.
 * json-c clamps integers beyond 64 bits to UINT64_MAX: refused as too big.
 */
static int get_u64(struct json_object *j, const char *name, uint64_t *v,
		   const uint64_t *expect, char *why, size_t why_len)
{
	const char *s, *e;
	char fmt[64];

	if (json_object_is_type(j, json_type_int)) {
		if (json_object_get_int64(j) < 0)
			return bad(why, why_len, "\"%s\" is negative", name);
		*v = json_object_get_uint64(j);
		if (*v == UINT64_MAX)
			return bad(why, why_len, "\"%s\" is too large", name);
		return 0;
	}
	if (!json_object_is_type(j, json_type_string))
		return bad(why, why_len, "\"%s\" must be an integer or a size string, not %s",
			   name, json_type_to_name(json_object_get_type(j)));
	s = json_object_get_string(j);
	if (parse_size64(s, v, &e) == 0) {
		if (*v == UINT64_MAX)
			return bad(why, why_len, "\"%s\" is too large", name);
		return 0;
	}
	if (expect) {
		format_size(fmt, sizeof(fmt), *expect);
		if (strcmp(fmt, s) == 0) {
			*v = *expect;
			return 0;
		}
	}
	return bad(why, why_len, "\"%s\": invalid size '%.64s'", name, s);
}

static int check_type(struct json_object *j, const char *name,
		      enum json_type want, char *why, size_t why_len)
{
	if (json_object_is_type(j, want))
		return 0;
	return bad(why, why_len, "\"%s\" must be %s, not %s", name,
		   json_type_to_name(want),
		   json_type_to_name(json_object_get_type(j)));
}

static int cmp_offset(const void *a, const void *b)
{
	const struct dax_input_range *x = a, *y = b;

	return (x->offset > y->offset) - (x->offset < y->offset);
}

static int parse_mapping(struct json_object *m, size_t i,
			 struct dax_input_range *r, char *why, size_t why_len)
{
	bool has_start = false, has_end = false, has_off = false;
	struct json_object *jsize = NULL;
	char name[48];
	uint64_t sz;
	int rc;

	if (!json_object_is_type(m, json_type_object))
		return bad(why, why_len, "mapping %zu is not an object", i);
	json_object_object_foreach(m, key, val) {
		uint64_t *dst;

		if (!strcmp(key, "start")) {
			dst = &r->start;
			has_start = true;
		} else if (!strcmp(key, "end")) {
			dst = &r->end;
			has_end = true;
		} else if (!strcmp(key, "page_offset")) {
			dst = &r->offset;
			has_off = true;
		} else if (!strcmp(key, "size")) {
			jsize = val;	/* checked once start and end are known */
			continue;
		} else {
			return bad(why, why_len, "mapping %zu: unknown field \"%.64s\"",
				   i, key);
		}
		snprintf(name, sizeof(name), "mappings[%zu].%s", i, key);
		rc = get_u64(val, name, dst, NULL, why, why_len);
		if (rc)
			return rc;
	}
	if (!has_start || !has_end)
		return bad(why, why_len, "mapping %zu needs \"start\" and \"end\"",
			   i);
	if (r->end < r->start)
		return bad(why, why_len, "mapping %zu: \"end\" is below \"start\"",
			   i);
	if (!has_off)
		r->offset = i;
	if (jsize) {
		uint64_t want = r->end - r->start + 1;

		snprintf(name, sizeof(name), "mappings[%zu].size", i);
		rc = get_u64(jsize, name, &sz, &want, why, why_len);
		if (rc)
			return rc;
		if (sz != want)
			return bad(why, why_len, "\"%s\" is %llu but start..end spans %llu",
				   name, (unsigned long long)sz,
				   (unsigned long long)want);
	}
	return 0;
}

static int parse_chardev(const char *s, int *region, int *id)
{
	unsigned long r, d;
	char *end;

	if (strncmp(s, "dax", 3) || s[3] < '0' || s[3] > '9')
		return -EINVAL;
	r = strtoul(s + 3, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9' || r > INT32_MAX)
		return -EINVAL;
	d = strtoul(end + 1, &end, 10);
	if (*end || d > INT32_MAX)
		return -EINVAL;
	*region = (int)r;
	*id = (int)d;
	return 0;
}

/* Fields list prints that describe the device's state, not its shape. */
static const struct {
	const char *name;
	enum json_type type;
} informational[] = {
	{ "target_node", json_type_int },
	{ "numa_node", json_type_int },
	{ "online_memblocks", json_type_int },
	{ "total_memblocks", json_type_int },
	{ "state", json_type_string },
};

/* "align": a power of two; list -u prints 1G as "1024.00 MiB (1073.74 MB)" */
static int get_align(struct json_object *jalign, struct dax_input *in,
		     char *why, size_t why_len)
{
	uint64_t v;
	int rc, k;

	rc = get_u64(jalign, "align", &v, NULL, why, why_len);
	for (k = 12; rc && k < 63 &&
	     json_object_is_type(jalign, json_type_string); k++) {
		uint64_t pow = 1ULL << k;

		if (get_u64(jalign, "align", &v, &pow, why, why_len) == 0)
			rc = 0;
	}
	if (rc)
		return rc;
	if (!v || (v & (v - 1)))
		return bad(why, why_len, "\"align\" %llu is not a power of two",
			   (unsigned long long)v);
	in->align = v;
	return 0;
}

/*
 * The reconfigure-device form: the device's settings, no ranges (a
 * resize places them itself, so a "mappings" given could not be kept).
 */
static int parse_settings(struct json_object *maps, struct json_object *jsize,
			  struct json_object *jalign, struct dax_input *in,
			  char *why, size_t why_len)
{
	int rc;

	if (maps)
		return bad(why, why_len, "\"mappings\": reconfigure-device cannot place a device's ranges (create-device --input can); leave them out");
	if (jsize) {
		rc = get_u64(jsize, "size", &in->size, NULL, why, why_len);
		if (rc)
			return rc;
		in->has_size = true;
	}
	return jalign ? get_align(jalign, in, why, why_len) : 0;
}

static int parse_device(struct json_object *dev, struct dax_input *in,
			bool settings, char *why, size_t why_len)
{
	struct json_object *maps = NULL, *jsize = NULL, *jalign = NULL;
	uint64_t v;
	size_t i, k, n;
	int rc;

	if (!json_object_is_type(dev, json_type_object))
		return bad(why, why_len, "expected a device object (as 'daxctl list -M' prints), not %s",
			   json_type_to_name(json_object_get_type(dev)));
	json_object_object_foreach(dev, key, val) {
		if (!strcmp(key, "mappings")) {
			maps = val;
		} else if (!strcmp(key, "size")) {
			jsize = val;
		} else if (!strcmp(key, "align")) {
			jalign = val;
		} else if (!strcmp(key, "chardev")) {
			rc = check_type(val, key, json_type_string, why, why_len);
			if (rc)
				return rc;
			if (parse_chardev(json_object_get_string(val),
					  &in->region, &in->id))
				return bad(why, why_len, "\"chardev\" '%.64s' is not a device name daxR.N",
					   json_object_get_string(val));
		} else if (!strcmp(key, "mode")) {
			const char *m;

			rc = check_type(val, key, json_type_string, why, why_len);
			if (rc)
				return rc;
			m = json_object_get_string(val);
			if (strcmp(m, "devdax") && strcmp(m, "system-ram"))
				return bad(why, why_len, "\"mode\" must be devdax or system-ram, not '%.64s'",
					   m);
			in->mode = strcmp(m, "devdax") ? DAX_INPUT_SYSTEM_RAM :
							 DAX_INPUT_DEVDAX;
		} else if (!strcmp(key, "movable")) {
			rc = check_type(val, key, json_type_boolean, why,
					why_len);
			if (rc)
				return rc;
			in->movable = json_object_get_boolean(val);
		} else {
			for (k = 0; k < sizeof(informational) /
					sizeof(informational[0]); k++)
				if (!strcmp(key, informational[k].name))
					break;
			if (k == sizeof(informational) / sizeof(informational[0]))
				return bad(why, why_len, "unknown field \"%.64s\"",
					   key);
			rc = check_type(val, key, informational[k].type, why,
					why_len);
			if (rc)
				return rc;
			if (informational[k].type == json_type_int &&
			    json_object_get_int64(val) < -1)
				return bad(why, why_len, "\"%s\" is negative", key);
		}
	}
	if (settings)
		return parse_settings(maps, jsize, jalign, in, why, why_len);
	if (!maps)
		return bad(why, why_len, "no \"mappings\" (expected a device as 'daxctl list -M' prints)");
	rc = check_type(maps, "mappings", json_type_array, why, why_len);
	if (rc)
		return rc;
	n = json_object_array_length(maps);
	if (!n)
		return bad(why, why_len, "\"mappings\" is empty");
	in->ranges = calloc(n, sizeof(*in->ranges));
	if (!in->ranges) {
		snprintf(why, why_len, "%s", strerror(ENOMEM));
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		struct dax_input_range *r = &in->ranges[i];
		uint64_t span;

		rc = parse_mapping(json_object_array_get_idx(maps, i), i, r,
				   why, why_len);
		if (rc)
			return rc;
		span = r->end - r->start + 1;
		if (span == 0 || in->size + span < in->size)
			return bad(why, why_len, "mapping %zu: the mappings' total overflows",
				   i);
		in->size += span;
	}
	in->nr = n;
	qsort(in->ranges, n, sizeof(*in->ranges), cmp_offset);
	for (i = 1; i < n; i++)
		if (in->ranges[i].offset == in->ranges[i - 1].offset)
			return bad(why, why_len, "two mappings have page_offset %llu",
				   (unsigned long long)in->ranges[i].offset);
	if (jsize) {
		rc = get_u64(jsize, "size", &v, &in->size, why, why_len);
		if (rc)
			return rc;
		if (v != in->size)
			return bad(why, why_len, "\"size\" is %llu but the mappings add up to %llu",
				   (unsigned long long)v,
				   (unsigned long long)in->size);
	}
	return jalign ? get_align(jalign, in, why, why_len) : 0;
}

void dax_input_free(struct dax_input *in)
{
	free(in->ranges);
	in->ranges = NULL;
	in->nr = 0;
}

static int parse(const char *buf, size_t len, struct dax_input *in,
		 bool settings, char *why, size_t why_len)
{
	struct json_object *root, *dev;
	const char *jwhy = NULL;
	int rc;

	memset(in, 0, sizeof(*in));
	in->region = -1;
	in->id = -1;
	in->movable = -1;
	root = util_json_parse(buf, len, &jwhy);
	if (!root)
		return bad(why, why_len, "%s", jwhy);
	dev = root;
	if (json_object_is_type(root, json_type_array)) {
		size_t n = json_object_array_length(root);

		if (n != 1) {
			json_object_put(root);
			return bad(why, why_len, "expected one device, not an array of %zu",
				   n);
		}
		dev = json_object_array_get_idx(root, 0);
	}
	rc = parse_device(dev, in, settings, why, why_len);
	json_object_put(root);
	if (rc)
		dax_input_free(in);
	return rc;
}

int dax_input_parse(const char *buf, size_t len, struct dax_input *in,
		    char *why, size_t why_len)
{
	return parse(buf, len, in, false, why, why_len);
}

int dax_input_parse_settings(const char *buf, size_t len,
			     struct dax_input *in, char *why, size_t why_len)
{
	return parse(buf, len, in, true, why, why_len);
}
