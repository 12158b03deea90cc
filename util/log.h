/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <stdarg.h>
#include <syslog.h>

/*
 * Logging shared by both libraries.  A library embeds a struct log_ctx in
 * its context; messages are filtered by priority here and delivered to
 * ctx->fn, which the library points at a trampoline that calls the
 * application's callback (or at log_stderr by default).
 */
struct log_ctx;
typedef void (*log_fn_t)(struct log_ctx *ctx, int priority, const char *file,
			 int line, const char *fn, const char *format,
			 va_list args);

struct log_ctx {
	log_fn_t fn;
	const char *owner;
	int priority;
};

void log_stderr(struct log_ctx *ctx, int priority, const char *file, int line,
		const char *fn, const char *format, va_list args)
	__attribute__((format(printf, 6, 0)));
void do_log(struct log_ctx *ctx, int priority, const char *file, int line,
	    const char *fn, const char *format, ...)
	__attribute__((format(printf, 6, 7)));
/*
 * Set owner and fn, and the priority from environment variable @env
 * (a number or err/info/debug); @default_prio when unset or invalid.
 */
void log_init(struct log_ctx *ctx, const char *owner, const char *env,
	      int default_prio);
int log_priority_from_string(const char *s);

#define log_cond(ctx, prio, ...)                                             \
	do {                                                                 \
		struct log_ctx *__lc = (ctx);                                \
		if (__lc->priority >= (prio))                                \
			do_log(__lc, prio, __FILE__, __LINE__, __func__,     \
			       __VA_ARGS__);                                 \
	} while (0)

#define log_dbg(ctx, ...) log_cond(ctx, LOG_DEBUG, __VA_ARGS__)
#define log_info(ctx, ...) log_cond(ctx, LOG_INFO, __VA_ARGS__)
#define log_notice(ctx, ...) log_cond(ctx, LOG_NOTICE, __VA_ARGS__)
#define log_err(ctx, ...) log_cond(ctx, LOG_ERR, __VA_ARGS__)

#endif
