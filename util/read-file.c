// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "util/read-file.h"

static int is_stdin(const char *path, unsigned int flags)
{
	return (flags & UTIL_READ_STDIN) && (!path || strcmp(path, "-") == 0);
}

const char *util_read_file_name(const char *path, unsigned int flags)
{
	return is_stdin(path, flags) ? "standard input" : path;
}

static int fail(int rc, char *why, size_t why_len, const char *what)
{
	snprintf(why, why_len, "%s", what);
	return rc;
}

int util_read_file(const char *path, size_t max, unsigned int flags,
		   char **buf, size_t *len, char *why, size_t why_len)
{
	int use_stdin = is_stdin(path, flags);
	size_t got = 0;
	struct stat st;
	char *b;
	ssize_t n;
	int fd, rc = 0;

	*buf = NULL;
	*len = 0;
	if (!path && !use_stdin)
		return fail(-EINVAL, why, why_len, "no file named");
	if (max >= (size_t)-2)
		return fail(-EINVAL, why, why_len, "no size bound");
	if (use_stdin) {
		fd = STDIN_FILENO;
	} else {
		/* O_NONBLOCK: opening a FIFO with no writer must not hang */
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			if (errno == ENOENT && (flags & UTIL_READ_OPTIONAL))
				return 0;
			rc = -errno;
			return fail(rc, why, why_len, strerror(-rc));
		}
		if (fstat(fd, &st) < 0) {
			rc = -errno;
			close(fd);
			return fail(rc, why, why_len, strerror(-rc));
		}
		if (!S_ISREG(st.st_mode)) {
			close(fd);
			return fail(S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL,
				    why, why_len, S_ISDIR(st.st_mode) ?
				    "a directory, not a regular file" :
				    "not a regular file");
		}
		/* cheap early refusal; the read below is what bounds */
		if ((unsigned long long)st.st_size > max) {
			close(fd);
			snprintf(why, why_len, "larger than %zu bytes", max);
			return -EFBIG;
		}
	}
	b = malloc(max + 1);
	if (!b) {
		if (!use_stdin)
			close(fd);
		return fail(-ENOMEM, why, why_len, strerror(ENOMEM));
	}
	/* one byte past the bound tells "too large" from "exactly max" */
	while (got <= max) {
		n = read(fd, b + got, max + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			break;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (!use_stdin)
		close(fd);
	if (rc) {
		free(b);
		return fail(rc, why, why_len, strerror(-rc));
	}
	if (got > max) {
		free(b);
		snprintf(why, why_len, "larger than %zu bytes", max);
		return -EFBIG;
	}
	if (!got && (flags & UTIL_READ_NONEMPTY)) {
		free(b);
		return fail(-ENODATA, why, why_len, "empty");
	}
	b[got] = '\0';
	*buf = b;
	*len = got;
	return 0;
}
