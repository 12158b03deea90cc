/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBNDCTL_CMD_H
#define LIBNDCTL_CMD_H

#include <stdint.h>

struct ndctl_dimm;

struct ndctl_cmd {
	struct ndctl_dimm *dimm;
	int refcount;
	int type;   /* ND_CMD_GET_CONFIG_SIZE / _DATA, ND_CMD_SET_CONFIG_DATA */
	int status; /* 1: not submitted, 0: done, < 0: failed (errno) */
	uint32_t firmware_status;
	uint32_t config_size, max_xfer;
	/* the extent a read/write transfers, within data[config_size] */
	uint32_t offset, length;
	uint8_t *data;
};

#endif
