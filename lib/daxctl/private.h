/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBDAXCTL_PRIVATE_H
#define LIBDAXCTL_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include <daxctl/libdaxctl.h>

#include "util/list.h"
#include "util/log.h"
#include "util/sysfs.h"

#define DAXCTL_EXPORT __attribute__((visibility("default")))

typedef void (*daxctl_log_fn)(struct daxctl_ctx *ctx, int priority,
			      const char *file, int line, const char *fn,
			      const char *format, va_list args);

struct kmod_ctx;

struct daxctl_ctx {
	/* first, so the util log trampoline can find us from &ctx->log */
	struct log_ctx log;
	daxctl_log_fn app_log_fn;
	int refcount;
	void *userdata;
	char *config_path;
	struct kmod_ctx *kmod;
	bool regions_scanned;
	struct list_head regions;
};

#define dax_err(c, ...) log_err(&(c)->log, __VA_ARGS__)
#define dax_info(c, ...) log_info(&(c)->log, __VA_ARGS__)
#define dax_dbg(c, ...) log_dbg(&(c)->log, __VA_ARGS__)

/* ctx teardown helpers implemented by the object files */
void daxctl_ctx_free_regions(struct daxctl_ctx *ctx);
void daxctl_ctx_put_kmod(struct daxctl_ctx *ctx);

#endif
