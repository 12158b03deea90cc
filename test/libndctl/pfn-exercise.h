/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef TEST_PFN_EXERCISE_H
#define TEST_PFN_EXERCISE_H

/*
 * Drive the pfn/dax info block codec over an untrusted buffer; what
 * decodes cleanly must re-encode to a block that decodes the same.
 * Shared by the fuzzer and the unit test's regression runner.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ndctl/pfn-info.h"

static inline void pfn_exercise(const uint8_t *data, size_t len)
{
	static const uint64_t sizes[] = { 0, 4096, 16ull << 20, 1ull << 40,
					  UINT64_MAX };
	struct nd_pfn_info info, again;
	uint8_t block[ND_PFN_INFO_SIZE];
	unsigned int i;
	uint64_t tail = 0;

	if (nd_pfn_info_parse(data, len, &info) == ND_PFN_OK) {
		if (nd_pfn_info_build(block, sizeof(block), &info))
			abort();
		if (nd_pfn_info_parse(block, sizeof(block), &again) !=
		    ND_PFN_OK)
			abort();
		if (memcmp(&info, &again, sizeof(info)))
			abort();
	}
	/* sizes around the block's own values, and extremes */
	if (len >= ND_PFN_INFO_SIZE + 8)
		memcpy(&tail, data + ND_PFN_INFO_SIZE, 8);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		nd_pfn_info_check(&info, sizes[i], len >= 16 ? data : NULL);
	nd_pfn_info_check(&info, tail, NULL);
	nd_pfn_info_check(&info, info.dataoff + info.npfns * 4096, NULL);
	for (i = 0; i <= ND_PFN_ERR_MAX; i++)
		nd_pfn_err_str((enum nd_pfn_err)i);
}

#endif
