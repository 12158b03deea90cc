// SPDX-License-Identifier: LGPL-2.1-or-later
/* The library context: refcount, logging, userdata, config path. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "config.h"
#include "private.h"

/*
 * util/log.h hands us the embedded log_ctx; applications expect their
 * callback to receive the daxctl_ctx instead.
 */
static void log_to_app(struct log_ctx *lc, int priority, const char *file,
		       int line, const char *fn, const char *format,
		       va_list args)
{
	struct daxctl_ctx *ctx = container_of(lc, struct daxctl_ctx, log);

	ctx->app_log_fn(ctx, priority, file, line, fn, format, args);
}

DAXCTL_EXPORT int daxctl_new(struct daxctl_ctx **ret)
{
	struct daxctl_ctx *ctx;

	if (!ret)
		return -EINVAL;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->config_path = strdup(DAXCTL_CONF_DIR);
	if (!ctx->config_path) {
		free(ctx);
		return -ENOMEM;
	}
	ctx->refcount = 1;
	list_head_init(&ctx->regions);
	log_init(&ctx->log, "libdaxctl", "DAXCTL_LOG", LOG_ERR);
	dax_info(ctx, "ctx %p created\n", (void *)ctx);
	*ret = ctx;
	return 0;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

DAXCTL_EXPORT void daxctl_unref(struct daxctl_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return;
	daxctl_ctx_free_regions(ctx);
	daxctl_ctx_put_kmod(ctx);
	dax_info(ctx, "ctx %p released\n", (void *)ctx);
	free(ctx->config_path);
	free(ctx);
}

DAXCTL_EXPORT void daxctl_set_log_fn(struct daxctl_ctx *ctx,
				     daxctl_log_fn log_fn)
{
	if (!ctx)
		return;
	if (log_fn) {
		ctx->app_log_fn = log_fn;
		ctx->log.fn = log_to_app;
	} else {
		/* NULL restores the default stderr logger */
		ctx->app_log_fn = NULL;
		ctx->log.fn = log_stderr;
	}
	dax_info(ctx, "custom logging function %p registered\n",
		 (void *)(uintptr_t)log_fn);
}

DAXCTL_EXPORT int daxctl_get_log_priority(struct daxctl_ctx *ctx)
{
	return ctx ? ctx->log.priority : -EINVAL;
}

DAXCTL_EXPORT void daxctl_set_log_priority(struct daxctl_ctx *ctx,
					   int priority)
{
	if (ctx)
		ctx->log.priority = priority;
}

DAXCTL_EXPORT void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata)
{
	if (ctx)
		ctx->userdata = userdata;
}

DAXCTL_EXPORT void *daxctl_get_userdata(struct daxctl_ctx *ctx)
{
	return ctx ? ctx->userdata : NULL;
}

DAXCTL_EXPORT int daxctl_set_config_path(struct daxctl_ctx *ctx,
					 char *config_path)
{
	char *copy;

	if (!ctx || !config_path || !*config_path) {
		if (ctx)
			dax_err(ctx, "invalid (empty) config path\n");
		return -EINVAL;
	}
	copy = strdup(config_path);
	if (!copy)
		return -ENOMEM;
	free(ctx->config_path);
	ctx->config_path = copy;
	return 0;
}

DAXCTL_EXPORT const char *daxctl_get_config_path(struct daxctl_ctx *ctx)
{
	return ctx ? ctx->config_path : NULL;
}
