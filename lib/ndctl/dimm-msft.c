// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The Microsoft NVDIMM-N family (NVDIMM_FAMILY_MSFT): the _DSM for byte
 * addressable energy backed modules has no SMART function; function 11,
 * "get NVDIMM-N health info", is the nearest, and the established
 * libndctl reads it as the SMART view:
 *
 *   health      the two JEDEC MODULE_HEALTH_STATUS registers; the more
 *               of their 15 defined bits are set, the worse (one bit
 *               non-critical, two critical, three or more fatal)
 *   temperature whole degrees Celsius, never below 0
 *   lifetime    NVM lifetime remaining, percent: life used is 100 - it
 *
 * The error/warning threshold status bytes concern the NVM lifetime and
 * the energy source, which have no generic alarm, and are not reported.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

enum {
	MSFT_HEALTH_INFO = 11,
};

struct msft_health {
	uint32_t status;
	uint16_t health;
	uint16_t temperature;
	uint8_t error_thresholds;
	uint8_t warning_thresholds;
	uint8_t nvm_lifetime;
	uint8_t dram_uncorrectable;
	uint8_t dram_correctable;
} __attribute__((packed));

_Static_assert(sizeof(struct msft_health) == 13, "MSFT function 11 output");

/* the defined bits of MODULE_HEALTH_STATUS0 and 1 */
#define MSFT_HEALTH_BITS 0x7fffu

static int msft_decode_smart(const void *payload, size_t len,
			     struct nd_smart *s)
{
	const struct msft_health *p = payload;
	int bad;

	memset(s, 0, sizeof(*s));
	if (len < sizeof(*p))
		return -EINVAL;
	bad = __builtin_popcount(p->health & MSFT_HEALTH_BITS);
	s->flags |= ND_SMART_HEALTH_VALID;
	if (bad >= 3)
		s->health = ND_SMART_FATAL_HEALTH;
	else if (bad == 2)
		s->health = ND_SMART_CRITICAL_HEALTH;
	else if (bad == 1)
		s->health = ND_SMART_NON_CRITICAL_HEALTH;
	/* whole degrees; beyond what 1/16 C in 15 bits holds is no reading */
	if (p->temperature <= 0x7fff / 16) {
		s->flags |= ND_SMART_MTEMP_VALID;
		s->media_temperature = p->temperature * 16u;
	}
	if (p->nvm_lifetime <= 100) {
		s->flags |= ND_SMART_USED_VALID;
		s->life_used = 100u - p->nvm_lifetime;
	}
	return 0;
}

static struct ndctl_cmd *msft_new_smart(struct ndctl_dimm *dimm)
{
	return nd_family_cmd_new(dimm, &nd_family_msft, ND_FAMILY_CMD_SMART,
				 MSFT_HEALTH_INFO, 0, sizeof(struct msft_health),
				 offsetof(struct msft_health, status));
}

/*
 * _DSM output status (low 16 bits): 0 success, 1 not supported, 2 invalid
 * input, 3 I2C communication error, 4 function-specific error (the high
 * half says which).
 */
static int msft_xlat_firmware_status(struct ndctl_cmd *cmd)
{
	switch (cmd->firmware_status & 0xffff) {
	case 0:
		return 0;
	case 1:
		return -EOPNOTSUPP;
	case 2:
		return -EINVAL;
	case 3:
		return -EIO;
	}
	return -ENXIO;
}

const struct nd_family nd_family_msft = {
	.family = NVDIMM_FAMILY_MSFT,
	.name = "msft",
	.new_smart = msft_new_smart,
	.decode_smart = msft_decode_smart,
	.xlat_firmware_status = msft_xlat_firmware_status,
};
