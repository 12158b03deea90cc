// SPDX-License-Identifier: LGPL-2.1-or-later
/* Loading the device_dax / kmem modules before binding their drivers. */
#include <libkmod.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "private.h"

void daxctl_ctx_put_kmod(struct daxctl_ctx *ctx)
{
	if (ctx->kmod) {
		kmod_unref(ctx->kmod);
		ctx->kmod = NULL;
	}
}

static bool driver_registered(const char *drv)
{
	char path[PATH_MAX];

	return dax_path(path, sizeof(path), DAX_BUS_DRIVERS, drv) == 0 &&
	       access(path, F_OK) == 0;
}

/*
 * Make sure the dax bus has driver @drv (module of the same name).  A
 * registered driver, e.g. one built in, needs no module lookup at all.
 */
int dax_load_driver(struct daxctl_ctx *ctx, const char *drv)
{
	struct kmod_module *mod;
	int rc;

	if (driver_registered(drv))
		return 0;
	if (!ctx->kmod) {
		ctx->kmod = kmod_new(NULL, NULL);
		if (!ctx->kmod) {
			dax_err(ctx, "%s: cannot load the module: libkmod "
				"initialisation failed\n", drv);
			return -ENXIO;
		}
	}
	rc = kmod_module_new_from_name(ctx->kmod, drv, &mod);
	if (rc < 0) {
		dax_err(ctx, "%s: module lookup failed: %s\n", drv,
			strerror(-rc));
		return rc;
	}
	rc = kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST,
					     NULL, NULL, NULL, NULL);
	kmod_module_unref(mod);
	if (rc < 0) {
		dax_err(ctx, "%s: loading the module failed: %s\n", drv,
			strerror(-rc));
		return rc;
	}
	if (rc > 0) {
		dax_err(ctx, "%s: the module is blacklisted\n", drv);
		return -EPERM;
	}
	if (!driver_registered(drv)) {
		dax_err(ctx, "%s: module loaded but %s/%s did not appear\n",
			drv, DAX_BUS_DRIVERS, drv);
		return -ENXIO;
	}
	return 0;
}
