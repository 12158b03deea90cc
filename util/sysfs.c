// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/sysfs.h"

int sysfs_read_attr(struct log_ctx *ctx, const char *path, char *buf)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int rc = -errno;

		log_dbg(ctx, "failed to open %s: %s\n", path, strerror(errno));
		return rc;
	}
	n = read(fd, buf, SYSFS_ATTR_SIZE - 1);
	if (n < 0) {
		int rc = -errno;

		log_dbg(ctx, "failed to read %s: %s\n", path, strerror(errno));
		close(fd);
		return rc;
	}
	close(fd);
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

static int write_attr(struct log_ctx *ctx, const char *path, const char *buf,
		      int quiet)
{
	size_t len = strlen(buf);
	ssize_t n;
	int fd, rc = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		goto out;
	}
	n = write(fd, buf, len);
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != len)
		rc = -EIO;
	close(fd);
out:
	if (rc) {
		if (quiet)
			log_dbg(ctx, "failed to write %s to %s: %s\n", buf,
				path, strerror(-rc));
		else
			log_err(ctx, "failed to write %s to %s: %s\n", buf,
				path, strerror(-rc));
	}
	return rc;
}

int sysfs_write_attr(struct log_ctx *ctx, const char *path, const char *buf)
{
	return write_attr(ctx, path, buf, 0);
}

int sysfs_write_attr_quiet(struct log_ctx *ctx, const char *path,
			   const char *buf)
{
	return write_attr(ctx, path, buf, 1);
}

int parse_u64(const char *s, int base, uint64_t *val)
{
	unsigned long long v;
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno == ERANGE)
		return -ERANGE;
	if (end == s || errno)
		return -EINVAL;
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	*val = v;
	return 0;
}

int parse_s64(const char *s, int base, int64_t *val)
{
	long long v;
	char *end;

	errno = 0;
	v = strtoll(s, &end, base);
	if (errno == ERANGE)
		return -ERANGE;
	if (end == s || errno)
		return -EINVAL;
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	*val = v;
	return 0;
}

int sysfs_read_u64(struct log_ctx *ctx, const char *path, uint64_t *val)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc = sysfs_read_attr(ctx, path, buf);

	if (rc)
		return rc;
	rc = parse_u64(buf, 0, val);
	if (rc)
		log_dbg(ctx, "%s: unparsable value '%s'\n", path, buf);
	return rc;
}

int sysfs_read_s64(struct log_ctx *ctx, const char *path, int64_t *val)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc = sysfs_read_attr(ctx, path, buf);

	if (rc)
		return rc;
	rc = parse_s64(buf, 0, val);
	if (rc)
		log_dbg(ctx, "%s: unparsable value '%s'\n", path, buf);
	return rc;
}

static long long monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int sysfs_wait_attr(const char *path, int (*done)(const char *text, void *arg),
		    void *arg, int interval_ms, long long timeout_ms)
{
	long long deadline = timeout_ms > 0 ? monotonic_ms() + timeout_ms : 0;
	char buf[SYSFS_ATTR_SIZE];
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLPRI | POLLERR };
		int wait = interval_ms > 0 ? interval_ms : 1000;
		ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

		if (n < 0) {
			rc = -errno;
			break;
		}
		buf[n] = '\0';
		rc = done(buf, arg);
		if (rc) {
			rc = rc > 0 ? 0 : rc;
			break;
		}
		if (deadline) {
			long long left = deadline - monotonic_ms();

			if (left <= 0) {
				rc = -ETIMEDOUT;
				break;
			}
			if (left < wait)
				wait = (int)left;
		}
		if (poll(&pfd, 1, wait) < 0 && errno != EINTR) {
			rc = -errno;
			break;
		}
	}
	close(fd);
	return rc;
}
