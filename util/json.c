// SPDX-License-Identifier: LGPL-2.1-or-later
#include <inttypes.h>

#include "util/json.h"
#include "util/size.h"

struct json_object *util_json_new_u64(uint64_t val)
{
	if (val <= INT64_MAX)
		return json_object_new_int64((int64_t)val);
	return json_object_new_uint64(val);
}

struct json_object *util_json_new_size(uint64_t bytes, unsigned long flags)
{
	char buf[64];

	if (!(flags & UTIL_JSON_HUMAN) || bytes < HUMAN_SIZE_MIN)
		return util_json_new_u64(bytes);
	format_size(buf, sizeof(buf), bytes);
	return json_object_new_string(buf);
}

struct json_object *util_json_new_hex(uint64_t val, unsigned long flags)
{
	char buf[32];

	if (!(flags & UTIL_JSON_HUMAN))
		return util_json_new_u64(val);
	snprintf(buf, sizeof(buf), "%#" PRIx64, val);
	return json_object_new_string(buf);
}

void util_json_print(FILE *f, struct json_object *obj)
{
	fprintf(f, "%s\n",
		json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY));
}

void util_json_print_list(FILE *f, struct json_object *arr,
			  unsigned long flags)
{
	size_t n = json_object_array_length(arr);

	if (n == 0)
		return;
	if (n == 1 && (flags & UTIL_JSON_HUMAN))
		util_json_print(f, json_object_array_get_idx(arr, 0));
	else
		util_json_print(f, arr);
}
