// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Firmware update commands of the Intel DIMM family (FW_GET_INFO,
 * FW_START_UPDATE, FW_SEND_DATA, FW_FINISH_UPDATE, FW_FINISH_QUERY), as
 * the Intel NVDIMM DSM interface lays them out and nfit_test emulates
 * them.  Status 7 ("function-specific error") carries its meaning in the
 * extended half, differently for each function.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

enum {
	INTEL_FW_GET_INFO = 12,
	INTEL_FW_START_UPDATE = 13,
	INTEL_FW_SEND_DATA = 14,
	INTEL_FW_FINISH_UPDATE = 15,
	INTEL_FW_FINISH_QUERY = 16,
};

struct intel_fw_info {
	uint32_t status;
	uint32_t storage_size;
	uint32_t max_send_len;
	uint32_t query_interval;
	uint32_t max_query_time;
	uint8_t update_cap;
	uint8_t reserved[3];
	uint32_t fis_version;
	uint64_t run_version;
	uint64_t updated_version;
} __attribute__((packed));

struct intel_fw_start {
	uint32_t status;
	uint32_t context;
} __attribute__((packed));

/* input only: the status word follows the variable-length data */
struct intel_fw_send {
	uint32_t context;
	uint32_t offset;
	uint32_t length;
	uint8_t data[];
} __attribute__((packed));

struct intel_fw_finish {
	uint8_t ctrl_flags; /* 0 finish, 1 abort */
	uint8_t reserved[3];
	uint32_t context;
	uint32_t status;
} __attribute__((packed));

struct intel_fw_query {
	uint32_t context;
	uint32_t status;
	uint64_t updated_fw_rev;
} __attribute__((packed));

static int decode_info(const void *payload, size_t len, struct nd_fw_info *out)
{
	const struct intel_fw_info *p = payload;

	if (len < sizeof(*p))
		return -EINVAL;
	out->storage_size = p->storage_size;
	out->max_send_len = p->max_send_len;
	out->query_interval = p->query_interval;
	out->max_query_time = p->max_query_time;
	out->run_version = p->run_version;
	out->updated_version = p->updated_version;
	return 0;
}

static int decode_context(const void *payload, size_t len, unsigned int *ctx)
{
	const struct intel_fw_start *p = payload;

	if (len < sizeof(*p))
		return -EINVAL;
	*ctx = p->context;
	return 0;
}

/* the query's output starts at its status (the context is input) */
static int decode_fw_rev(const void *payload, size_t len,
			 unsigned long long *rev)
{
	const uint8_t *p = payload;
	uint64_t v;

	if (len < sizeof(uint32_t) + sizeof(v))
		return -EINVAL;
	memcpy(&v, p + sizeof(uint32_t), sizeof(v));
	*rev = v;
	return 0;
}

static struct ndctl_cmd *new_info(struct ndctl_dimm *dimm)
{
	return nd_family_cmd_new(dimm, &nd_family_intel, ND_FAMILY_CMD_FW_INFO,
				 INTEL_FW_GET_INFO, 0, sizeof(struct intel_fw_info),
				 offsetof(struct intel_fw_info, status));
}

static struct ndctl_cmd *new_start(struct ndctl_dimm *dimm)
{
	return nd_family_cmd_new(dimm, &nd_family_intel, ND_FAMILY_CMD_FW_START,
				 INTEL_FW_START_UPDATE, 0,
				 sizeof(struct intel_fw_start),
				 offsetof(struct intel_fw_start, status));
}

static struct ndctl_cmd *new_send(struct ndctl_cmd *start, unsigned int context,
				  unsigned int offset, unsigned int len,
				  const void *data)
{
	size_t in = sizeof(struct intel_fw_send) + len;
	struct intel_fw_send *p;
	struct ndctl_cmd *cmd;

	cmd = nd_family_cmd_new(start->dimm, &nd_family_intel,
				ND_FAMILY_CMD_FW_SEND, INTEL_FW_SEND_DATA, in,
				sizeof(uint32_t), in);
	if (!cmd)
		return NULL;
	p = nd_cmd_payload(cmd);
	p->context = context;
	p->offset = offset;
	p->length = len;
	memcpy(p->data, data, len);
	return cmd;
}

static struct ndctl_cmd *new_finish(struct ndctl_cmd *start,
				    unsigned int context, bool abort)
{
	struct intel_fw_finish *p;
	struct ndctl_cmd *cmd;

	cmd = nd_family_cmd_new(start->dimm, &nd_family_intel,
				abort ? ND_FAMILY_CMD_FW_ABORT :
					ND_FAMILY_CMD_FW_FINISH,
				INTEL_FW_FINISH_UPDATE,
				offsetof(struct intel_fw_finish, status),
				sizeof(uint32_t),
				offsetof(struct intel_fw_finish, status));
	if (!cmd)
		return NULL;
	p = nd_cmd_payload(cmd);
	p->ctrl_flags = abort ? 1 : 0;
	p->context = context;
	return cmd;
}

static struct ndctl_cmd *new_query(struct ndctl_cmd *start, unsigned int context)
{
	struct ndctl_cmd *cmd;

	cmd = nd_family_cmd_new(start->dimm, &nd_family_intel,
				ND_FAMILY_CMD_FW_QUERY, INTEL_FW_FINISH_QUERY,
				sizeof(uint32_t),
				sizeof(struct intel_fw_query) - sizeof(uint32_t),
				offsetof(struct intel_fw_query, status));
	if (cmd)
		((struct intel_fw_query *)nd_cmd_payload(cmd))->context = context;
	return cmd;
}

static int xlat(struct ndctl_cmd *cmd)
{
	unsigned int status = cmd->firmware_status & 0xffff;
	unsigned int ext = cmd->firmware_status >> 16;
	static const int base[] = {
		FW_SUCCESS, FW_ENOTSUPP, FW_ENOTEXIST, FW_EINVAL, FW_EHWERR,
		FW_ERETRY, FW_EUNKNOWN, FW_EUNKNOWN, FW_ENORES, FW_ENOTREADY,
	};

	if (status != 7)
		return status < sizeof(base) / sizeof(base[0]) ? base[status] :
								 FW_EUNKNOWN;
	switch (cmd->fam_kind) {
	case ND_FAMILY_CMD_FW_START:
		return ext == 1 ? FW_EBUSY : FW_EUNKNOWN;
	case ND_FAMILY_CMD_FW_SEND:
		return ext == 1 ? FW_EINVAL_CTX : FW_EUNKNOWN;
	case ND_FAMILY_CMD_FW_FINISH:
	case ND_FAMILY_CMD_FW_ABORT:
		switch (ext) {
		case 1:
			return FW_EINVAL_CTX;
		case 2:
			return FW_ALREADY_DONE;
		case 3:
			return FW_EBADFW;
		case 4:
			return FW_ABORTED;
		case 5:
			return FW_ESEQUENCE;
		}
		return FW_EUNKNOWN;
	case ND_FAMILY_CMD_FW_QUERY:
		switch (ext) {
		case 1:
			return FW_EINVAL_CTX;
		case 2:
			return FW_EBUSY;
		case 3:
			return FW_EBADFW;
		case 4:
			return FW_ESEQUENCE;
		}
		return FW_EUNKNOWN;
	}
	return FW_EUNKNOWN;
}

const struct nd_fw_ops nd_fw_intel = {
	.new_info = new_info,
	.decode_info = decode_info,
	.new_start = new_start,
	.decode_context = decode_context,
	.new_send = new_send,
	.new_finish = new_finish,
	.new_query = new_query,
	.decode_fw_rev = decode_fw_rev,
	.xlat = xlat,
};
