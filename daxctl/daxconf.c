// SPDX-License-Identifier: GPL-2.0-only
/* daxctl.conf.d reader for reconfigure-device --check-config. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daxctl/builtin.h"
#include "daxctl/daxconf.h"
#include "util/strnat.h"
#include "util/sysfs.h"

static struct log_ctx quiet = { .fn = log_stderr, .owner = "daxctl" };

int dax_dev_namespace_uuids(const char *devname, char uuids[2][64])
{
	char path[PATH_MAX], *real, ns[SYSFS_ATTR_SIZE], val[SYSFS_ATTR_SIZE];
	int found = 0;

	/*
	 * A pmem-backed device sits under the nd "daxR.N" device, which has
	 * its own (info block) uuid -- the one `ndctl list` shows -- and
	 * whose "namespace" attribute names the namespace, with the label
	 * uuid.  Either identifies the device.
	 */
	uuids[0][0] = uuids[1][0] = '\0';
	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%s/..", devname);
	real = realpath(path, NULL);
	if (!real)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/uuid", real);
	if (sysfs_read_attr(&quiet, path, val) == 0 && val[0])
		snprintf(uuids[found++], 64, "%.63s", val);
	snprintf(path, sizeof(path), "%s/namespace", real);
	if (sysfs_read_attr(&quiet, path, ns) == 0 && ns[0]) {
		snprintf(path, sizeof(path), "%s/../%s/uuid", real, ns);
		if (sysfs_read_attr(&quiet, path, val) == 0 && val[0])
			snprintf(uuids[found++], 64, "%.63s", val);
	}
	free(real);
	return found ? 0 : -ENOENT;
}

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

static int bad(const char *file, int line, const char *what, const char *v)
{
	fprintf(stderr, "%s: %s:%d: %s '%s'\n", cmd_prefix, file, line, what, v);
	return -EINVAL;
}

/* Scan one file; 0 when a section for @uuid was found and filled in. */
static int scan_file(const char *file, char uuids[2][64],
		     struct dax_conf *out)
{
	FILE *f = fopen(file, "re");
	struct dax_conf cur;
	char line[1024];
	int lineno = 0, in_section = 0, rc = -ENOENT, matched = 0;

	if (!f)
		return -ENOENT;
	memset(&cur, 0, sizeof(cur));
	while (fgets(line, sizeof(line), f)) {
		char *s = trim(line), *eq, *k, *v;

		lineno++;
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']');

			if (matched)
				break;
			if (!end) {
				rc = bad(file, lineno, "unterminated section", s);
				break;
			}
			*end = '\0';
			s = trim(s + 1);
			in_section = strncmp(s, "reconfigure-device", 18) == 0;
			memset(&cur, 0, sizeof(cur));
			cur.online = cur.movable = -1;
			snprintf(cur.label, sizeof(cur.label), "%s",
				 trim(s + (in_section ? 18 : 0)));
			continue;
		}
		if (!in_section)
			continue;
		eq = strchr(s, '=');
		if (!eq) {
			rc = bad(file, lineno, "expected key = value, got", s);
			break;
		}
		*eq = '\0';
		k = trim(s);
		v = trim(eq + 1);
		if (!strcmp(k, "nvdimm.uuid")) {
			if ((uuids[0][0] && !strcasecmp(v, uuids[0])) ||
			    (uuids[1][0] && !strcasecmp(v, uuids[1])))
				matched = 1;
		} else if (!strcmp(k, "mode")) {
			if (strcmp(v, "system-ram") && strcmp(v, "devdax")) {
				rc = bad(file, lineno,
					 "mode must be system-ram or devdax, not", v);
				break;
			}
			snprintf(cur.mode, sizeof(cur.mode), "%s", v);
		} else if (!strcmp(k, "online") || !strcmp(k, "movable")) {
			int b = parse_bool(v);

			if (b < 0) {
				rc = bad(file, lineno, "expected true or false, got", v);
				break;
			}
			if (!strcmp(k, "online"))
				cur.online = b;
			else
				cur.movable = b;
		} else {
			rc = bad(file, lineno, "unknown key", k);
			break;
		}
	}
	fclose(f);
	if (rc == -EINVAL)
		return rc;
	if (!matched)
		return -ENOENT;
	*out = cur;
	snprintf(out->file, sizeof(out->file), "%s", file);
	return 0;
}

static int cmp_dirent(const void *a, const void *b)
{
	return strnatcmp((*(struct dirent *const *)a)->d_name,
			 (*(struct dirent *const *)b)->d_name);
}

int dax_conf_lookup(const char *dir, const char *devname,
		    struct dax_conf *out)
{
	char uuids[2][64], path[PATH_MAX];
	struct dirent **names;
	int i, n, rc = -ENOENT;

	if (dax_dev_namespace_uuids(devname, uuids))
		return -ENOENT;
	n = scandir(dir, &names, NULL, NULL);
	if (n < 0)
		return -ENOENT;
	qsort(names, (size_t)n, sizeof(*names), cmp_dirent);
	for (i = 0; i < n; i++) {
		const char *nm = names[i]->d_name;
		size_t l = strlen(nm);

		if (rc == -ENOENT && l > 5 && !strcmp(nm + l - 5, ".conf")) {
			snprintf(path, sizeof(path), "%s/%s", dir, nm);
			rc = scan_file(path, uuids, out);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}
