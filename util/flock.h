/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_FLOCK_H
#define UTIL_FLOCK_H

/*
 * Advisory locks that serialise our tools and the applications linking
 * our libraries on one kernel object (a region's seed and create/delete).
 * They are flock(2) locks on the object's sysfs directory: no file to
 * create, nothing left behind by a killed holder (the kernel drops the
 * lock with the last descriptor), and the same object for every process.
 * They do not stop a program that does not take them.
 */

/*
 * Lock @dir exclusively.  When it is held elsewhere, @waiting(@arg) is
 * called once and the lock retried until @timeout_ms passes (then
 * -ETIMEDOUT).  Returns the descriptor that holds the lock, or -errno.
 */
int util_lock_dir(const char *dir, long timeout_ms,
		  void (*waiting)(void *arg), void *arg);
/* Release a lock from util_lock_dir (a negative @fd is ignored). */
void util_unlock_dir(int fd);

/*
 * The lock timeout in milliseconds: environment variable @env in seconds
 * (1..UTIL_LOCK_TIMEOUT_MAX), @default_s when unset, -EINVAL when set to
 * anything else (the caller says so rather than ignore it).
 */
#define UTIL_LOCK_TIMEOUT_MAX (24 * 3600)
/* long enough for any create under emulation, short for a script */
#define UTIL_LOCK_TIMEOUT_DEFAULT 30
long util_lock_timeout_ms(const char *env, long default_s);

#endif
