// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * util_lock_dir_env() and util_lock_why(): the region locks of both
 * libraries take their timeout from an environment variable, refuse a
 * wrong one, time out on a lock held elsewhere after saying they wait,
 * and word both failures as the tests of the tools grep them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>

#include "test/libndctl/expect.h"
#include "util/flock.h"

#define ENV "UTIL_TEST_LOCK_TIMEOUT"

static int waits;

static void waiting(void *arg)
{
	(void)arg;
	waits++;
}

int main(void)
{
	char dir[] = "/tmp/flock-XXXXXX", why[128];
	long timeout = 0;
	int fd, other;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}

	setenv(ENV, "soon", 1);
	fd = util_lock_dir_env(dir, ENV, waiting, NULL, &timeout);
	expect(fd == -EINVAL && timeout < 0, "bad timeout: fd %d, %ld", fd,
	       timeout);
	util_lock_why(why, sizeof(why), ENV, timeout);
	expect(strcmp(why, ENV "='soon' is not a number of seconds (1..86400)") == 0,
	       "why: '%s'", why);

	unsetenv(ENV);
	fd = util_lock_dir_env(dir, ENV, waiting, NULL, &timeout);
	expect(fd >= 0 && timeout == UTIL_LOCK_TIMEOUT_DEFAULT * 1000,
	       "free lock: fd %d, timeout %ld", fd, timeout);
	util_unlock_dir(fd);

	/* held through another open file: a bounded wait, announced once */
	other = open(dir, O_RDONLY | O_DIRECTORY);
	expect(other >= 0 && flock(other, LOCK_EX) == 0, "hold the lock");
	setenv(ENV, "1", 1);
	fd = util_lock_dir_env(dir, ENV, waiting, NULL, &timeout);
	expect(fd == -ETIMEDOUT && timeout == 1000 && waits == 1,
	       "held lock: fd %d, timeout %ld, %d waits", fd, timeout, waits);
	util_lock_why(why, sizeof(why), ENV, timeout);
	expect(strcmp(why, "another process kept the region locked for 1 s (" ENV ")") == 0,
	       "why: '%s'", why);
	close(other);

	rmdir(dir);
	return failures ? 1 : 0;
}
