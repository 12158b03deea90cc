// SPDX-License-Identifier: GPL-2.0-only
/* The daxctl.conf.d file syntax, apart from any I/O (fuzzed, unit tested). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "daxctl/daxconf.h"

#define SECTION "reconfigure-device"

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int parse_bool(const char *v)
{
	if (!strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcmp(v, "1"))
		return 1;
	if (!strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcmp(v, "0"))
		return 0;
	return -1;
}

/* 8-4-4-4-12 hex digits, the form the kernel prints namespace uuids in */
static int is_uuid(const char *s)
{
	int i;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return s[36] == '\0';
}

static int __attribute__((format(printf, 4, 5)))
bad(char *why, size_t why_len, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(why, why_len, "%d: ", line);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < why_len)
		vsnprintf(why + n, why_len - (size_t)n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* A finished section: complete, and the answer if it is the first match. */
static int end_section(const struct dax_conf *cur, int has_uuid, int matched,
		       int line, struct dax_conf *out, int *found, char *why,
		       size_t why_len)
{
	if (!has_uuid)
		return bad(why, why_len, line,
			   "section '%.64s' has no nvdimm.uuid", cur->label);
	if (matched && !*found) {
		*out = *cur;
		*found = 1;
	}
	return 0;
}

int dax_conf_parse(char *buf, size_t len, char uuids[2][64],
		   struct dax_conf *out, char *why, size_t why_len)
{
	char *line = buf, *next, *s, *eq, *k, *v, *nul;
	int lineno = 0, in_section = 0, has_uuid = 0, matched = 0, found = 0;
	int start = 0, seen = 0, rc;
	struct dax_conf cur;

	nul = memchr(buf, '\0', len);
	if (nul) {
		for (s = buf; s < nul; s++)
			lineno += *s == '\n';
		return bad(why, why_len, lineno + 1, "a NUL byte: not a text file");
	}
	memset(&cur, 0, sizeof(cur));
	for (; line < buf + len; line = next) {
		next = memchr(line, '\n', (size_t)(buf + len - line));
		if (next)
			*next++ = '\0';
		else
			next = buf + len;
		lineno++;
		s = trim(line);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']');

			if (!end || *trim(end + 1))
				return bad(why, why_len, lineno,
					   "bad section header '%.64s'", s);
			if (in_section) {
				rc = end_section(&cur, has_uuid, matched, start,
						 out, &found, why, why_len);
				if (rc)
					return rc;
			}
			*end = '\0';
			s = trim(s + 1);
			/* other sections belong to other commands */
			in_section = strncmp(s, SECTION, strlen(SECTION)) == 0 &&
				     (!s[strlen(SECTION)] ||
				      isspace((unsigned char)s[strlen(SECTION)]));
			memset(&cur, 0, sizeof(cur));
			cur.online = cur.movable = -1;
			snprintf(cur.label, sizeof(cur.label), "%s",
				 trim(s + (in_section ? strlen(SECTION) : 0)));
			has_uuid = matched = seen = 0;
			start = lineno;
			continue;
		}
		eq = strchr(s, '=');
		if (!eq)
			return bad(why, why_len, lineno,
				   "expected key = value, got '%.64s'", s);
		if (!in_section)
			continue;
		*eq = '\0';
		k = trim(s);
		v = trim(eq + 1);
		if (!strcmp(k, "nvdimm.uuid")) {
			if (has_uuid)
				return bad(why, why_len, lineno,
					   "nvdimm.uuid given twice");
			if (!is_uuid(v))
				return bad(why, why_len, lineno,
					   "nvdimm.uuid is not a uuid: '%.64s'", v);
			has_uuid = 1;
			if ((uuids[0][0] && !strcasecmp(v, uuids[0])) ||
			    (uuids[1][0] && !strcasecmp(v, uuids[1])))
				matched = 1;
		} else if (!strcmp(k, "mode")) {
			if (seen & 1)
				return bad(why, why_len, lineno, "mode given twice");
			seen |= 1;
			if (strcmp(v, "system-ram") && strcmp(v, "devdax"))
				return bad(why, why_len, lineno,
					   "mode must be system-ram or devdax, not '%.64s'",
					   v);
			snprintf(cur.mode, sizeof(cur.mode), "%s", v);
		} else if (!strcmp(k, "online") || !strcmp(k, "movable")) {
			int bit = !strcmp(k, "online") ? 2 : 4;
			int b = parse_bool(v);

			if (seen & bit)
				return bad(why, why_len, lineno, "%s given twice",
					   k);
			seen |= bit;
			if (b < 0)
				return bad(why, why_len, lineno,
					   "%s: expected true or false, got '%.64s'",
					   k, v);
			if (bit == 2)
				cur.online = b;
			else
				cur.movable = b;
		} else {
			return bad(why, why_len, lineno, "unknown key '%.64s'", k);
		}
	}
	if (in_section) {
		rc = end_section(&cur, has_uuid, matched, start, out, &found,
				 why, why_len);
		if (rc)
			return rc;
	}
	return found ? 0 : -ENOENT;
}
