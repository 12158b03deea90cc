// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The HPE NVDIMM-N family, DSM version 1 (NVDIMM_FAMILY_HPE1): SMART
 * health and the SMART thresholds.  The payloads follow the layout of
 * Intel's early NVDIMM DSM example, so the health summary, the alarm
 * trips and the temperature encoding (1/16 C, bit 15 the sign) line up
 * with libndctl's generic ones bit for bit; what HPE adds (backup and
 * energy-source statistics) has no generic counterpart and is left out.
 * HPE1 has no set-threshold, injection or shutdown-count latch.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

enum {
	HPE1_SMART = 1,
	HPE1_SMART_THRESHOLD = 2,
};

/* validity bits: requested in in_valid_flags, granted in out_valid_flags */
#define HPE1_V_HEALTH (1u << 0)
#define HPE1_V_TEMP (1u << 1)
#define HPE1_V_SPARES (1u << 2)
#define HPE1_V_ALARM (1u << 3)
#define HPE1_V_USED (1u << 4)
#define HPE1_V_SHUTDOWN (1u << 5)
#define HPE1_V_VENDOR (1u << 9)

/* health summary */
#define HPE1_HEALTH_NONCRIT (1u << 0)
#define HPE1_HEALTH_CRIT (1u << 1)
#define HPE1_HEALTH_FATAL (1u << 2)

/* alarm trips (SMART) and alarm enables (thresholds) */
#define HPE1_TRIP_TEMP (1u << 0)
#define HPE1_TRIP_SPARE (1u << 1)

/* last shutdown status: the last save completed */
#define HPE1_LAST_SAVE_GOOD (1u << 1)

/* The output of function 1, after the 4 bytes of requested flags. */
struct hpe1_smart_out {
	uint32_t status;
	uint32_t valid;
	uint8_t health;
	uint16_t temperature;
	uint8_t spares;
	uint16_t alarm_trips;
	uint8_t life_used;
	uint8_t last_shutdown;
	uint8_t stats[50]; /* backup/restore statistics, energy source */
	uint16_t vendor_size;
	uint8_t vendor_data[60];
} __attribute__((packed));

struct hpe1_smart {
	uint32_t in_valid;
	struct hpe1_smart_out out;
} __attribute__((packed));

struct hpe1_threshold {
	uint32_t status;
	uint16_t alarm_control;
	uint16_t temperature;
	uint8_t spares;
	uint8_t reserved[27]; /* life and energy-source thresholds */
} __attribute__((packed));

_Static_assert(sizeof(struct hpe1_smart_out) == 128, "HPE1 SMART output");
_Static_assert(sizeof(struct hpe1_threshold) == 36, "HPE1 threshold output");

static unsigned int hpe1_trips(unsigned int hpe)
{
	unsigned int trips = 0;

	if (hpe & HPE1_TRIP_TEMP)
		trips |= ND_SMART_MTEMP_TRIP;
	if (hpe & HPE1_TRIP_SPARE)
		trips |= ND_SMART_SPARE_TRIP;
	return trips;
}

static int hpe1_decode_smart(const void *payload, size_t len,
			     struct nd_smart *s)
{
	const struct hpe1_smart_out *p = payload;
	size_t fixed = offsetof(struct hpe1_smart_out, vendor_data);
	size_t vendor_max = sizeof(p->vendor_data);
	unsigned int v;

	memset(s, 0, sizeof(*s));
	if (len < fixed)
		return -EINVAL;
	v = p->valid;
	if (v & HPE1_V_HEALTH) {
		s->flags |= ND_SMART_HEALTH_VALID;
		if (p->health & HPE1_HEALTH_NONCRIT)
			s->health |= ND_SMART_NON_CRITICAL_HEALTH;
		if (p->health & HPE1_HEALTH_CRIT)
			s->health |= ND_SMART_CRITICAL_HEALTH;
		if (p->health & HPE1_HEALTH_FATAL)
			s->health |= ND_SMART_FATAL_HEALTH;
	}
	if (v & HPE1_V_TEMP) {
		s->flags |= ND_SMART_MTEMP_VALID;
		s->media_temperature = p->temperature;
	}
	/* a percentage over 100 is not one: left invalid */
	if ((v & HPE1_V_SPARES) && p->spares <= 100) {
		s->flags |= ND_SMART_SPARES_VALID;
		s->spares = p->spares;
	}
	if ((v & HPE1_V_USED) && p->life_used <= 100) {
		s->flags |= ND_SMART_USED_VALID;
		s->life_used = p->life_used;
	}
	if (v & HPE1_V_ALARM) {
		s->flags |= ND_SMART_ALARM_VALID;
		s->alarm_flags = hpe1_trips(p->alarm_trips);
	}
	if (v & HPE1_V_SHUTDOWN) {
		s->flags |= ND_SMART_SHUTDOWN_VALID;
		s->shutdown_state = (p->last_shutdown & HPE1_LAST_SAVE_GOOD) ? 0 : 1;
	}
	if (v & HPE1_V_VENDOR) {
		if (len - fixed < vendor_max)
			vendor_max = len - fixed;
		s->vendor_size = p->vendor_size < vendor_max ?
					 p->vendor_size :
					 (unsigned int)vendor_max;
		if (s->vendor_size) {
			s->flags |= ND_SMART_VENDOR_VALID;
			s->vendor_data = p->vendor_data;
		}
	}
	return 0;
}

static int hpe1_decode_threshold(const void *payload, size_t len,
				 struct nd_smart_threshold *t)
{
	const struct hpe1_threshold *p = payload;

	memset(t, 0, sizeof(*t));
	if (len < offsetof(struct hpe1_threshold, reserved))
		return -EINVAL;
	t->alarm_control = hpe1_trips(p->alarm_control);
	t->media_temperature = p->temperature;
	t->spares = p->spares;
	return 0;
}

static struct ndctl_cmd *hpe1_new_smart(struct ndctl_dimm *dimm)
{
	struct ndctl_cmd *cmd;

	cmd = nd_family_cmd_new(dimm, &nd_family_hpe1, ND_FAMILY_CMD_SMART,
				HPE1_SMART, offsetof(struct hpe1_smart, out),
				sizeof(struct hpe1_smart_out),
				offsetof(struct hpe1_smart, out.status));
	if (cmd) {
		struct hpe1_smart *p = nd_cmd_payload(cmd);

		p->in_valid = HPE1_V_HEALTH | HPE1_V_TEMP | HPE1_V_SPARES |
			      HPE1_V_ALARM | HPE1_V_USED | HPE1_V_SHUTDOWN |
			      HPE1_V_VENDOR;
	}
	return cmd;
}

static struct ndctl_cmd *hpe1_new_smart_threshold(struct ndctl_dimm *dimm)
{
	return nd_family_cmd_new(dimm, &nd_family_hpe1,
				 ND_FAMILY_CMD_SMART_THRESHOLD,
				 HPE1_SMART_THRESHOLD, 0,
				 sizeof(struct hpe1_threshold),
				 offsetof(struct hpe1_threshold, status));
}

/* The status convention is ACPI's (the core's default translation). */
const struct nd_family nd_family_hpe1 = {
	.family = NVDIMM_FAMILY_HPE1,
	.name = "hpe1",
	.new_smart = hpe1_new_smart,
	.decode_smart = hpe1_decode_smart,
	.new_smart_threshold = hpe1_new_smart_threshold,
	.decode_threshold = hpe1_decode_threshold,
	.supported_alarms = ND_SMART_SPARE_TRIP | ND_SMART_MTEMP_TRIP,
};
