// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

void log_stderr(struct log_ctx *ctx, int priority, const char *file, int line,
		const char *fn, const char *format, va_list args)
{
	if (priority >= LOG_DEBUG)
		fprintf(stderr, "%s: %s:%d: ", ctx->owner, fn, line);
	else
		fprintf(stderr, "%s: %s: ", ctx->owner, fn);
	vfprintf(stderr, format, args);
}

void do_log(struct log_ctx *ctx, int priority, const char *file, int line,
	    const char *fn, const char *format, ...)
{
	int saved = errno;
	va_list args;

	va_start(args, format);
	ctx->fn(ctx, priority, file, line, fn, format, args);
	va_end(args);
	errno = saved;
}

int log_priority_from_string(const char *s)
{
	char *end;
	long v;

	if (!s || !*s)
		return -EINVAL;
	if (strcmp(s, "err") == 0 || strcmp(s, "error") == 0)
		return LOG_ERR;
	if (strcmp(s, "notice") == 0)
		return LOG_NOTICE;
	if (strcmp(s, "info") == 0)
		return LOG_INFO;
	if (strcmp(s, "debug") == 0)
		return LOG_DEBUG;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0 || v > LOG_DEBUG)
		return -EINVAL;
	return (int)v;
}

void log_init(struct log_ctx *ctx, const char *owner, const char *env,
	      int default_prio)
{
	const char *val = env ? secure_getenv(env) : NULL;
	int prio = log_priority_from_string(val);

	ctx->owner = owner;
	ctx->fn = log_stderr;
	ctx->priority = prio < 0 ? default_prio : prio;
}
