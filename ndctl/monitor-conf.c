// SPDX-License-Identifier: GPL-2.0-only
/* ndctl monitor's config file syntax, apart from any I/O. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndctl/monitor-conf.h"

const char *const mon_key_names[NKEYS] = {
	"bus", "region", "dimm", "namespace", "dimm-event", "log",
};

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

void monitor_conf_free(char **conf)
{
	int k;

	for (k = 0; k < NKEYS; k++) {
		free(conf[k]);
		conf[k] = NULL;
	}
}

int monitor_conf_parse(char *buf, size_t len, char **conf, char *why,
		       size_t why_len)
{
	bool in_monitor = true;
	char *line = buf, *next, *p, *key, *val, *eq;
	int lineno = 0, rc = 0, k;

	/* a NUL would silently cut a line short: this is no text file */
	p = memchr(buf, '\0', len);
	if (p) {
		for (line = buf; line < p; line++)
			lineno += *line == '\n';
		snprintf(why, why_len, "%d: a NUL byte: not a text file",
			 lineno + 1);
		return -EINVAL;
	}
	line = buf;
	for (; line < buf + len && !rc; line = next) {
		next = memchr(line, '\n', (size_t)(buf + len - line));
		if (next)
			*next++ = '\0';
		else
			next = buf + len;
		lineno++;
		p = trim(line);
		if (!*p || *p == '#')
			continue;
		if (*p == '[') {
			char *end = strchr(p, ']');

			if (!end || *trim(end + 1)) {
				snprintf(why, why_len, "%d: bad section header '%.64s'",
					 lineno, p);
				rc = -EINVAL;
				break;
			}
			*end = '\0';
			in_monitor = strcmp(trim(p + 1), "monitor") == 0;
			continue;
		}
		/* malformed lines are refused in any section */
		eq = strchr(p, '=');
		if (!eq) {
			snprintf(why, why_len, "%d: expected 'key = value', not '%.64s'",
				 lineno, p);
			rc = -EINVAL;
			break;
		}
		if (!in_monitor)
			continue;
		*eq = '\0';
		key = trim(p);
		val = trim(eq + 1);
		for (k = 0; k < NKEYS; k++)
			if (strcmp(key, mon_key_names[k]) == 0)
				break;
		if (k == NKEYS) {
			snprintf(why, why_len, "%d: unknown key '%.64s' (expected bus, region, dimm, namespace, dimm-event or log)",
				 lineno, key);
			rc = -EINVAL;
			break;
		}
		if (!*val) {
			snprintf(why, why_len, "%d: no value for '%s'", lineno,
				 key);
			rc = -EINVAL;
			break;
		}
		free(conf[k]);
		conf[k] = strdup(val);
		if (!conf[k]) {
			snprintf(why, why_len, "%d: %s", lineno, strerror(ENOMEM));
			rc = -ENOMEM;
		}
	}
	if (rc)
		monitor_conf_free(conf);
	return rc;
}
