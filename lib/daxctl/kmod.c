// SPDX-License-Identifier: LGPL-2.1-or-later
/* Loading the device_dax / kmem modules before binding their drivers. */
#include <libkmod.h>

#include "private.h"

void daxctl_ctx_put_kmod(struct daxctl_ctx *ctx)
{
	if (ctx->kmod) {
		kmod_unref(ctx->kmod);
		ctx->kmod = NULL;
	}
}
