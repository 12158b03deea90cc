// SPDX-License-Identifier: LGPL-2.1-or-later
/* JSON helpers: numbers stay numbers, -u gives text, list shapes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"

static int failures;

static void same(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "FAIL: %s:\n got: %s\nwant: %s\n", what, got,
			want);
		failures++;
	}
}

static void obj_is(const char *what, struct json_object *o, const char *want)
{
	same(what, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
	     want);
	json_object_put(o);
}

/* Capture util_json_print_list() output through a memory stream. */
static void list_is(const char *what, struct json_object *arr,
		    unsigned long flags, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	util_json_print_list(f, arr, flags);
	fclose(f);
	same(what, buf, want);
	free(buf);
}

int main(void)
{
	struct json_object *arr, *o;

	obj_is("size", util_json_new_size(4ULL << 30, 0), "4294967296");
	obj_is("human size", util_json_new_size(4ULL << 30, UTIL_JSON_HUMAN),
	       "\"4.00 GiB (4.29 GB)\"");
	obj_is("small human size", util_json_new_size(2097152, UTIL_JSON_HUMAN),
	       "2097152");
	obj_is("human zero hex", util_json_new_hex(0, UTIL_JSON_HUMAN),
	       "\"0\"");
	obj_is("hex", util_json_new_hex(0x80000000ULL, 0), "2147483648");
	obj_is("human hex", util_json_new_hex(0x80000000ULL, UTIL_JSON_HUMAN),
	       "\"0x80000000\"");
	obj_is("u64 max", util_json_new_u64(UINT64_MAX),
	       "18446744073709551615");

	arr = json_object_new_array();
	list_is("empty list", arr, 0, "");
	o = json_object_new_object();
	json_object_object_add(o, "chardev", json_object_new_string("dax0.0"));
	json_object_array_add(arr, o);
	list_is("one element", arr, 0,
		"[\n  {\n    \"chardev\":\"dax0.0\"\n  }\n]\n");
	list_is("one element, human", arr, UTIL_JSON_HUMAN,
		"{\n  \"chardev\":\"dax0.0\"\n}\n");
	o = json_object_new_object();
	json_object_object_add(o, "chardev", json_object_new_string("dax0.1"));
	json_object_array_add(arr, o);
	list_is("two elements, human", arr, UTIL_JSON_HUMAN,
		"[\n  {\n    \"chardev\":\"dax0.0\"\n  },\n  {\n"
		"    \"chardev\":\"dax0.1\"\n  }\n]\n");
	json_object_put(arr);
	return failures ? 1 : 0;
}
