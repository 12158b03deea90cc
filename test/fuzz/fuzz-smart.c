// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: every DIMM family's SMART and threshold decoder. */
#include <stddef.h>
#include <stdint.h>

#include "../libndctl/smart-exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	smart_exercise(data, size);
	return 0;
}
