/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_RAW_ACCESS_H
#define NDCTL_RAW_ACCESS_H

/*
 * The raw bytes of a disabled namespace, for the commands that read or
 * repair on-media metadata (read-infoblock, check-namespace): the
 * namespace is put in raw mode (sysfs force_raw) and enabled, so its
 * block device covers the whole namespace with no personality on top;
 * nd_raw_end disables it and clears raw mode again.
 */
#include <stddef.h>
#include <stdint.h>
#include <ndctl/libndctl.h>

struct nd_raw {
	struct ndctl_namespace *ndns;
	char path[64]; /* /dev/pmemX of the raw namespace */
};

/*
 * Enable the disabled @ndns in raw mode and find its block device.  On
 * failure prints "@prog: <dev>: <what failed>: <reason>", leaves the
 * namespace disabled and not raw, and returns -errno.
 */
int nd_raw_begin(struct ndctl_namespace *ndns, struct nd_raw *raw,
		 const char *prog);

/* Disable the namespace and clear raw mode; 0 or the first -errno. */
int nd_raw_end(struct nd_raw *raw);

/* pread/pwrite all of @len at @off: 0, -errno, or -EIO when short */
int nd_pread_full(int fd, void *buf, size_t len, uint64_t off);
int nd_pwrite_full(int fd, const void *buf, size_t len, uint64_t off);

#endif
