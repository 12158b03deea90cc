/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef DAXCTL_DEVICE_H
#define DAXCTL_DEVICE_H

#include <stddef.h>

#include "daxctl/filter.h"
#include "util/intent.h"

/* where daxctl keeps its records of reconfigurations in progress */
#define DAXCTL_INTENT_DIR "/run/daxctl"

/*
 * Resolve the device operands of a command ("all", daxR.N, R.N), limited to
 * @region_ident.  Prints one error line and returns EXIT_USAGE for a
 * malformed name, EXIT_FAIL for one that does not exist, else EXIT_OK with
 * the devices (each once, natural order) in @out.
 */
int select_devs(struct daxctl_ctx *ctx, int argc, const char **argv,
		const char *region_ident, struct dax_list *out);

/* "daxctl <cmd>: <obj>: <what>: <strerror(-rc)>" */
void report(const char *obj, const char *what, int rc);

/*
 * Names of @dev's online memory blocks ("memory12 memory13"), truncated to
 * @len; empty when none or unknown.  Used to say what keeps a device busy.
 */
void online_blocks(struct daxctl_dev *dev, char *buf, size_t len);
/* The same for the blocks online (@online) or offline ("memory7 memory9") */
void blocks_in_state(struct daxctl_dev *dev, bool online, char *buf,
		     size_t len);

/* Refuse (message, -EBUSY) while @dev has online system-ram memory. */
int check_no_online_memory(struct daxctl_dev *dev, const char *action);

/* "created 1 device" / "created 2 devices" on stderr */
void report_count(const char *verb, int n);

#endif
