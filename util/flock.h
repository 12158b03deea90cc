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

/*
 * util_lock_dir() with the timeout environment variable @env gives
 * (util_lock_timeout_ms(), UTIL_LOCK_TIMEOUT_DEFAULT when unset): what
 * both libraries' region locks do.  Returns the descriptor, or -EINVAL
 * when @env is set to no number of seconds, -ETIMEDOUT, or -errno from
 * the lock.  *@timeout_ms is the timeout used (negative when @env was
 * wrong), for the caller's message (util_lock_why()).
 */
int util_lock_dir_env(const char *dir, const char *env,
		      void (*waiting)(void *arg), void *arg, long *timeout_ms);

/*
 * The words for a lock not taken because of @env, as the libraries and
 * the CLIs print them: "@env='soon' is not a number of seconds (1..86400)"
 * for a negative @timeout_ms (from util_lock_timeout_ms() or
 * util_lock_dir_env()), else "another process kept the region locked
 * for 30 s (@env)".  Cut to @len as snprintf() cuts.
 */
void util_lock_why(char *buf, size_t len, const char *env, long timeout_ms);

#endif
