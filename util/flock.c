// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "util/flock.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int util_lock_dir(const char *dir, long timeout_ms,
		  void (*waiting)(void *arg), void *arg)
{
	long long deadline = now_ms() + timeout_ms;
	/* short naps: a create holds the lock for milliseconds */
	const struct timespec nap = { 0, 10 * 1000 * 1000 };
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool told = false;

	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int err = errno;

		if (err == EINTR)
			continue;
		if (err != EWOULDBLOCK || now_ms() >= deadline) {
			close(fd);
			return err == EWOULDBLOCK ? -ETIMEDOUT : -err;
		}
		if (!told && waiting)
			waiting(arg);
		told = true;
		nanosleep(&nap, NULL);
	}
	return fd;
}

void util_unlock_dir(int fd)
{
	if (fd >= 0)
		close(fd);
}

long util_lock_timeout_ms(const char *env, long default_s)
{
	const char *s = getenv(env);
	char *end;
	long v;

	if (!s || !*s)
		return default_s * 1000;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v <= 0 || v > UTIL_LOCK_TIMEOUT_MAX)
		return -EINVAL;
	return v * 1000;
}

int util_lock_dir_env(const char *dir, const char *env,
		      void (*waiting)(void *arg), void *arg, long *timeout_ms)
{
	*timeout_ms = util_lock_timeout_ms(env, UTIL_LOCK_TIMEOUT_DEFAULT);
	if (*timeout_ms < 0)
		return -EINVAL;
	return util_lock_dir(dir, *timeout_ms, waiting, arg);
}

void util_lock_why(char *buf, size_t len, const char *env, long timeout_ms)
{
	const char *s = getenv(env);

	if (timeout_ms < 0)
		snprintf(buf, len, "%s='%s' is not a number of seconds (1..%d)",
			 env, s ? s : "", UTIL_LOCK_TIMEOUT_MAX);
	else
		snprintf(buf, len, "another process kept the region locked for %ld s (%s)",
			 timeout_ms / 1000, env);
}
