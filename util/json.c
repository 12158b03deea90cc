// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

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

struct json_object *util_json_read_file(const char *path, size_t max,
					const char **why)
{
	struct json_object *obj = NULL;
	struct json_tokener *tok;
	size_t len = 0;
	struct stat st;
	char *buf;
	ssize_t n;
	int fd;

	/* O_NONBLOCK: opening a FIFO with no writer must not hang */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		close(fd);
		return NULL;
	}
	if ((unsigned long long)st.st_size > max) {
		*why = "too large";
		close(fd);
		return NULL;
	}
	buf = malloc(max + 1);
	if (!buf) {
		*why = strerror(ENOMEM);
		close(fd);
		return NULL;
	}
	/* read one byte past the limit to notice a file that grew */
	while (len <= max) {
		n = read(fd, buf + len, max + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = strerror(errno);
			goto out;
		}
		if (n == 0)
			break;
		len += n;
	}
	if (len > max) {
		*why = "too large";
		goto out;
	}
	if (len == 0) {
		*why = "empty";
		goto out;
	}
	buf[len] = '\0';	/* for the trailing-data check */
	tok = json_tokener_new();
	if (!tok) {
		*why = strerror(ENOMEM);
		goto out;
	}
	obj = json_tokener_parse_ex(tok, buf, (int)len);
	if (!obj || json_tokener_get_error(tok) != json_tokener_success) {
		*why = obj ? "trailing data after the JSON document" :
		       json_tokener_get_error(tok) == json_tokener_continue ?
		       "truncated JSON" :
		       json_tokener_error_desc(json_tokener_get_error(tok));
		json_object_put(obj);
		obj = NULL;
	} else if (strspn(buf + json_tokener_get_parse_end(tok), " \t\r\n") !=
		   len - json_tokener_get_parse_end(tok)) {
		*why = "trailing data after the JSON document";
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
out:
	free(buf);
	close(fd);
	return obj;
}
