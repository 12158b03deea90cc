// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "util/json.h"
#include "util/read-file.h"
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

struct json_object *util_json_parse(const char *buf, size_t len,
				    const char **why)
{
	struct json_object *obj;
	struct json_tokener *tok;
	enum json_tokener_error err;
	size_t end;

	if (len == 0) {
		*why = "empty";
		return NULL;
	}
	if (len > INT32_MAX || memchr(buf, '\0', len)) {
		*why = len > INT32_MAX ? "too large" : "a NUL byte in the JSON";
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		*why = strerror(ENOMEM);
		return NULL;
	}
	obj = json_tokener_parse_ex(tok, buf, (int)len);
	end = json_tokener_get_parse_end(tok);
	/* a bare number at the very end waits for more: a NUL says "no more" */
	if (!obj && json_tokener_get_error(tok) == json_tokener_continue) {
		obj = json_tokener_parse_ex(tok, "", 1);
		end = len;
	}
	err = json_tokener_get_error(tok);
	if (!obj || err != json_tokener_success) {
		*why = obj ? "trailing data after the JSON document" :
		       err == json_tokener_continue ||
		       err == json_tokener_error_parse_eof ? "truncated JSON" :
		       json_tokener_error_desc(err);
		json_object_put(obj);
		json_tokener_free(tok);
		return NULL;
	}
	json_tokener_free(tok);
	while (end < len && strchr(" \t\r\n", buf[end]))
		end++;
	if (end != len) {
		*why = "trailing data after the JSON document";
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

struct json_object *util_json_read_file(const char *path, size_t max,
					const char **why)
{
	static __thread char msg[96];
	struct json_object *obj;
	size_t len;
	char *buf;

	if (util_read_file(path, max, UTIL_READ_NONEMPTY, &buf, &len, msg,
			   sizeof(msg)) < 0) {
		*why = msg;
		return NULL;
	}
	obj = util_json_parse(buf, len, why);
	free(buf);
	return obj;
}
