// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The Intel DIMM family (NVDIMM_FAMILY_INTEL): SMART health, thresholds,
 * SMART injection and the latch of the last shutdown state, as the Intel
 * NVDIMM DSM interface lays them out (the kernel's nfit_test emulates
 * them).  Intel's SMART bits and temperature encoding are the ones
 * libndctl's generic API adopted, so decoding copies fields across.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

enum {
	INTEL_SMART = 1,
	INTEL_SMART_THRESHOLD = 2,
	INTEL_ENABLE_LSS_STATUS = 10,
	INTEL_SMART_SET_THRESHOLD = 17,
	INTEL_SMART_INJECT = 18,
};

struct intel_smart {
	uint32_t status;
	uint32_t flags;
	uint8_t reserved0[4];
	uint8_t health;
	uint8_t spares;
	uint8_t life_used;
	uint8_t alarm_flags;
	uint16_t media_temperature;
	uint16_t ctrl_temperature;
	uint32_t shutdown_count;
	uint8_t ait_status;
	uint16_t pmic_temperature;
	uint8_t reserved1[8];
	uint8_t shutdown_state;
	uint32_t vendor_size;
	uint8_t vendor_data[92];
} __attribute__((packed));

struct intel_smart_threshold {
	uint32_t status;
	uint16_t alarm_control;
	uint8_t spares;
	uint16_t media_temperature;
	uint16_t ctrl_temperature;
	uint8_t reserved;
} __attribute__((packed));

struct intel_smart_set_threshold {
	uint16_t alarm_control;
	uint8_t spares;
	uint16_t media_temperature;
	uint16_t ctrl_temperature;
	uint32_t status;
} __attribute__((packed));

struct intel_smart_inject {
	uint64_t flags;
	uint8_t mtemp_enable;
	uint16_t media_temperature;
	uint8_t spare_enable;
	uint8_t spares;
	uint8_t fatal_enable;
	uint8_t unsafe_shutdown_enable;
	uint32_t status;
} __attribute__((packed));

struct intel_lss {
	uint8_t enable;
	uint32_t status;
} __attribute__((packed));

/* bits of intel_smart_inject.flags */
#define INTEL_INJECT_MTEMP (1u << 0)
#define INTEL_INJECT_SPARE (1u << 1)
#define INTEL_INJECT_FATAL (1u << 2)
#define INTEL_INJECT_SHUTDOWN (1u << 3)

/* the SMART validity bits this decoder understands */
#define INTEL_SMART_KNOWN                                                    \
	(ND_SMART_HEALTH_VALID | ND_SMART_SPARES_VALID | ND_SMART_USED_VALID | \
	 ND_SMART_MTEMP_VALID | ND_SMART_CTEMP_VALID |                       \
	 ND_SMART_SHUTDOWN_COUNT_VALID | ND_SMART_AIT_STATUS_VALID |         \
	 ND_SMART_PTEMP_VALID | ND_SMART_ALARM_VALID |                       \
	 ND_SMART_SHUTDOWN_VALID | ND_SMART_VENDOR_VALID)

static int intel_decode_smart(const void *payload, size_t len,
			      struct nd_smart *s)
{
	const struct intel_smart *p = payload;
	size_t vendor_max = sizeof(p->vendor_data);

	if (len < offsetof(struct intel_smart, vendor_data))
		return -EINVAL;
	s->flags = p->flags & INTEL_SMART_KNOWN;
	s->health = p->health;
	s->spares = p->spares;
	s->life_used = p->life_used;
	s->alarm_flags = p->alarm_flags;
	s->media_temperature = p->media_temperature;
	s->ctrl_temperature = p->ctrl_temperature;
	s->shutdown_count = p->shutdown_count;
	s->shutdown_state = p->shutdown_state;
	/* vendor data only as far as the payload carries it */
	if (len - offsetof(struct intel_smart, vendor_data) < vendor_max)
		vendor_max = len - offsetof(struct intel_smart, vendor_data);
	s->vendor_size = p->vendor_size < vendor_max ? p->vendor_size :
						       (unsigned int)vendor_max;
	s->vendor_data = s->vendor_size ? p->vendor_data : NULL;
	if (!s->vendor_size)
		s->flags &= ~ND_SMART_VENDOR_VALID;
	return 0;
}

static int intel_decode_threshold(const void *payload, size_t len,
				  struct nd_smart_threshold *t)
{
	const struct intel_smart_threshold *p = payload;

	if (len < offsetof(struct intel_smart_threshold, reserved))
		return -EINVAL;
	t->alarm_control = p->alarm_control;
	t->spares = p->spares;
	t->media_temperature = p->media_temperature;
	t->ctrl_temperature = p->ctrl_temperature;
	return 0;
}

#define OUT_ONLY(type) 0, sizeof(type), offsetof(type, status)
#define IN_OUT(type)                                                         \
	offsetof(type, status), sizeof(uint32_t), offsetof(type, status)

static struct ndctl_cmd *intel_new_smart(struct ndctl_dimm *dimm)
{
	return nd_family_cmd_new(dimm, &nd_family_intel, ND_FAMILY_CMD_SMART,
				 INTEL_SMART, OUT_ONLY(struct intel_smart));
}

static struct ndctl_cmd *intel_new_smart_threshold(struct ndctl_dimm *dimm)
{
	return nd_family_cmd_new(dimm, &nd_family_intel,
				 ND_FAMILY_CMD_SMART_THRESHOLD,
				 INTEL_SMART_THRESHOLD,
				 OUT_ONLY(struct intel_smart_threshold));
}

static struct ndctl_cmd *intel_new_smart_set_threshold(struct ndctl_cmd *thresh)
{
	struct intel_smart_set_threshold *set;
	struct nd_smart_threshold cur;
	struct ndctl_cmd *cmd;
	const void *out;
	size_t len;

	out = nd_cmd_output(thresh, &len);
	if (intel_decode_threshold(out, len, &cur) < 0)
		return NULL;
	cmd = nd_family_cmd_new(thresh->dimm, &nd_family_intel,
				ND_FAMILY_CMD_SMART_SET_THRESHOLD,
				INTEL_SMART_SET_THRESHOLD,
				IN_OUT(struct intel_smart_set_threshold));
	if (!cmd)
		return NULL;
	set = nd_cmd_payload(cmd);
	set->alarm_control = (uint16_t)cur.alarm_control;
	set->spares = (uint8_t)cur.spares;
	set->media_temperature = (uint16_t)cur.media_temperature;
	set->ctrl_temperature = (uint16_t)cur.ctrl_temperature;
	return cmd;
}

static int intel_set_threshold(struct ndctl_cmd *cmd, enum nd_threshold_field f,
			       unsigned int val)
{
	struct intel_smart_set_threshold *set = nd_cmd_payload(cmd);

	switch (f) {
	case ND_THRESHOLD_ALARM_CONTROL:
		if (val & ~nd_family_intel.supported_alarms)
			return -EINVAL;
		set->alarm_control = (uint16_t)val;
		return 0;
	case ND_THRESHOLD_SPARES:
		if (val > 100)
			return -EINVAL;
		set->spares = (uint8_t)val;
		return 0;
	case ND_THRESHOLD_MEDIA_TEMPERATURE:
		if (val > 0xffff)
			return -EINVAL;
		set->media_temperature = (uint16_t)val;
		return 0;
	case ND_THRESHOLD_CTRL_TEMPERATURE:
		if (val > 0xffff)
			return -EINVAL;
		set->ctrl_temperature = (uint16_t)val;
		return 0;
	}
	return -EINVAL;
}

static struct ndctl_cmd *intel_new_smart_inject(struct ndctl_dimm *dimm)
{
	return nd_family_cmd_new(dimm, &nd_family_intel,
				 ND_FAMILY_CMD_SMART_INJECT, INTEL_SMART_INJECT,
				 IN_OUT(struct intel_smart_inject));
}

static int intel_smart_inject(struct ndctl_cmd *cmd, enum nd_inject_field f,
			      bool enable, unsigned int val)
{
	struct intel_smart_inject *inj = nd_cmd_payload(cmd);

	switch (f) {
	case ND_INJECT_MEDIA_TEMPERATURE:
		if (val > 0xffff)
			return -EINVAL;
		inj->flags |= INTEL_INJECT_MTEMP;
		inj->mtemp_enable = enable;
		inj->media_temperature = (uint16_t)val;
		return 0;
	case ND_INJECT_SPARES:
		if (val > 100)
			return -EINVAL;
		inj->flags |= INTEL_INJECT_SPARE;
		inj->spare_enable = enable;
		inj->spares = (uint8_t)val;
		return 0;
	case ND_INJECT_FATAL:
		inj->flags |= INTEL_INJECT_FATAL;
		inj->fatal_enable = enable;
		return 0;
	case ND_INJECT_UNSAFE_SHUTDOWN:
		inj->flags |= INTEL_INJECT_SHUTDOWN;
		inj->unsafe_shutdown_enable = enable;
		return 0;
	case ND_INJECT_CTRL_TEMPERATURE:
		/* the Intel interface has no controller temperature injection */
		return -EOPNOTSUPP;
	}
	return -EINVAL;
}

static int intel_smart_inject_supported(struct ndctl_dimm *dimm)
{
	unsigned long mask = 0;

	if (nd_dimm_get_family(dimm, &mask) != NVDIMM_FAMILY_INTEL ||
	    !(mask & (1UL << INTEL_SMART_INJECT)))
		return -EOPNOTSUPP;
	return ND_SMART_INJECT_SPARES_REMAINING |
	       ND_SMART_INJECT_MEDIA_TEMPERATURE | ND_SMART_INJECT_HEALTH_STATE |
	       ND_SMART_INJECT_UNCLEAN_SHUTDOWN;
}

static struct ndctl_cmd *intel_new_ack_shutdown_count(struct ndctl_dimm *dimm)
{
	struct ndctl_cmd *cmd;

	cmd = nd_family_cmd_new(dimm, &nd_family_intel,
				ND_FAMILY_CMD_ACK_SHUTDOWN_COUNT,
				INTEL_ENABLE_LSS_STATUS, IN_OUT(struct intel_lss));
	if (cmd)
		((struct intel_lss *)nd_cmd_payload(cmd))->enable = 1;
	return cmd;
}

/*
 * Intel DSM status: 0 success, 1 not supported, 2 no such DIMM, 3 invalid
 * input, 4 hardware error, 5 retry, 6 unknown, 7 function-specific (the
 * high half says which), 8 out of resources, 9 not ready, 10 invalid
 * security state, 11 invalid passphrase.
 */
static int intel_xlat_firmware_status(struct ndctl_cmd *cmd)
{
	if (cmd->fam_kind >= ND_FAMILY_CMD_FW_INFO &&
	    cmd->fam_kind <= ND_FAMILY_CMD_FW_QUERY)
		return nd_fw_status_errno(nd_fw_intel.xlat(cmd));
	switch (cmd->firmware_status & 0xffff) {
	case 0:
		return 0;
	case 1:
		return -EOPNOTSUPP;
	case 2:
		return -ENODEV;
	case 3:
		return -EINVAL;
	case 4:
		return -EIO;
	case 5:
		return -EAGAIN;
	case 6:
		return -EIO;
	case 7:
		return -ENXIO;
	case 8:
		return -ENOSPC;
	case 9:
		return -EBUSY;
	case 10:
		return -EBADRQC;
	case 11:
		return -EPERM;
	}
	return -ENXIO;
}

const struct nd_family nd_family_intel = {
	.family = NVDIMM_FAMILY_INTEL,
	.name = "intel",
	.new_smart = intel_new_smart,
	.decode_smart = intel_decode_smart,
	.new_smart_threshold = intel_new_smart_threshold,
	.decode_threshold = intel_decode_threshold,
	.supported_alarms = ND_SMART_SPARE_TRIP | ND_SMART_MTEMP_TRIP |
			    ND_SMART_CTEMP_TRIP,
	.new_smart_set_threshold = intel_new_smart_set_threshold,
	.set_threshold = intel_set_threshold,
	.new_smart_inject = intel_new_smart_inject,
	.smart_inject = intel_smart_inject,
	.smart_inject_supported = intel_smart_inject_supported,
	.new_ack_shutdown_count = intel_new_ack_shutdown_count,
	.fw = &nd_fw_intel,
	.xlat_firmware_status = intel_xlat_firmware_status,
};
