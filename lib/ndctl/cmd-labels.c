// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Label-area commands on /dev/nmemN.  A cfg_size command
 * learns the area size and transfer limit; a cfg_read built from it holds
 * a buffer for the whole area and reads the selected extent in chunks; a
 * cfg_write built from a read sends its (modified) buffer back.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "private.h"
#include "cmd.h"

static int submit_size(struct ndctl_cmd *cmd, int fd);
static int submit_read(struct ndctl_cmd *cmd, int fd);
static int submit_write(struct ndctl_cmd *cmd, int fd);

/* a label command moves the area in chunks: more than one ioctl */
static const struct nd_cmd_ops size_ops = { .submit = submit_size };
static const struct nd_cmd_ops read_ops = { .submit = submit_read };
static const struct nd_cmd_ops write_ops = { .submit = submit_write };

static struct ndctl_cmd *cmd_alloc(struct ndctl_dimm *dimm, int type)
{
	const struct nd_cmd_ops *ops = type == ND_CMD_GET_CONFIG_SIZE ? &size_ops :
				       type == ND_CMD_GET_CONFIG_DATA ? &read_ops :
									&write_ops;

	return nd_cmd_alloc(dimm->bus, dimm, type, 0, 0, ops);
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_dimm_cmd_new_cfg_size(struct ndctl_dimm *dimm)
{
	if (!dimm)
		return NULL;
	if (!ndctl_dimm_is_cmd_supported(dimm, ND_CMD_GET_CONFIG_SIZE)) {
		nd_dbg(dimm->bus->ctx, "%s: no label area support\n",
		       dimm->devname);
		return NULL;
	}
	return cmd_alloc(dimm, ND_CMD_GET_CONFIG_SIZE);
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_dimm_cmd_new_cfg_read(struct ndctl_cmd *cfg_size)
{
	struct ndctl_cmd *cmd;

	if (!cfg_size || cfg_size->type != ND_CMD_GET_CONFIG_SIZE ||
	    cfg_size->status != 0 || !cfg_size->config_size)
		return NULL;
	if (!ndctl_dimm_is_cmd_supported(cfg_size->dimm, ND_CMD_GET_CONFIG_DATA))
		return NULL;
	cmd = cmd_alloc(cfg_size->dimm, ND_CMD_GET_CONFIG_DATA);
	if (!cmd)
		return NULL;
	cmd->data = calloc(1, cfg_size->config_size);
	if (!cmd->data) {
		free(cmd);
		return NULL;
	}
	cmd->config_size = cfg_size->config_size;
	cmd->max_xfer = cfg_size->max_xfer;
	cmd->offset = 0;
	cmd->length = cmd->config_size;
	return cmd;
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_dimm_cmd_new_cfg_write(struct ndctl_cmd *cfg_read)
{
	struct ndctl_cmd *cmd;

	if (!cfg_read || cfg_read->type != ND_CMD_GET_CONFIG_DATA ||
	    cfg_read->status != 0)
		return NULL;
	if (!ndctl_dimm_is_cmd_supported(cfg_read->dimm,
					 ND_CMD_SET_CONFIG_DATA))
		return NULL;
	cmd = cmd_alloc(cfg_read->dimm, ND_CMD_SET_CONFIG_DATA);
	if (!cmd)
		return NULL;
	cmd->data = malloc(cfg_read->config_size);
	if (!cmd->data) {
		free(cmd);
		return NULL;
	}
	memcpy(cmd->data, cfg_read->data, cfg_read->config_size);
	cmd->config_size = cfg_read->config_size;
	cmd->max_xfer = cfg_read->max_xfer;
	cmd->offset = cfg_read->offset;
	cmd->length = cfg_read->length;
	return cmd;
}

NDCTL_EXPORT unsigned int ndctl_cmd_cfg_size_get_size(struct ndctl_cmd *cmd)
{
	if (!cmd || cmd->type != ND_CMD_GET_CONFIG_SIZE || cmd->status != 0)
		return 0;
	return cmd->config_size;
}

static int set_extent(struct ndctl_cmd *cmd, int type, unsigned int len,
		      unsigned int offset)
{
	if (!cmd || cmd->type != type)
		return -EINVAL;
	if (offset > cmd->config_size || len > cmd->config_size - offset) {
		nd_err(nd_cmd_ctx(cmd), "%s: extent %u@%u outside the %u-byte area\n",
		       cmd->dimm->devname, len, offset, cmd->config_size);
		return -EINVAL;
	}
	cmd->offset = offset;
	cmd->length = len;
	return 0;
}

NDCTL_EXPORT int ndctl_cmd_cfg_read_set_extent(struct ndctl_cmd *cmd,
					       unsigned int len,
					       unsigned int offset)
{
	return set_extent(cmd, ND_CMD_GET_CONFIG_DATA, len, offset);
}

NDCTL_EXPORT int ndctl_cmd_cfg_write_set_extent(struct ndctl_cmd *cmd,
						unsigned int len,
						unsigned int offset)
{
	return set_extent(cmd, ND_CMD_SET_CONFIG_DATA, len, offset);
}

NDCTL_EXPORT ssize_t ndctl_cmd_cfg_read_get_data(struct ndctl_cmd *cmd,
						 void *buf, unsigned int len,
						 unsigned int offset)
{
	if (!cmd || !buf || cmd->type != ND_CMD_GET_CONFIG_DATA ||
	    cmd->status != 0)
		return -EINVAL;
	if (offset > cmd->config_size || len > cmd->config_size - offset)
		return -EINVAL;
	memcpy(buf, cmd->data + offset, len);
	return len;
}

NDCTL_EXPORT ssize_t ndctl_cmd_cfg_read_get_size(struct ndctl_cmd *cmd)
{
	if (!cmd || cmd->type != ND_CMD_GET_CONFIG_DATA || cmd->status != 0)
		return -EINVAL;
	return cmd->length;
}

NDCTL_EXPORT ssize_t ndctl_cmd_cfg_write_set_data(struct ndctl_cmd *cmd,
						  void *buf, unsigned int len,
						  unsigned int offset)
{
	if (!cmd || !buf || cmd->type != ND_CMD_SET_CONFIG_DATA)
		return -EINVAL;
	if (offset > cmd->config_size || len > cmd->config_size - offset)
		return -EINVAL;
	memcpy(cmd->data + offset, buf, len);
	return len;
}

NDCTL_EXPORT ssize_t ndctl_cmd_cfg_write_zero_data(struct ndctl_cmd *cmd)
{
	if (!cmd || cmd->type != ND_CMD_SET_CONFIG_DATA)
		return -EINVAL;
	memset(cmd->data + cmd->offset, 0, cmd->length);
	return cmd->length;
}

static int fw_failed(struct ndctl_cmd *cmd, uint32_t status)
{
	cmd->firmware_status = status;
	if (!status)
		return 0;
	nd_err(nd_cmd_ctx(cmd), "%s: %s: firmware status %#x\n",
	       cmd->dimm->devname, nvdimm_cmd_name(cmd->type), status);
	return -EIO;
}

static int submit_size(struct ndctl_cmd *cmd, int fd)
{
	struct nd_cmd_get_config_size pkt = { 0 };
	int rc = nd_cmd_ioctl(cmd, fd, &pkt);

	if (rc < 0)
		return rc;
	rc = fw_failed(cmd, pkt.status);
	if (rc < 0)
		return rc;
	cmd->config_size = pkt.config_size;
	cmd->max_xfer = pkt.max_xfer;
	return 0;
}

/* Chunk size: the firmware limit, or the whole extent when it sets none. */
static unsigned int chunk_size(struct ndctl_cmd *cmd)
{
	return cmd->max_xfer ? cmd->max_xfer : (cmd->length ? cmd->length : 1);
}

static int submit_read(struct ndctl_cmd *cmd, int fd)
{
	unsigned int chunk = chunk_size(cmd), done = 0;
	struct nd_cmd_get_config_data_hdr *pkt;
	int rc = 0;

	pkt = calloc(1, sizeof(*pkt) + chunk);
	if (!pkt)
		return -ENOMEM;
	while (done < cmd->length) {
		unsigned int n = cmd->length - done;

		if (n > chunk)
			n = chunk;
		pkt->in_offset = cmd->offset + done;
		pkt->in_length = n;
		pkt->status = 0;
		rc = nd_cmd_ioctl(cmd, fd, pkt);
		if (!rc)
			rc = fw_failed(cmd, pkt->status);
		if (rc)
			break;
		memcpy(cmd->data + cmd->offset + done, pkt->out_buf, n);
		done += n;
	}
	free(pkt);
	return rc;
}

static int submit_write(struct ndctl_cmd *cmd, int fd)
{
	unsigned int chunk = chunk_size(cmd), done = 0;
	struct nd_cmd_set_config_hdr *pkt;
	int rc = 0;

	/* header, payload, then the 32-bit status the kernel fills in */
	pkt = calloc(1, sizeof(*pkt) + chunk + sizeof(uint32_t));
	if (!pkt)
		return -ENOMEM;
	while (done < cmd->length) {
		unsigned int n = cmd->length - done;
		uint32_t status = 0;

		if (n > chunk)
			n = chunk;
		pkt->in_offset = cmd->offset + done;
		pkt->in_length = n;
		memcpy(pkt->in_buf, cmd->data + cmd->offset + done, n);
		memset(pkt->in_buf + n, 0, sizeof(uint32_t));
		rc = nd_cmd_ioctl(cmd, fd, pkt);
		if (!rc) {
			memcpy(&status, pkt->in_buf + n, sizeof(status));
			rc = fw_failed(cmd, status);
		}
		if (rc)
			break;
		done += n;
	}
	free(pkt);
	return rc;
}
