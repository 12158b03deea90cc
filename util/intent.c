// SPDX-License-Identifier: LGPL-2.1-or-later
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <json-c/json.h>

#include "util/intent.h"
#include "util/json.h"
#include "util/size.h"

/* a record is a few command lines: anything bigger is not ours */
#define INTENT_MAX (64 * 1024)

/* field 22 of /proc/PID/stat: tells a reused pid from the writer */
static unsigned long long start_time(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long t = 0;
	ssize_t n;
	int fd, field;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* the command name may hold spaces and ')': count after the last */
	p = strrchr(buf, ')');
	if (!p)
		return 0;
	for (field = 2; field < 22 && p; field++)
		p = strchr(p + 1, ' ');
	if (p)
		t = strtoull(p + 1, NULL, 10);
	return t;
}

static int record_path(char *buf, size_t len, const char *dir,
		       const char *object)
{
	int n;

	/* device names only: no path can be smuggled in */
	if (!*object || strchr(object, '/') || object[0] == '.')
		return -EINVAL;
	n = snprintf(buf, len, "%s/%s.json", dir, object);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static const char *str_of(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/*
 * The record at @path: 1 when its writer is gone (*@out holds it, to
 * put), 0 when it still runs, -errno when there is none or it is not a
 * record (a damaged one is reported as such by the caller).
 */
static int stale_record(const char *path, struct json_object **out,
			const char **why)
{
	struct json_object *o, *v;
	long long pid;
	unsigned long long start;

	*why = NULL;
	if (access(path, F_OK))
		return -ENOENT;
	o = util_json_read_file(path, INTENT_MAX, why);
	if (!o)
		return -EINVAL;
	if (!json_object_object_get_ex(o, "pid", &v) ||
	    !json_object_is_type(v, json_type_int) ||
	    (pid = json_object_get_int64(v)) <= 0 || pid > INT32_MAX ||
	    !str_of(o, "command") || !str_of(o, "was") ||
	    !str_of(o, "finish") || !str_of(o, "undo")) {
		*why = "not a record of ours";
		json_object_put(o);
		return -EINVAL;
	}
	start = 0;
	if (json_object_object_get_ex(o, "start", &v))
		start = (unsigned long long)json_object_get_int64(v);
	if ((kill((pid_t)pid, 0) == 0 || errno == EPERM) &&
	    start_time((pid_t)pid) == start) {
		json_object_put(o);
		return 0;
	}
	*out = o;
	return 1;
}

int intent_begin(struct intent *in, const char *dir, const char *object,
		 const struct intent_desc *d)
{
	const char *text, *why, *was = d->was, *undo = d->undo;
	struct json_object *o, *prev = NULL;
	char tmp[PATH_MAX + 8];
	int rc, fd;
	size_t len;

	in->held = false;
	rc = record_path(in->path, sizeof(in->path), dir, object);
	if (rc)
		return rc;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	o = json_object_new_object();
	if (!o)
		return -ENOMEM;
	/*
	 * Finishing or undoing an interrupted change may be interrupted in
	 * turn: what the object was before the first one is what undo
	 * restores.
	 */
	if (stale_record(in->path, &prev, &why) == 1) {
		was = str_of(prev, "was");
		undo = str_of(prev, "undo");
	}
	json_object_object_add(o, "object", json_object_new_string(object));
	json_object_object_add(o, "pid", json_object_new_int(getpid()));
	json_object_object_add(o, "start",
			       util_json_new_u64(start_time(getpid())));
	json_object_object_add(o, "command", json_object_new_string(d->command));
	json_object_object_add(o, "was", json_object_new_string(was));
	json_object_object_add(o, "finish", json_object_new_string(d->finish));
	json_object_object_add(o, "undo", json_object_new_string(undo));
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	len = strlen(text);
	/* whole or not at all: a reader never sees half a record */
	snprintf(tmp, sizeof(tmp), "%s.tmp", in->path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = -errno;
	} else {
		rc = write(fd, text, len) == (ssize_t)len ? 0 : -EIO;
		if (close(fd) < 0 && !rc)
			rc = -errno;
		if (!rc && rename(tmp, in->path) < 0)
			rc = -errno;
		if (rc)
			unlink(tmp);
	}
	json_object_put(o);
	if (prev)
		json_object_put(prev);
	in->held = rc == 0;
	return rc;
}

void intent_end(struct intent *in)
{
	if (in->held)
		unlink(in->path);
	in->held = false;
}

static int report_one(const char *dir, const char *object, const char *prog)
{
	char path[PATH_MAX];
	struct json_object *o;
	const char *why;
	int rc;

	if (record_path(path, sizeof(path), dir, object))
		return 0;
	rc = stale_record(path, &o, &why);
	if (rc == -EINVAL) {
		fprintf(stderr, "%s: %s: %s: %s (remove it if no change is in progress)\n",
			prog, object, path, why ? why : "unreadable");
		return 1;
	}
	if (rc <= 0)
		return 0;
	fprintf(stderr, "%s: %s: '%s' was killed before it finished; it was %s. Finish it with: %s; or undo it with: %s\n",
		prog, object, str_of(o, "command"), str_of(o, "was"),
		str_of(o, "finish"), str_of(o, "undo"));
	json_object_put(o);
	return 1;
}

/*
 * Call @fn(@dir, name, @arg) for each record in @dir, by the name of its
 * object ("dax0.0" for dax0.0.json); the sum of what @fn returns.
 */
static int for_each_record(const char *dir,
			   int (*fn)(const char *dir, const char *object,
				     const void *arg),
			   const void *arg)
{
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char name[256];
		size_t len = strlen(de->d_name);

		if (len <= 5 || strcmp(de->d_name + len - 5, ".json") ||
		    len - 5 >= sizeof(name))
			continue;
		memcpy(name, de->d_name, len - 5);
		name[len - 5] = '\0';
		n += fn(dir, name, arg);
	}
	closedir(d);
	return n;
}

static int report_each(const char *dir, const char *object,
		       const void *prog)
{
	return report_one(dir, object, prog);
}

int intent_report(const char *dir, const char *object, const char *prog)
{
	if (object)
		return report_one(dir, object, prog);
	return for_each_record(dir, report_each, prog);
}

void intent_forget(const char *dir, const char *object)
{
	char path[PATH_MAX];
	struct json_object *o;
	const char *why;

	if (record_path(path, sizeof(path), dir, object))
		return;
	if (stale_record(path, &o, &why) == 1) {
		json_object_put(o);
		unlink(path);
	}
}

int intent_quote(char *buf, size_t len, const char *arg)
{
	size_t n = 0;
	const char *p;

	if (*arg && strspn(arg, "abcdefghijklmnopqrstuvwxyz"
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
				"-_.,:/=+@%") == strlen(arg)) {
		if (strlen(arg) >= len)
			return -ENOSPC;
		strcpy(buf, arg);
		return 0;
	}
	/* '...' with each ' as '\'' */
	if (len < 3)
		return -ENOSPC;
	buf[n++] = '\'';
	for (p = arg; *p; p++) {
		if (*p == '\'') {
			if (n + 4 >= len)
				return -ENOSPC;
			memcpy(buf + n, "'\\''", 4);
			n += 4;
		} else {
			if (n + 1 >= len)
				return -ENOSPC;
			buf[n++] = *p;
		}
	}
	if (n + 2 > len)
		return -ENOSPC;
	buf[n++] = '\'';
	buf[n] = '\0';
	return 0;
}

int intent_join(char *buf, size_t len, const char *prog, int argc,
		const char **argv)
{
	size_t n;
	int i;

	if (snprintf(buf, len, "%s", prog) >= (int)len)
		return -ENOSPC;
	for (i = 1; i < argc; i++) {
		n = strlen(buf);
		if (n + 2 > len)
			return -ENOSPC;
		buf[n++] = ' ';
		if (intent_quote(buf + n, len - n, argv[i]))
			return -ENOSPC;
	}
	return 0;
}

int intent_add(char *buf, size_t len, const char *fmt, ...)
{
	size_t n = strnlen(buf, len);
	va_list ap;
	int rc;

	if (n >= len)
		return -ENOSPC;
	va_start(ap, fmt);
	rc = vsnprintf(buf + n, len - n, fmt, ap);
	va_end(ap);
	return rc < 0 || (size_t)rc >= len - n ? -ENOSPC : 0;
}

int intent_add_size(char *buf, size_t len, const char *opt, uint64_t bytes)
{
	char v[32];

	format_size_exact(v, sizeof(v), bytes);
	return intent_add(buf, len, "%s%s", opt, v);
}

/* a record whose object is gone from @objects (a directory) */
static int forget_if_missing(const char *dir, const char *object,
			     const void *objects)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/%s", (const char *)objects,
		     object) >= (int)sizeof(path) || access(path, F_OK) == 0)
		return 0;
	intent_forget(dir, object);
	return 0;
}

void intent_forget_missing(const char *dir, const char *objects)
{
	for_each_record(dir, forget_if_missing, objects);
}
