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
#include "util/read-file.h"
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

/* Scan one file; 0 when a section for @uuids was found and filled in. */
static int scan_file(const char *file, char uuids[2][64],
		     struct dax_conf *out)
{
	char why[192], *buf;
	size_t len;
	int rc;

	rc = util_read_file(file, DAX_CONF_MAX, 0, &buf, &len, why,
			    sizeof(why));
	if (rc) {
		fprintf(stderr, "%s: %s: %s\n", cmd_prefix, file, why);
		return -EINVAL;
	}
	rc = dax_conf_parse(buf, len, uuids, out, why, sizeof(why));
	free(buf);
	if (rc == -EINVAL)
		fprintf(stderr, "%s: %s:%s\n", cmd_prefix, file, why);
	if (rc)
		return rc;
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
