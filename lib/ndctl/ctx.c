// SPDX-License-Identifier: LGPL-2.1-or-later
/* The library context: refcount, logging, userdata, config path. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <daxctl/libdaxctl.h>

#include "config.h"
#include "private.h"

/*
 * util/log.h hands us the embedded log_ctx; applications expect their
 * callback to receive the ndctl_ctx instead.
 */
static void log_to_app(struct log_ctx *lc, int priority, const char *file,
		       int line, const char *fn, const char *format,
		       va_list args)
{
	struct ndctl_ctx *ctx = container_of(lc, struct ndctl_ctx, log);

	ctx->app_log_fn(ctx, priority, file, line, fn, format, args);
}

NDCTL_EXPORT int ndctl_new(struct ndctl_ctx **ret)
{
	struct ndctl_ctx *ctx;

	if (!ret)
		return -EINVAL;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->config_path = strdup(NDCTL_CONF_DIR);
	if (!ctx->config_path) {
		free(ctx);
		return -ENOMEM;
	}
	ctx->refcount = 1;
	list_head_init(&ctx->buses);
	log_init(&ctx->log, "libndctl", "NDCTL_LOG", LOG_ERR);
	nd_info(ctx, "ctx %p created\n", (void *)ctx);
	*ret = ctx;
	return 0;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_unref(struct ndctl_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return NULL;
	nd_ctx_free_buses(ctx);
	nd_udev_free(ctx);
	if (ctx->daxctl_ctx)
		daxctl_unref(ctx->daxctl_ctx);
	nd_info(ctx, "ctx %p released\n", (void *)ctx);
	free(ctx->config_path);
	free(ctx);
	return NULL;
}

/* Forget every object so the next lookup re-reads the kernel's view. */
NDCTL_EXPORT void ndctl_invalidate(struct ndctl_ctx *ctx)
{
	if (ctx)
		nd_ctx_free_buses(ctx);
}

NDCTL_EXPORT void ndctl_set_log_fn(struct ndctl_ctx *ctx, ndctl_log_fn log_fn)
{
	if (!ctx)
		return;
	if (log_fn) {
		ctx->app_log_fn = log_fn;
		ctx->log.fn = log_to_app;
	} else {
		ctx->app_log_fn = NULL;
		ctx->log.fn = log_stderr;
	}
}

NDCTL_EXPORT int ndctl_get_log_priority(struct ndctl_ctx *ctx)
{
	return ctx ? ctx->log.priority : -EINVAL;
}

NDCTL_EXPORT void ndctl_set_log_priority(struct ndctl_ctx *ctx, int priority)
{
	if (!ctx)
		return;
	ctx->log.priority = priority;
	if (ctx->daxctl_ctx)
		daxctl_set_log_priority(ctx->daxctl_ctx, priority);
}

NDCTL_EXPORT void ndctl_set_userdata(struct ndctl_ctx *ctx, void *userdata)
{
	if (ctx)
		ctx->userdata = userdata;
}

NDCTL_EXPORT void *ndctl_get_userdata(struct ndctl_ctx *ctx)
{
	return ctx ? ctx->userdata : NULL;
}

NDCTL_EXPORT void ndctl_set_private_data(struct ndctl_ctx *ctx, void *data)
{
	if (ctx)
		ctx->private_data = data;
}

NDCTL_EXPORT void *ndctl_get_private_data(struct ndctl_ctx *ctx)
{
	return ctx ? ctx->private_data : NULL;
}

/* Created on first use: most users never touch the dax personality. */
NDCTL_EXPORT struct daxctl_ctx *ndctl_get_daxctl_ctx(struct ndctl_ctx *ctx)
{
	struct daxctl_ctx *dctx;

	if (!ctx)
		return NULL;
	if (ctx->daxctl_ctx)
		return ctx->daxctl_ctx;
	if (daxctl_new(&dctx) < 0) {
		nd_err(ctx, "failed to create a daxctl context\n");
		return NULL;
	}
	daxctl_set_log_priority(dctx, ctx->log.priority);
	ctx->daxctl_ctx = dctx;
	return dctx;
}

NDCTL_EXPORT int ndctl_set_config_path(struct ndctl_ctx *ctx,
				       char *config_path)
{
	char *copy;

	if (!ctx)
		return -EINVAL;
	if (!config_path || !*config_path) {
		nd_err(ctx, "invalid (empty) config path\n");
		return -EINVAL;
	}
	copy = strdup(config_path);
	if (!copy)
		return -ENOMEM;
	free(ctx->config_path);
	ctx->config_path = copy;
	return 0;
}

NDCTL_EXPORT const char *ndctl_get_config_path(struct ndctl_ctx *ctx)
{
	return ctx ? ctx->config_path : NULL;
}

NDCTL_EXPORT size_t ndctl_min_namespace_size(void)
{
	return ND_MIN_NAMESPACE_SIZE;
}
