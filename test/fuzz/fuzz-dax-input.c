// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: daxctl create-device --input's JSON parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "daxctl/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dax_input in;
	char why[192];
	size_t i;

	if (dax_input_parse((const char *)data, size, &in, why,
			    sizeof(why)) == 0) {
		/* what the CLI relies on: ordered, sane ranges summing up */
		uint64_t total = 0;

		if (!in.nr || !in.size || (in.align & (in.align - 1)))
			abort();
		for (i = 0; i < in.nr; i++) {
			if (in.ranges[i].end < in.ranges[i].start ||
			    (i && in.ranges[i].offset <= in.ranges[i - 1].offset))
				abort();
			total += in.ranges[i].end - in.ranges[i].start + 1;
		}
		if (total != in.size)
			abort();
		dax_input_free(&in);
	} else if (!why[0]) {
		abort();	/* every refusal says why */
	}
	return 0;
}
