/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_SYSFS_H
#define UTIL_SYSFS_H

#include <stdint.h>

#include "util/log.h"

/* Large enough for any single-value sysfs attribute we read. */
#define SYSFS_ATTR_SIZE 1024

/*
 * Read attribute @path into @buf (SYSFS_ATTR_SIZE bytes), trailing newline
 * removed.  Returns 0 or a negative errno; logs failures at debug level
 * since a missing attribute is often an expected probe.
 */
int sysfs_read_attr(struct log_ctx *ctx, const char *path, char *buf);
/* Write @buf to @path; failures are logged as errors. */
int sysfs_write_attr(struct log_ctx *ctx, const char *path, const char *buf);
/* As above, but failures are logged at debug level only. */
int sysfs_write_attr_quiet(struct log_ctx *ctx, const char *path,
			   const char *buf);
/*
 * Parse an unsigned number attribute (decimal, or hex with 0x prefix).
 * Returns -EINVAL for garbage, -ERANGE for overflow.
 */
int sysfs_read_u64(struct log_ctx *ctx, const char *path, uint64_t *val);
int sysfs_read_s64(struct log_ctx *ctx, const char *path, int64_t *val);
/* Strict whole-string number parsers used by the above. */
int parse_u64(const char *s, int base, uint64_t *val);
int parse_s64(const char *s, int base, int64_t *val);

/*
 * Wait on an attribute the kernel notifies with sysfs_notify(): read it
 * (which re-arms the notification), hand its text to @done, and sleep in
 * poll() until the next notification while @done returns 0.  A positive
 * return from @done ends the wait with 0, a negative one with that
 * value.  @interval_ms bounds each sleep in case a notification is
 * missed; @timeout_ms <= 0 waits as long as it takes, else -ETIMEDOUT.
 */
int sysfs_wait_attr(const char *path, int (*done)(const char *text, void *arg),
		    void *arg, int interval_ms, long long timeout_ms);

#endif
