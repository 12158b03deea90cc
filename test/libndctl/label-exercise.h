/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef TEST_LABEL_EXERCISE_H
#define TEST_LABEL_EXERCISE_H

/*
 * Drive every read-side entry point of the label codec over an untrusted
 * buffer.  Shared by the fuzzer and the unit test's regression runner; the
 * sanitizers (or valgrind) catch any access outside [buf, buf + len).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ndctl/labels.h"

static inline void label_exercise(const uint8_t *data, size_t len)
{
	static const uint32_t sizes[] = { 128, 256 };
	struct nd_label_area area;
	struct nd_label_index ix;
	struct nd_label_geom g;
	struct nd_label l;
	unsigned int s;
	uint32_t slot;
	int i;

	if (nd_label_area_validate(data, len, &area) >= 0) {
		for (slot = 0; slot < area.index[area.current].nslot &&
			       slot < 4096; slot++) {
			if (nd_label_slot_is_free(data, len, &area.geom,
						  area.current, slot) == 0)
				nd_label_parse(data, len, &area.geom, slot, &l);
		}
	}
	for (s = 0; s < 2; s++) {
		/* geometry claiming more than we hold must still be safe */
		if (nd_label_geometry((uint32_t)(len * 2 + 4096), sizes[s], &g))
			continue;
		for (i = 0; i < 2; i++)
			nd_label_index_parse(data, len, &g, i, &ix);
		for (slot = 0; slot < g.nslot && slot < 64; slot++) {
			nd_label_slot_is_free(data, len, &g, 0, slot);
			nd_label_parse(data, len, &g, slot, &l);
		}
	}
	if (len && len < (1u << 20)) {
		/* writers on a private copy: must stay inside it too */
		uint8_t *copy = malloc(len);

		if (!copy)
			return;
		memcpy(copy, data, len);
		if (nd_label_area_validate(copy, len, &area) >= 0 &&
		    area.geom.nslot)
			nd_label_slot_set(copy, len, &area.geom, area.current,
					  area.geom.nslot - 1, true);
		nd_label_area_init(copy, len, len & 1 ? 128 : 256, &g);
		free(copy);
	}
}

#endif
