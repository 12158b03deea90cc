// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: the fsdax/devdax info block codec on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "../libndctl/pfn-exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pfn_exercise(data, size);
	return 0;
}
