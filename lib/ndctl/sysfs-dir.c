// SPDX-License-Identifier: LGPL-2.1-or-later
/* Directory-level sysfs helpers shared by every libnvdimm object. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "private.h"
#include "util/strnat.h"

char *nd_path_join(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		return NULL;
	return p;
}

int nd_read_attr(struct ndctl_ctx *ctx, const char *dir, const char *attr,
		 char *buf)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, attr) >=
	    sizeof(path))
		return -ENAMETOOLONG;
	return sysfs_read_attr(&ctx->log, path, buf);
}

int nd_read_u64(struct ndctl_ctx *ctx, const char *dir, const char *attr,
		unsigned long long *val)
{
	char buf[SYSFS_ATTR_SIZE];
	uint64_t v;
	int rc = nd_read_attr(ctx, dir, attr, buf);

	if (rc)
		return rc;
	rc = parse_u64(buf, 0, &v);
	if (rc) {
		nd_dbg(ctx, "%s/%s: unparsable '%s'\n", dir, attr, buf);
		return rc;
	}
	*val = v;
	return 0;
}

int nd_read_s64(struct ndctl_ctx *ctx, const char *dir, const char *attr,
		long long *val)
{
	char buf[SYSFS_ATTR_SIZE];
	int64_t v;
	int rc = nd_read_attr(ctx, dir, attr, buf);

	if (rc)
		return rc;
	rc = parse_s64(buf, 0, &v);
	if (rc) {
		nd_dbg(ctx, "%s/%s: unparsable '%s'\n", dir, attr, buf);
		return rc;
	}
	*val = v;
	return 0;
}

static int write_at(struct ndctl_ctx *ctx, const char *dir, const char *attr,
		    const char *val, int quiet)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, attr) >=
	    sizeof(path))
		return -ENAMETOOLONG;
	if (quiet)
		return sysfs_write_attr_quiet(&ctx->log, path, val);
	return sysfs_write_attr(&ctx->log, path, val);
}

int nd_write_attr(struct ndctl_ctx *ctx, const char *dir, const char *attr,
		  const char *val)
{
	return write_at(ctx, dir, attr, val, 0);
}

int nd_write_attr_quiet(struct ndctl_ctx *ctx, const char *dir,
			const char *attr, const char *val)
{
	return write_at(ctx, dir, attr, val, 1);
}

/* digits, optionally ".digits", and nothing else */
static bool id_suffix(const char *s)
{
	bool dot = false;

	if (!isdigit((unsigned char)*s))
		return false;
	for (; *s; s++) {
		if (*s == '.' && !dot && isdigit((unsigned char)s[1])) {
			dot = true;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return false;
	}
	return true;
}

void nd_free_names(char **names, int count)
{
	int i;

	if (!names)
		return;
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

int nd_scan_dir(const char *dir, const char *prefix, char ***out)
{
	size_t plen = strlen(prefix);
	char **names = NULL, **tmp;
	int count = 0, cap = 0, rc;
	struct dirent *de;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, plen) != 0 ||
		    !id_suffix(de->d_name + plen))
			continue;
		if (count == cap) {
			cap = cap ? cap * 2 : 8;
			tmp = realloc(names, cap * sizeof(*names));
			if (!tmp)
				goto nomem;
			names = tmp;
		}
		names[count] = strdup(de->d_name);
		if (!names[count])
			goto nomem;
		count++;
	}
	closedir(d);
	if (count)
		qsort(names, count, sizeof(*names), strnatcmp_qsort);
	*out = names;
	return count;
nomem:
	rc = -ENOMEM;
	closedir(d);
	nd_free_names(names, count);
	return rc;
}

int nd_name_id(const char *name, const char *prefix, unsigned int *id)
{
	size_t plen = strlen(prefix);
	const char *s, *dot;
	uint64_t v;
	char num[32];

	if (strncmp(name, prefix, plen) != 0 || !id_suffix(name + plen))
		return -EINVAL;
	s = name + plen;
	dot = strchr(s, '.');
	if (dot)
		s = dot + 1;
	if (strlen(s) >= sizeof(num))
		return -ERANGE;
	strcpy(num, s);
	if (parse_u64(num, 10, &v) || v > UINT_MAX)
		return -ERANGE;
	*id = (unsigned int)v;
	return 0;
}

unsigned long nd_parse_cmd_mask(const char *buf, bool dimm)
{
	unsigned long mask = 0;
	const char *s = buf;

	/* the kernel lists command names; map each back to its number */
	while (*s) {
		size_t len;
		unsigned int cmd;

		while (*s == ' ' || *s == '\t')
			s++;
		len = strcspn(s, " \t");
		if (!len)
			break;
		for (cmd = 1; cmd < sizeof(mask) * 8; cmd++) {
			const char *name = dimm ? nvdimm_cmd_name(cmd) :
						  nvdimm_bus_cmd_name(cmd);

			if (strlen(name) == len && strncmp(name, s, len) == 0 &&
			    strcmp(name, "unknown") != 0) {
				mask |= 1UL << cmd;
				break;
			}
		}
		s += len;
	}
	return mask;
}

/* Bound to a driver: the device has a "driver" link (its target aside). */
int nd_device_is_enabled(const char *path)
{
	struct stat st;
	char p[PATH_MAX];

	if ((size_t)snprintf(p, sizeof(p), "%s/driver", path) >= sizeof(p))
		return 0;
	return lstat(p, &st) == 0;
}

int nd_device_probe(struct ndctl_ctx *ctx, const char *devname)
{
	/* udev's events for what the bind creates must not be missed */
	nd_udev_arm(ctx);
	/* the bus picks the driver that matches the device type */
	return sysfs_write_attr(&ctx->log, "/sys/bus/nd/drivers_probe", devname);
}

int nd_device_enable(struct ndctl_ctx *ctx, const char *path,
		     const char *devname)
{
	int rc;

	if (nd_device_is_enabled(path))
		return 0;
	rc = nd_device_probe(ctx, devname);
	if (rc)
		return rc;
	if (!nd_device_is_enabled(path)) {
		nd_err(ctx, "%s: failed to enable\n", devname);
		return -ENXIO;
	}
	return 0;
}

int nd_device_disable(struct ndctl_ctx *ctx, const char *path,
		      const char *devname)
{
	char p[PATH_MAX];
	int rc;

	if (!nd_device_is_enabled(path))
		return 0;
	if ((size_t)snprintf(p, sizeof(p), "%s/driver", path) >= sizeof(p))
		return -ENAMETOOLONG;
	rc = nd_write_attr(ctx, p, "unbind", devname);
	if (rc)
		return rc;
	if (nd_device_is_enabled(path)) {
		nd_err(ctx, "%s: failed to disable\n", devname);
		return -EBUSY;
	}
	return 0;
}

void nd_badblocks_clear(struct nd_badblocks *bb)
{
	free(bb->list);
	bb->list = NULL;
	bb->count = bb->cursor = 0;
}

int nd_badblocks_load(struct ndctl_ctx *ctx, const char *path,
		      struct nd_badblocks *bb)
{
	char file[PATH_MAX], line[128];
	struct badblock *tmp;
	int cap = 0;
	FILE *f;

	nd_badblocks_clear(bb);
	if ((size_t)snprintf(file, sizeof(file), "%s/badblocks", path) >=
	    sizeof(file))
		return -ENAMETOOLONG;
	f = fopen(file, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long off;
		unsigned int len;

		if (sscanf(line, "%llu %u", &off, &len) != 2)
			continue;
		if (bb->count == cap) {
			cap = cap ? cap * 2 : 16;
			tmp = realloc(bb->list, cap * sizeof(*tmp));
			if (!tmp) {
				fclose(f);
				nd_badblocks_clear(bb);
				return -ENOMEM;
			}
			bb->list = tmp;
		}
		bb->list[bb->count].offset = off;
		bb->list[bb->count].len = len;
		bb->count++;
	}
	fclose(f);
	nd_dbg(ctx, "%s: %d badblock ranges\n", path, bb->count);
	return 0;
}

int nd_find_block(const char *path, char *buf, size_t len)
{
	char dir[PATH_MAX];
	struct dirent *de;
	int rc = -ENOENT;
	DIR *d;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/block", path) >= sizeof(dir))
		return -ENAMETOOLONG;
	d = opendir(dir);
	if (!d)
		return -ENOENT;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(buf, len, "%s", de->d_name) < len)
			rc = 0;
		break;
	}
	closedir(d);
	return rc;
}
