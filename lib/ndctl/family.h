/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBNDCTL_FAMILY_H
#define LIBNDCTL_FAMILY_H

#include <stdbool.h>
#include <stddef.h>

struct ndctl_cmd;
struct ndctl_dimm;

/*
 * DIMM command families: every family (Intel, HPE1, MSFT, Hyper-V, PAPR)
 * speaks its own payloads through ND_CMD_CALL; the generic SMART API of
 * libndctl maps onto them through this one table.  A family file provides
 * a struct nd_family; a hook it leaves NULL is an operation the family
 * does not have.
 *
 * The decoders take the raw output payload and its length so that unit
 * tests and fuzzers can drive them without a kernel; they fail with
 * -EINVAL on a payload too short for the fields they read and leave no
 * field marked valid that the payload does not vouch for.
 */

/* A DIMM's health in libndctl's terms, whatever the payload said. */
struct nd_smart {
	unsigned int flags;  /* ND_SMART_*_VALID */
	unsigned int health; /* ND_SMART_*_HEALTH bits */
	/* libndctl's temperature encoding: 1/16 C, bit 15 the sign */
	unsigned int media_temperature, ctrl_temperature;
	unsigned int spares, life_used; /* percent */
	unsigned int alarm_flags; /* ND_SMART_*_TRIP */
	unsigned int shutdown_state, shutdown_count;
	unsigned int vendor_size;
	const unsigned char *vendor_data;
};

struct nd_smart_threshold {
	unsigned int alarm_control; /* ND_SMART_*_TRIP enabled */
	unsigned int media_temperature, ctrl_temperature, spares;
};

enum nd_threshold_field {
	ND_THRESHOLD_ALARM_CONTROL,
	ND_THRESHOLD_MEDIA_TEMPERATURE,
	ND_THRESHOLD_CTRL_TEMPERATURE,
	ND_THRESHOLD_SPARES,
};

enum nd_inject_field {
	ND_INJECT_MEDIA_TEMPERATURE,
	ND_INJECT_CTRL_TEMPERATURE,
	ND_INJECT_SPARES,
	ND_INJECT_FATAL,
	ND_INJECT_UNSAFE_SHUTDOWN,
};

/* What a firmware-info command reports, in the family's units (us). */
struct nd_fw_info {
	unsigned int storage_size, max_send_len;
	unsigned int query_interval, max_query_time;
	unsigned long long run_version, updated_version;
};

/*
 * Firmware update: get info, then start (which hands out a context),
 * send the image in pieces, finish (or abort), and query until the
 * firmware has verified the image.
 */
struct nd_fw_ops {
	struct ndctl_cmd *(*new_info)(struct ndctl_dimm *dimm);
	int (*decode_info)(const void *payload, size_t len,
			   struct nd_fw_info *out);
	struct ndctl_cmd *(*new_start)(struct ndctl_dimm *dimm);
	int (*decode_context)(const void *payload, size_t len,
			      unsigned int *context);
	struct ndctl_cmd *(*new_send)(struct ndctl_cmd *start,
				      unsigned int context, unsigned int offset,
				      unsigned int len, const void *data);
	struct ndctl_cmd *(*new_finish)(struct ndctl_cmd *start,
					unsigned int context, bool abort);
	struct ndctl_cmd *(*new_query)(struct ndctl_cmd *start,
				       unsigned int context);
	int (*decode_fw_rev)(const void *payload, size_t len,
			     unsigned long long *rev);
	/* an enum ND_FW_STATUS for any of the commands above */
	int (*xlat)(struct ndctl_cmd *cmd);
};

struct nd_family {
	int family; /* NVDIMM_FAMILY_* */
	const char *name;

	struct ndctl_cmd *(*new_smart)(struct ndctl_dimm *dimm);
	int (*decode_smart)(const void *payload, size_t len,
			    struct nd_smart *out);

	struct ndctl_cmd *(*new_smart_threshold)(struct ndctl_dimm *dimm);
	int (*decode_threshold)(const void *payload, size_t len,
				struct nd_smart_threshold *out);
	/* the trips the family's thresholds can arm */
	unsigned int supported_alarms;
	/* a set-threshold command holding @thresh's current values */
	struct ndctl_cmd *(*new_smart_set_threshold)(struct ndctl_cmd *thresh);
	int (*set_threshold)(struct ndctl_cmd *cmd, enum nd_threshold_field f,
			     unsigned int val);

	struct ndctl_cmd *(*new_smart_inject)(struct ndctl_dimm *dimm);
	int (*smart_inject)(struct ndctl_cmd *cmd, enum nd_inject_field f,
			    bool enable, unsigned int val);
	/* ND_SMART_INJECT_* bits, or -EOPNOTSUPP */
	int (*smart_inject_supported)(struct ndctl_dimm *dimm);

	struct ndctl_cmd *(*new_ack_shutdown_count)(struct ndctl_dimm *dimm);

	const struct nd_fw_ops *fw;

	/* the family's firmware status convention, as a negative errno */
	int (*xlat_firmware_status)(struct ndctl_cmd *cmd);
};

extern const struct nd_family nd_family_intel;
extern const struct nd_family nd_family_hpe1;
extern const struct nd_family nd_family_msft;
extern const struct nd_family nd_family_hyperv;
extern const struct nd_family nd_family_papr;
extern const struct nd_fw_ops nd_fw_intel;

/* papr_scm DIMMs publish no function mask: the PDSMs the kernel has. */
extern const unsigned long nd_papr_pdsm_mask;

/* The DIMM's family, or NULL when it has none (or one we do not know). */
const struct nd_family *nd_dimm_family(struct ndctl_dimm *dimm);
/* The family a command was built by (NULL for generic commands). */
const struct nd_family *nd_cmd_family(struct ndctl_cmd *cmd);
/* The output payload of a submitted family command and its length. */
const void *nd_cmd_output(struct ndctl_cmd *cmd, size_t *len);

/* Command kinds a family builds, so the generic getters can check them. */
enum nd_family_cmd {
	ND_FAMILY_CMD_NONE,
	ND_FAMILY_CMD_SMART,
	ND_FAMILY_CMD_SMART_THRESHOLD,
	ND_FAMILY_CMD_SMART_SET_THRESHOLD,
	ND_FAMILY_CMD_SMART_INJECT,
	ND_FAMILY_CMD_ACK_SHUTDOWN_COUNT,
	ND_FAMILY_CMD_FW_INFO,
	ND_FAMILY_CMD_FW_START,
	ND_FAMILY_CMD_FW_SEND,
	ND_FAMILY_CMD_FW_FINISH,
	ND_FAMILY_CMD_FW_ABORT,
	ND_FAMILY_CMD_FW_QUERY,
	ND_FAMILY_CMD_OTHER,
};

/*
 * A family's DIMM command: ND_CMD_CALL of function @func of the DIMM's
 * family, @kind recorded for the getters, the family's status convention
 * attached.  @fw_status_off is relative to the payload.
 */
struct ndctl_cmd *nd_family_cmd_new(struct ndctl_dimm *dimm,
				    const struct nd_family *fam,
				    enum nd_family_cmd kind, unsigned int func,
				    size_t in, size_t out, size_t fw_status_off);
enum nd_family_cmd nd_cmd_family_kind(struct ndctl_cmd *cmd);
/* An enum ND_FW_STATUS as a negative errno (firmware.c). */
int nd_fw_status_errno(int status);

#endif
