/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every DIMM family's SMART and threshold decoder over one input, with
 * the invariants any decode must keep.  Shared by the unit test's replay
 * mode and the libFuzzer target.  The input is copied into a buffer of
 * exactly its size, so an address sanitizer sees any read past it.
 */
#ifndef TEST_SMART_EXERCISE_H
#define TEST_SMART_EXERCISE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ndctl/libndctl.h>
#include <ndctl/ndctl.h>

#include "lib/ndctl/family.h"

static const struct nd_family *const smart_exercise_families[] = {
	&nd_family_intel, &nd_family_hpe1,  &nd_family_msft,
	&nd_family_hyperv, &nd_family_papr,
};

#define SMART_EXERCISE_NFAM                                                  \
	(sizeof(smart_exercise_families) / sizeof(smart_exercise_families[0]))

#define SMART_ALL_VALID                                                      \
	(ND_SMART_HEALTH_VALID | ND_SMART_SPARES_VALID | ND_SMART_USED_VALID |   \
	 ND_SMART_MTEMP_VALID | ND_SMART_CTEMP_VALID |                         \
	 ND_SMART_SHUTDOWN_COUNT_VALID | ND_SMART_AIT_STATUS_VALID |           \
	 ND_SMART_PTEMP_VALID | ND_SMART_ALARM_VALID |                         \
	 ND_SMART_SHUTDOWN_VALID | ND_SMART_VENDOR_VALID)
#define SMART_ALL_HEALTH                                                     \
	(ND_SMART_NON_CRITICAL_HEALTH | ND_SMART_CRITICAL_HEALTH |              \
	 ND_SMART_FATAL_HEALTH)
#define SMART_ALL_TRIPS                                                      \
	(ND_SMART_SPARE_TRIP | ND_SMART_MTEMP_TRIP | ND_SMART_CTEMP_TRIP)

/* Returns a description of the first broken invariant, or NULL. */
static inline const char *smart_check(const struct nd_family *fam,
				      const uint8_t *buf, size_t len, int rc,
				      const struct nd_smart *s)
{
	if (rc != 0 && rc != -22 /* EINVAL */)
		return "decoder returned neither 0 nor -EINVAL";
	if (rc != 0)
		return NULL;
	if (s->flags & ~SMART_ALL_VALID)
		return "unknown validity flag";
	if (s->vendor_size) {
		if (!s->vendor_data)
			return "vendor size without data";
		if (s->vendor_data < buf ||
		    s->vendor_data + s->vendor_size > buf + len)
			return "vendor data outside the payload";
	}
	if ((s->flags & ND_SMART_VENDOR_VALID) && !s->vendor_size)
		return "vendor valid with no data";
	/*
	 * Intel's decoder copies its health and alarm bytes and its
	 * percentages as they come (its bits are the generic ones); the
	 * other families map bit by bit and refuse percentages that are
	 * not ones.
	 */
	if (fam != &nd_family_intel) {
		if (s->health & ~SMART_ALL_HEALTH)
			return "unknown health bit";
		if (s->alarm_flags & ~SMART_ALL_TRIPS)
			return "unknown alarm trip";
		if ((s->flags & ND_SMART_SPARES_VALID) && s->spares > 100)
			return "spares over 100%";
		if ((s->flags & ND_SMART_USED_VALID) && s->life_used > 100)
			return "life used over 100%";
	}
	return NULL;
}

static inline const char *threshold_check(const struct nd_family *fam,
					  int rc,
					  const struct nd_smart_threshold *t)
{
	if (rc != 0 && rc != -22)
		return "threshold decoder returned neither 0 nor -EINVAL";
	if (rc == 0 && fam != &nd_family_intel &&
	    (t->alarm_control & ~fam->supported_alarms))
		return "alarm enable the family cannot arm";
	return NULL;
}

/* Runs every decoder on @data; aborts (for the fuzzer) on a broken rule. */
static inline void smart_exercise(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size ? size : 1);
	size_t i;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	for (i = 0; i < SMART_EXERCISE_NFAM; i++) {
		const struct nd_family *fam = smart_exercise_families[i];
		const char *why;

		if (fam->decode_smart) {
			struct nd_smart s;
			int rc;

			/* as smart.c does before every decode */
			memset(&s, 0, sizeof(s));
			rc = fam->decode_smart(buf, size, &s);
			why = smart_check(fam, buf, size, rc, &s);
			if (why) {
				fprintf(stderr, "%s smart (%zu bytes): %s\n",
					fam->name, size, why);
				abort();
			}
			/* what a caller does with the vendor data */
			if (rc == 0 && s.vendor_size) {
				volatile uint8_t sum = 0;
				unsigned int k;

				for (k = 0; k < s.vendor_size; k++)
					sum ^= s.vendor_data[k];
				(void)sum;
			}
		}
		if (fam->decode_threshold) {
			struct nd_smart_threshold t;
			int rc;

			memset(&t, 0, sizeof(t));
			rc = fam->decode_threshold(buf, size, &t);
			why = threshold_check(fam, rc, &t);
			if (why) {
				fprintf(stderr, "%s threshold (%zu bytes): %s\n",
					fam->name, size, why);
				abort();
			}
		}
	}
	free(buf);
}

#endif
