// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: the namespace label area codec on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "../libndctl/label-exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	label_exercise(data, size);
	return 0;
}
