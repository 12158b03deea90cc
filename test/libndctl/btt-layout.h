/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * For the BTT tests: the layout the kernel gives an arena of @size bytes
 * (drivers/nvdimm/btt.c, alloc_arena(): info, data, map, flog, backup),
 * with the offsets relative to the arena as its info block stores them.
 * uuid, parent_uuid, version and nextoff are the caller's.
 */
#ifndef TEST_LIBNDCTL_BTT_LAYOUT_H
#define TEST_LIBNDCTL_BTT_LAYOUT_H
#include <stdint.h>
#include <string.h>

#include "lib/ndctl/btt.h"

static void btt_kernel_layout(struct nd_btt_info *in, uint64_t size,
			      uint32_t lbasize, uint32_t nfree)
{
	uint64_t avail = size - size % 4096 - 2 * 4096, logsz, mapsz;
	uint32_t ilba = (lbasize + 63) / 64 * 64;

	memset(in, 0, sizeof(*in));
	in->external_lbasize = lbasize;
	in->internal_lbasize = ilba;
	logsz = ((uint64_t)nfree * 64 + 4095) / 4096 * 4096;
	avail -= logsz;
	in->internal_nlba = (uint32_t)((avail - 4096) / (ilba + 4));
	in->external_nlba = in->internal_nlba - nfree;
	in->nfree = nfree;
	mapsz = ((uint64_t)in->external_nlba * 4 + 4095) / 4096 * 4096;
	in->dataoff = 4096;
	in->mapoff = in->dataoff + (avail - mapsz);
	in->logoff = in->mapoff + mapsz;
	in->info2off = in->logoff + logsz;
}

/* lane @i of a fresh flog, as btt_log_init() writes it, into @e (64 B) */
static void btt_kernel_lane(uint8_t *e, const struct nd_btt_info *in,
			    uint32_t i)
{
	uint32_t v[4] = { i, in->external_nlba + i, in->external_nlba + i, 1 };
	int k;

	memset(e, 0, 64);
	for (k = 0; k < 16; k++)
		e[k] = (uint8_t)(v[k / 4] >> (8 * (k % 4)));
}

#endif
