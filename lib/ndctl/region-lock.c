// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Configuring a namespace takes many sysfs writes (uuid, alt name, sector
 * size, size, then a btt/pfn/dax seed's uuid, settings and namespace, then
 * an enable), and the region's seeds (namespace_seed, btt_seed, pfn_seed,
 * dax_seed) name one idle device for every process: two processes that
 * each take the seed configure the same device, and the rollback of one
 * undoes the other's work.  So every configuring write takes a per-region
 * lock (util/flock.h on the region's sysfs directory, the libdaxctl
 * approach), held by the region object until the transaction ends:
 *
 * - taken by the first configuring write: ndctl_namespace_set_uuid,
 *   _set_alt_name, _set_size, _set_sector_size, ndctl_{btt,pfn,dax}_
 *   set_uuid, _set_namespace, _set_location, _set_align,
 *   ndctl_btt_set_sector_size (the kernel updates the labels in these);
 * - released when a namespace is enabled (not in raw mode: that is an
 *   info block being cleared on the way to a delete), a claim is
 *   enabled, a namespace is deleted, or the region object is freed
 *   (with the context, or by exit: the kernel drops a flock with its
 *   descriptor).
 *
 * A seed read before the lock may be stale by the time the write runs:
 * the kernel refuses the write on a device another process has enabled
 * (-EBUSY), and the caller fetches the seed again, now under the lock.
 * On taking the lock the library clears claims left configured by a
 * transaction that did not finish (a uuid and no namespace, not enabled):
 * a holder of the lock would still own them.
 *
 * NDCTL_LOCK_TIMEOUT (seconds) bounds the wait for another configurer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "private.h"
#include "util/flock.h"

static void say_waiting(void *arg)
{
	struct ndctl_region *region = arg;

	/* a notice: not an error, but a wait the user should know about */
	log_notice(&nd_region_ctx(region)->log,
		   "%s: waiting for another process that is configuring a namespace in this region\n",
		   region->devname);
}

static const char *const kind_name[] = { "btt", "pfn", "dax" };

/*
 * Under the lock, a claim that has a uuid, no namespace and no driver is
 * a leftover: whoever configured it let the lock go without finishing.
 * So is a claim attached to a label region's namespace seed and not
 * enabled: the kernel advances the seed when a namespace is first enabled, so a
 * namespace someone disabled on purpose is never the seed, and while it
 * is attached the kernel refuses every write to the seed (-EBUSY), which
 * would stop every later create in the region.  It is detached, then
 * cleared as an orphan.  The kernel cannot forget a claim's uuid; the
 * null uuid is what a fresh seed reads as (ndctl_*_get_uuid gives a null
 * uuid for both).
 */
static void reap_orphan_claims(struct ndctl_region *region)
{
	struct ndctl_ctx *ctx = nd_region_ctx(region);
	char seed[SYSFS_ATTR_SIZE];
	int k;

	/*
	 * A label-less (io) region's seed is its one namespace, which keeps
	 * its claim while disabled (the kernel never advances that seed).
	 */
	if (ndctl_region_get_nstype(region) == ND_DEVICE_NAMESPACE_IO ||
	    nd_read_attr(ctx, region->path, "namespace_seed", seed) < 0)
		seed[0] = '\0';
	for (k = 0; k < 3; k++) {
		struct nd_claim *c;

		for (c = nd_claim_first(region, k); c; c = nd_claim_next(c)) {
			char buf[SYSFS_ATTR_SIZE];
			uuid_t uu;

			if (nd_device_is_enabled(c->ch.path) ||
			    nd_read_attr(ctx, c->ch.path, "namespace", buf) < 0)
				continue;
			if (buf[0] && seed[0] && strcmp(buf, seed) == 0 &&
			    nd_write_attr(ctx, c->ch.path, "namespace", "\n") == 0) {
				nd_info(ctx, "%s: detached %s from the idle namespace %s, where a create that did not finish left it\n",
					region->devname, c->ch.devname, seed);
				buf[0] = '\0';
			}
			if (buf[0] ||
			    nd_read_attr(ctx, c->ch.path, "uuid", buf) < 0 ||
			    !buf[0] || uuid_parse(buf, uu) < 0 ||
			    uuid_is_null(uu))
				continue;
			uuid_clear(uu);
			uuid_unparse(uu, buf);
			if (nd_write_attr(ctx, c->ch.path, "uuid", buf) == 0)
				nd_info(ctx, "%s: cleared %s, a %s claim left with a uuid and no namespace by a create that did not finish\n",
					region->devname, c->ch.devname,
					kind_name[k]);
		}
	}
}

int nd_region_lock(struct ndctl_region *region)
{
	struct ndctl_ctx *ctx = nd_region_ctx(region);
	char why[256];
	long timeout;
	int fd;

	if (region->lock_fd >= 0)
		return 0;
	fd = util_lock_dir_env(region->path, "NDCTL_LOCK_TIMEOUT", say_waiting,
			       region, &timeout);
	if (fd < 0) {
		util_lock_why(why, sizeof(why), "NDCTL_LOCK_TIMEOUT", timeout);
		if (timeout < 0)
			nd_err(ctx, "%s\n", why);
		else if (fd == -ETIMEDOUT)
			nd_err(ctx, "%s: %s\n", region->devname, why);
		else
			nd_err(ctx, "%s: cannot lock %s: %s\n",
			       region->devname, region->path, strerror(-fd));
		return fd;
	}
	region->lock_fd = fd;
	nd_dbg(ctx, "%s: locked\n", region->devname);
	reap_orphan_claims(region);
	return 0;
}

void nd_region_unlock(struct ndctl_region *region)
{
	if (region->lock_fd < 0)
		return;
	util_unlock_dir(region->lock_fd);
	region->lock_fd = -1;
	nd_dbg(nd_region_ctx(region), "%s: unlocked\n", region->devname);
}
