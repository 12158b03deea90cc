/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef DAXCTL_INPUT_H
#define DAXCTL_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* a `daxctl list -M` device with thousands of mappings fits many times */
#define DAX_INPUT_MAX (1 << 20)

struct dax_input_range {
	uint64_t start, end, offset;
};

/* What create-device --input takes from a device's JSON. */
struct dax_input {
	struct dax_input_range *ranges;	/* in page_offset order */
	size_t nr;
	uint64_t size;		/* the mappings' total */
	uint64_t align;		/* 0: not given */
	int region;		/* the region "chardev" names, -1: not given */
	int id;			/* the device id "chardev" names, -1 */
	int mode;		/* DAX_INPUT_*, 0: not given */
	int movable;		/* "movable": 0 or 1, -1: not given */
	bool has_size;		/* dax_input_parse_settings(): "size" given */
};

enum { DAX_INPUT_DEVDAX = 1, DAX_INPUT_SYSTEM_RAM };

/*
 * Parse the @len bytes at @buf as the JSON `daxctl list -M` prints for one
 * device (an object, or an array of exactly one).  Every field present is
 * checked, and refused by name when it has the wrong type or value:
 * "mappings" (required; each with "start" <= "end", optional unique
 * "page_offset" and a "size" that must agree), "align" (a power of two),
 * "size" (must equal the mappings' total), "chardev" (daxR.N), "mode"
 * (devdax or system-ram) and the informational fields list prints.
 * Unknown fields are refused too.  Returns 0 with @in filled (free with
 * dax_input_free()), or a negative errno with @why saying what was wrong.
 * No side effects: the fuzzer and unit tests call it.
 */
int dax_input_parse(const char *buf, size_t len, struct dax_input *in,
		    char *why, size_t why_len);

/*
 * The same JSON as the settings reconfigure-device --input applies:
 * "size" (optional, exact), "align", "mode", "movable" and "chardev",
 * checked as above; "mappings" are refused (a resize places the ranges
 * itself).  Same returns.
 */
int dax_input_parse_settings(const char *buf, size_t len,
			     struct dax_input *in, char *why, size_t why_len);

void dax_input_free(struct dax_input *in);

#endif
