// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Waiting for udev after an enable.  When a bind returns, the kernel has
 * created the new devices (pmemN, daxN.M, the next seed) and sent their
 * uevents, but udev has not necessarily made their /dev/disk links, set
 * their permissions or run their rules yet.  Callers of ndctl_region_enable
 * and friends expect those to be in place when the call returns, so the
 * enable paths wait, bounded, until udev has handled every uevent the
 * kernel had sent by then.  Without a running udev nothing waits.
 *
 * An empty udev queue alone proves little: udevd may not have read the
 * new uevents from its socket yet, so the queue looks empty for a moment
 * right after the bind.  We therefore listen on udev's own broadcast
 * (opened before the bind, in nd_udev_arm) and wait until udev has
 * announced an event at least as recent as the kernel's uevent sequence
 * number after the enable; netlink keeps order, so udevd has by then
 * received every earlier event too, and an empty queue from that moment
 * means they are all done.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <libudev.h>

#include "private.h"

/* udevd's control socket: present while udevd runs. */
#define UDEV_CONTROL "/run/udev/control"
#define UEVENT_SEQNUM "/sys/kernel/uevent_seqnum"
/*
 * Bound on one wait: rules that hang must not hang the tool.  udev gives
 * a rule 180 s by default; that is no bound for an interactive command, so
 * a shorter one that still covers blkid and RUN programs on slow machines.
 */
#define UDEV_WAIT_MS 10000

static bool udev_running(void)
{
	return access(UDEV_CONTROL, F_OK) == 0;
}

static unsigned long long kernel_seqnum(struct ndctl_ctx *ctx)
{
	uint64_t v;

	if (sysfs_read_u64(&ctx->log, UEVENT_SEQNUM, &v) < 0)
		return 0;
	return v;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool udev_open(struct ndctl_ctx *ctx)
{
	if (!ctx->udev)
		ctx->udev = udev_new();
	if (!ctx->udev)
		return false;
	if (!ctx->udev_queue)
		ctx->udev_queue = udev_queue_new(ctx->udev);
	if (!ctx->udev_queue) {
		nd_dbg(ctx, "failed to open the udev queue\n");
		return false;
	}
	return true;
}

void nd_udev_arm(struct ndctl_ctx *ctx)
{
	struct udev_monitor *mon;

	if (ctx->udev_armed)
		return;
	if (ctx->udev_mon) {
		/* already listening: only the starting point moves */
		ctx->udev_armed_seqnum = kernel_seqnum(ctx);
		ctx->udev_armed = true;
		return;
	}
	if (!udev_running() || !udev_open(ctx))
		return;
	mon = udev_monitor_new_from_netlink(ctx->udev, "udev");
	if (!mon)
		return;
	/* best effort: a burst must not overflow the socket (needs root) */
	udev_monitor_set_receive_buffer_size(mon, 8 * 1024 * 1024);
	if (udev_monitor_enable_receiving(mon) < 0) {
		nd_dbg(ctx, "cannot listen to udev events\n");
		udev_monitor_unref(mon);
		return;
	}
	ctx->udev_mon = mon;
	ctx->udev_armed_seqnum = kernel_seqnum(ctx);
	ctx->udev_armed = true;
}

/* Read what udev has announced so far; false once nothing is pending. */
static bool drain(struct ndctl_ctx *ctx)
{
	struct udev_device *dev = udev_monitor_receive_device(ctx->udev_mon);
	unsigned long long s;

	if (!dev)
		return false;
	s = udev_device_get_seqnum(dev);
	if (s > ctx->udev_seen_seqnum)
		ctx->udev_seen_seqnum = s;
	udev_device_unref(dev);
	return true;
}

void nd_udev_settle(struct ndctl_ctx *ctx, const char *what)
{
	unsigned long long want = 0;
	long long start, left;
	bool armed = ctx->udev_armed;

	ctx->udev_armed = false;
	if (!udev_running()) {
		nd_dbg(ctx, "%s: udev is not running, not waiting for it\n",
		       what);
		return;
	}
	if (!udev_open(ctx))
		return;
	if (ctx->udev_mon && armed) {
		want = kernel_seqnum(ctx);
		if (want <= ctx->udev_armed_seqnum) {
			nd_dbg(ctx, "%s: no new uevents, not waiting for udev\n",
			       what);
			return;
		}
	}

	start = now_ms();
	for (;;) {
		if (ctx->udev_mon)
			while (drain(ctx))
				;
		if (ctx->udev_seen_seqnum >= want &&
		    udev_queue_get_queue_is_empty(ctx->udev_queue))
			break;
		left = start + UDEV_WAIT_MS - now_ms();
		if (left <= 0) {
			nd_dbg(ctx, "%s: gave up waiting for udev after %d ms (seen uevent %llu of %llu)\n",
			       what, UDEV_WAIT_MS, ctx->udev_seen_seqnum, want);
			return;
		}
		if (ctx->udev_mon && ctx->udev_seen_seqnum < want) {
			struct pollfd p = {
				.fd = udev_monitor_get_fd(ctx->udev_mon),
				.events = POLLIN,
			};

			poll(&p, 1, (int)(left < 100 ? left : 100));
		} else {
			/* announced; the queue empties when the last worker ends */
			usleep(1000);
		}
	}
	nd_dbg(ctx, "%s: waited %lld ms for udev (uevents up to %llu)\n", what,
	       now_ms() - start, want);
}

void nd_udev_free(struct ndctl_ctx *ctx)
{
	if (ctx->udev_mon)
		udev_monitor_unref(ctx->udev_mon);
	if (ctx->udev_queue)
		udev_queue_unref(ctx->udev_queue);
	if (ctx->udev)
		udev_unref(ctx->udev);
	ctx->udev_mon = NULL;
	ctx->udev_queue = NULL;
	ctx->udev = NULL;
}
