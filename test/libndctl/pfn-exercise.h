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

/*
 * A geometry taken from the input's first bytes (raw, then rounded so
 * that the deeper paths are reached): whatever layout is accepted must
 * encode to a block the codec's own check accepts for that size, with
 * the data area on the alignment boundaries the kernel requires.
 */
static inline void pfn_exercise_layout(const uint8_t *data, size_t len)
{
	struct nd_pfn_geometry g;
	struct nd_pfn_info info, back;
	uint8_t block[ND_PFN_INFO_SIZE];
	uint64_t a;
	int round;

	if (len < 19)
		return;
	for (round = 0; round < 2; round++) {
		memcpy(&g.start, data, 8);
		memcpy(&g.size, data + 8, 8);
		g.align = 1u << (data[16] % 32);
		g.mode = data[17] % 3;
		g.page_size = 1u << (data[18] % 24);
		if (round) {
			g.start &= ~(uint64_t)(ND_PFN_COMPAT_ALIGN - 1);
			g.size &= ~(uint64_t)(g.page_size - 1);
			g.size >>= data[16] % 40;
		}
		memset(&info, 0, sizeof(info));
		info.kind = ND_PFN_KIND_PFN;
		if (nd_pfn_info_layout(&info, &g) != ND_PFN_LAYOUT_OK)
			continue;
		a = g.align > ND_PFN_COMPAT_ALIGN ? g.align : ND_PFN_COMPAT_ALIGN;
		if (nd_pfn_info_build(block, sizeof(block), &info) ||
		    nd_pfn_info_parse(block, sizeof(block), &back) != ND_PFN_OK ||
		    nd_pfn_info_check(&back, g.size, NULL) != ND_PFN_OK)
			abort();
		if ((g.start + info.dataoff) % a ||
		    (g.start + g.size - info.end_trunc) % a || !info.npfns ||
		    info.npfns * g.page_size >
			    g.size - info.dataoff - info.end_trunc)
			abort();
	}
}

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
	pfn_exercise_layout(data, len);
}

#endif
