// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The PAPR family (NVDIMM_FAMILY_PAPR): ppc64 papr_scm DIMMs, whose
 * kernel driver answers "PDSMs" itself.  Every PDSM payload starts with
 * an 8-byte header (a signed errno status and reserved zeroes) followed
 * by a 184-byte union; the kernel insists on exactly that size and
 * reports in nd_fw_size how much of it it filled.  The values are in the
 * kernel's (native) byte order.
 *
 * PAPR_PDSM_HEALTH gives health bits and, when its extension flags say
 * so, the life remaining (fuel gauge) and the dirty shutdown count.
 * PAPR_PDSM_SMART_INJECT injects fatal health or an unsafe shutdown.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

enum {
	PAPR_PDSM_HEALTH = 1,
	PAPR_PDSM_SMART_INJECT = 2,
};

/* papr_scm has no nfit/dsm_mask: these are the PDSMs it implements. */
const unsigned long nd_papr_pdsm_mask =
	(1UL << PAPR_PDSM_HEALTH) | (1UL << PAPR_PDSM_SMART_INJECT);

#define PAPR_PDSM_PAYLOAD 184

struct papr_pdsm_hdr {
	int32_t cmd_status;
	uint16_t reserved[2];
} __attribute__((packed));

/* dimm_health */
enum {
	PAPR_HEALTHY = 0,
	PAPR_UNHEALTHY = 1,
	PAPR_CRITICAL = 2,
	PAPR_FATAL = 3,
};

/* extension_flags */
#define PAPR_EXT_FUEL_GAUGE (1u << 0)
#define PAPR_EXT_DSC (1u << 1)

struct papr_health {
	struct papr_pdsm_hdr hdr;
	uint32_t extension_flags;
	uint8_t unarmed;
	uint8_t bad_shutdown;
	uint8_t bad_restore;
	uint8_t scrubbed;
	uint8_t locked;
	uint8_t encrypted;
	uint16_t health;
	uint16_t fuel_gauge; /* life remaining, percent */
	uint8_t pad[2];
	uint64_t dsc; /* dirty shutdown count */
	uint8_t unused[PAPR_PDSM_PAYLOAD - 24];
} __attribute__((packed));

/* inject flags */
#define PAPR_INJECT_FATAL (1u << 0)
#define PAPR_INJECT_SHUTDOWN (1u << 1)

struct papr_inject {
	struct papr_pdsm_hdr hdr;
	uint32_t flags;
	uint8_t fatal_enable;
	uint8_t unsafe_shutdown_enable;
	uint8_t unused[PAPR_PDSM_PAYLOAD - 6];
} __attribute__((packed));

_Static_assert(sizeof(struct papr_health) == 192, "PDSM health envelope");
_Static_assert(sizeof(struct papr_inject) == 192, "PDSM inject envelope");

static int papr_decode_smart(const void *payload, size_t len,
			     struct nd_smart *s)
{
	const struct papr_health *p = payload;

	memset(s, 0, sizeof(*s));
	if (len < offsetof(struct papr_health, fuel_gauge))
		return -EINVAL;
	switch (p->health) {
	case PAPR_HEALTHY:
		s->flags |= ND_SMART_HEALTH_VALID;
		break;
	case PAPR_UNHEALTHY:
		s->flags |= ND_SMART_HEALTH_VALID;
		s->health = ND_SMART_NON_CRITICAL_HEALTH;
		break;
	case PAPR_CRITICAL:
		s->flags |= ND_SMART_HEALTH_VALID;
		s->health = ND_SMART_CRITICAL_HEALTH;
		break;
	case PAPR_FATAL:
		s->flags |= ND_SMART_HEALTH_VALID;
		s->health = ND_SMART_FATAL_HEALTH;
		break;
	default: /* a state we do not know is no state */
		break;
	}
	s->flags |= ND_SMART_SHUTDOWN_VALID;
	s->shutdown_state = p->bad_shutdown ? 1 : 0;
	if ((p->extension_flags & PAPR_EXT_FUEL_GAUGE) &&
	    len >= offsetof(struct papr_health, pad) && p->fuel_gauge <= 100) {
		s->flags |= ND_SMART_USED_VALID;
		s->life_used = 100u - p->fuel_gauge;
	}
	if ((p->extension_flags & PAPR_EXT_DSC) &&
	    len >= offsetof(struct papr_health, unused)) {
		s->flags |= ND_SMART_SHUTDOWN_COUNT_VALID;
		/* UINT_MAX is the getters' error value: saturate below it */
		s->shutdown_count = p->dsc < UINT_MAX ? (unsigned int)p->dsc :
							UINT_MAX - 1;
	}
	return 0;
}

static struct ndctl_cmd *papr_new_smart(struct ndctl_dimm *dimm)
{
	/* no input: the header travels in the output part */
	return nd_family_cmd_new(dimm, &nd_family_papr, ND_FAMILY_CMD_SMART,
				 PAPR_PDSM_HEALTH, 0, sizeof(struct papr_health),
				 offsetof(struct papr_health, hdr.cmd_status));
}

static struct ndctl_cmd *papr_new_smart_inject(struct ndctl_dimm *dimm)
{
	/*
	 * The kernel wants the full envelope as input and as output; it
	 * reads and answers in the same place, the start of the payload.
	 */
	return nd_family_cmd_new(dimm, &nd_family_papr,
				 ND_FAMILY_CMD_SMART_INJECT,
				 PAPR_PDSM_SMART_INJECT, sizeof(struct papr_inject),
				 sizeof(struct papr_inject),
				 offsetof(struct papr_inject, hdr.cmd_status));
}

static int papr_smart_inject(struct ndctl_cmd *cmd, enum nd_inject_field f,
			     bool enable, unsigned int val)
{
	struct papr_inject *inj = nd_cmd_payload(cmd);

	(void)val;
	switch (f) {
	case ND_INJECT_FATAL:
		inj->flags |= PAPR_INJECT_FATAL;
		inj->fatal_enable = enable;
		return 0;
	case ND_INJECT_UNSAFE_SHUTDOWN:
		inj->flags |= PAPR_INJECT_SHUTDOWN;
		inj->unsafe_shutdown_enable = enable;
		return 0;
	case ND_INJECT_MEDIA_TEMPERATURE:
	case ND_INJECT_CTRL_TEMPERATURE:
	case ND_INJECT_SPARES:
		return -EOPNOTSUPP;
	}
	return -EINVAL;
}

static int papr_smart_inject_supported(struct ndctl_dimm *dimm)
{
	unsigned long mask = 0;

	if (nd_dimm_get_family(dimm, &mask) != NVDIMM_FAMILY_PAPR ||
	    !(mask & (1UL << PAPR_PDSM_SMART_INJECT)))
		return -EOPNOTSUPP;
	return ND_SMART_INJECT_HEALTH_STATE | ND_SMART_INJECT_UNCLEAN_SHUTDOWN;
}

/* The PDSM status is a negative errno from the kernel, 0 for success. */
static int papr_xlat_firmware_status(struct ndctl_cmd *cmd)
{
	int32_t st = (int32_t)cmd->firmware_status;

	if (st == 0)
		return 0;
	if (st < 0 && st > -4096)
		return st;
	return -EIO;
}

const struct nd_family nd_family_papr = {
	.family = NVDIMM_FAMILY_PAPR,
	.name = "papr",
	.new_smart = papr_new_smart,
	.decode_smart = papr_decode_smart,
	.new_smart_inject = papr_new_smart_inject,
	.smart_inject = papr_smart_inject,
	.smart_inject_supported = papr_smart_inject_supported,
	.xlat_firmware_status = papr_xlat_firmware_status,
};
