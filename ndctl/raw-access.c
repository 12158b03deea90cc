// SPDX-License-Identifier: GPL-2.0-only
/* Raw access to a disabled namespace; see raw-access.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ndctl/raw-access.h"

int nd_raw_begin(struct ndctl_namespace *ndns, struct nd_raw *raw,
		 const char *prog)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	const char *bdev;
	int rc;

	memset(raw, 0, sizeof(*raw));
	raw->ndns = ndns;
	rc = ndctl_namespace_set_raw_mode(ndns, 1);
	if (rc < 0) {
		fprintf(stderr, "%s: %s: setting raw mode failed: %s\n", prog,
			dev, strerror(-rc));
		return rc;
	}
	rc = ndctl_namespace_enable(ndns);
	if (rc < 0) {
		fprintf(stderr, "%s: %s: enabling in raw mode failed: %s\n",
			prog, dev, strerror(-rc));
		ndctl_namespace_set_raw_mode(ndns, 0);
		return rc;
	}
	bdev = ndctl_namespace_get_block_device(ndns);
	if (!bdev || !*bdev) {
		fprintf(stderr, "%s: %s: no block device in raw mode\n", prog,
			dev);
		nd_raw_end(raw);
		return -ENXIO;
	}
	snprintf(raw->path, sizeof(raw->path), "/dev/%s", bdev);
	return 0;
}

int nd_raw_end(struct nd_raw *raw)
{
	int rc = ndctl_namespace_disable(raw->ndns), rc2;

	rc2 = ndctl_namespace_set_raw_mode(raw->ndns, 0);
	if (rc2 < 0 && rc >= 0)
		rc = rc2;
	return rc < 0 ? rc : 0;
}

int nd_pread_full(int fd, void *buf, size_t len, uint64_t off)
{
	size_t n = 0;
	ssize_t got;

	while (n < len) {
		got = pread(fd, (char *)buf + n, len - n, (off_t)(off + n));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (got == 0)
			return -EIO;
		n += (size_t)got;
	}
	return 0;
}

int nd_pwrite_full(int fd, const void *buf, size_t len, uint64_t off)
{
	size_t n = 0;
	ssize_t put;

	while (n < len) {
		put = pwrite(fd, (const char *)buf + n, len - n,
			     (off_t)(off + n));
		if (put < 0 && errno == EINTR)
			continue;
		if (put < 0)
			return -errno;
		if (put == 0)
			return -EIO;
		n += (size_t)put;
	}
	return 0;
}
