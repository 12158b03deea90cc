// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: the BTT codec (info blocks, map, flog, arena chains) on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "../libndctl/btt-exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	btt_exercise(data, size);
	return 0;
}
