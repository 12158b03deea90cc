/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_READ_FILE_H
#define UTIL_READ_FILE_H

#include <stddef.h>

/* Flags for util_read_file(). */
enum util_read_flags {
	/* "-" (or a NULL path) reads standard input, bounded like a file */
	UTIL_READ_STDIN = 1 << 0,
	/* a missing file reads as empty instead of failing (default configs) */
	UTIL_READ_OPTIONAL = 1 << 1,
	/* an empty file is refused */
	UTIL_READ_NONEMPTY = 1 << 2,
};

/*
 * The one way our tools read a whole input file: @path must be a regular
 * file (opened without blocking, so a FIFO is refused at once and never
 * waited on) of at most @max bytes.  Reading stops one byte past @max, so a
 * device such as /dev/zero or a file growing while read is refused too.
 * Standard input (UTIL_READ_STDIN) may be a pipe; it is read to @max + 1
 * bytes at most.
 *
 * Returns 0 with *@buf (malloc'd, NUL terminated, caller frees) and *@len,
 * or a negative errno with @why (of @why_len bytes) saying in a few words
 * what was wrong, e.g. "not a regular file" or "larger than 1048576 bytes".
 * With UTIL_READ_OPTIONAL a missing file returns 0 with *@buf NULL.
 */
int util_read_file(const char *path, size_t max, unsigned int flags,
		   char **buf, size_t *len, char *why, size_t why_len);

/* How util_read_file() names @path in messages: "standard input" for "-". */
const char *util_read_file_name(const char *path, unsigned int flags);

#endif
