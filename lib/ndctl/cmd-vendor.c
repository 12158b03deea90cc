// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Vendor-specific DIMM command (ND_CMD_VENDOR): an opcode and an opaque
 * input for the DIMM's firmware, an opaque output back.  The payload is
 * the header with the input, then the tail (firmware status, output
 * length, output); the kernel sizes the transfer from the two lengths,
 * so both are set when the command is built.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "private.h"
#include "cmd.h"


static struct nd_cmd_vendor_hdr *hdr_of(struct ndctl_cmd *cmd)
{
	return (struct nd_cmd_vendor_hdr *)cmd->buf;
}

/* The tail follows the input; the firmware status is its first word. */
static struct nd_cmd_vendor_tail *tail_of(struct ndctl_cmd *cmd)
{
	return (struct nd_cmd_vendor_tail *)(cmd->buf + cmd->fw_status_off);
}

static size_t in_size(struct ndctl_cmd *cmd)
{
	return hdr_of(cmd)->in_length;
}

static size_t out_room(struct ndctl_cmd *cmd)
{
	return cmd->size - cmd->fw_status_off - sizeof(struct nd_cmd_vendor_tail);
}

static bool is_vendor(struct ndctl_cmd *cmd)
{
	return cmd && cmd->type == ND_CMD_VENDOR && cmd->dimm && cmd->buf;
}

NDCTL_EXPORT struct ndctl_cmd *
ndctl_dimm_cmd_new_vendor_specific(struct ndctl_dimm *dimm, unsigned int opcode,
				   size_t input_size, size_t output_size)
{
	size_t hdr = sizeof(struct nd_cmd_vendor_hdr);
	size_t tail = sizeof(struct nd_cmd_vendor_tail);
	struct ndctl_cmd *cmd;

	if (!dimm)
		return NULL;
	if (!ndctl_dimm_is_cmd_supported(dimm, ND_CMD_VENDOR)) {
		nd_err(dimm->bus->ctx, "%s: vendor-specific commands not supported\n",
		       dimm->devname);
		return NULL;
	}
	/* the lengths travel in 32-bit fields */
	if (input_size > UINT32_MAX - hdr - tail ||
	    output_size > UINT32_MAX - hdr - tail - input_size) {
		nd_err(dimm->bus->ctx, "%s: vendor command too large (%zu + %zu)\n",
		       dimm->devname, input_size, output_size);
		return NULL;
	}
	cmd = nd_cmd_alloc(dimm->bus, dimm, ND_CMD_VENDOR,
			   hdr + input_size + tail + output_size,
			   hdr + input_size, NULL);
	if (!cmd)
		return NULL;
	hdr_of(cmd)->opcode = opcode;
	hdr_of(cmd)->in_length = (uint32_t)input_size;
	tail_of(cmd)->out_length = (uint32_t)output_size;
	return cmd;
}

NDCTL_EXPORT ssize_t ndctl_cmd_vendor_set_input(struct ndctl_cmd *cmd, void *buf,
						unsigned int len)
{
	if (!is_vendor(cmd) || (!buf && len))
		return -EINVAL;
	if (len > in_size(cmd))
		len = (unsigned int)in_size(cmd);
	memcpy(hdr_of(cmd)->in_buf, buf, len);
	return len;
}

/* What the firmware returned, never more than the room we gave it. */
NDCTL_EXPORT ssize_t ndctl_cmd_vendor_get_output_size(struct ndctl_cmd *cmd)
{
	size_t n;

	if (!is_vendor(cmd))
		return -EINVAL;
	if (cmd->status != 0)
		return cmd->status < 0 ? cmd->status : -EAGAIN;
	n = tail_of(cmd)->out_length;
	return (ssize_t)(n > out_room(cmd) ? out_room(cmd) : n);
}

NDCTL_EXPORT ssize_t ndctl_cmd_vendor_get_output(struct ndctl_cmd *cmd, void *buf,
						 unsigned int len)
{
	ssize_t n = ndctl_cmd_vendor_get_output_size(cmd);

	if (n < 0)
		return n;
	if (!buf && len)
		return -EINVAL;
	if ((size_t)n > len)
		n = len;
	memcpy(buf, tail_of(cmd)->out_buf, (size_t)n);
	return n;
}
