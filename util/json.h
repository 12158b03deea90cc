/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_JSON_H
#define UTIL_JSON_H

#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>

/* Output flags shared by the CLIs' listing code. */
enum util_json_flags {
	UTIL_JSON_HUMAN = 1 << 0,	/* -u: sizes and addresses as text */
	UTIL_JSON_IDLE = 1 << 1,	/* -i: include disabled objects */
	UTIL_JSON_VERBOSE = 1 << 2,
};

/*
 * A byte count: a number, or "4.00 GiB (4.29 GB)" with UTIL_JSON_HUMAN
 * (small counts stay numbers, see format_size()).
 */
struct json_object *util_json_new_size(uint64_t bytes, unsigned long flags);
/* An address or offset: a number, or "0x1f00000" with UTIL_JSON_HUMAN. */
struct json_object *util_json_new_hex(uint64_t val, unsigned long flags);
/* A full 64-bit unsigned number (json-c's int64 would go negative). */
struct json_object *util_json_new_u64(uint64_t val);

/* Pretty-print @obj and a newline. */
void util_json_print(FILE *f, struct json_object *obj);
/*
 * Print a listing.  With UTIL_JSON_HUMAN a one-element array is printed as
 * that element alone, as users of the established tools expect; an empty
 * array prints nothing.
 */
void util_json_print_list(FILE *f, struct json_object *arr,
			  unsigned long flags);

/*
 * Parse one JSON document of @len bytes at @buf (no side effects: what the
 * fuzzers and unit tests call).  Only whitespace may follow it.  Returns
 * the object, or NULL with *@why saying what was wrong in a few words.
 */
struct json_object *util_json_parse(const char *buf, size_t len,
				    const char **why);

/*
 * Parse the JSON document in @path, read with util_read_file(): a regular
 * file of at most @max bytes (a FIFO, a device such as /dev/zero or a file
 * growing while read is refused rather than read forever).  Returns the
 * object, or NULL with *@why saying what was wrong in a few words (valid
 * until the next call).
 */
struct json_object *util_json_read_file(const char *path, size_t max,
					const char **why);

#endif
