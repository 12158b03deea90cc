/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef TEST_BTT_EXERCISE_H
#define TEST_BTT_EXERCISE_H

/*
 * Drive every read-side entry point of the BTT codec over an untrusted
 * buffer, and check that what decodes cleanly re-encodes to the same
 * block.  Shared by the fuzzer and the unit test's regression runner; the
 * sanitizers catch any access outside [buf, buf + len).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ndctl/btt.h"

/*
 * The repair functions on a packed arena ([info][backup][flog][map]):
 * never outside the buffer, and a second pass over what the first
 * repaired without refusing finds nothing left to change.
 */
static inline void btt_exercise_repair(const uint8_t *data, size_t len)
{
	struct nd_btt_report quiet;
	struct nd_btt_fixes fx;
	struct nd_btt_info info;
	uint8_t *b, *flog;
	uint64_t logsz;
	size_t maplen;

	if (len < 2 * ND_BTT_INFO_SIZE)
		return;
	b = malloc(len);
	if (!b)
		return;
	memcpy(b, data, len);
	memset(&fx, 0, sizeof(fx));
	nd_btt_info_repair(b, b + ND_BTT_INFO_SIZE, 0, 0, ND_BTT_INFO_SIZE,
			   len & 1, &fx);
	memset(&quiet, 0, sizeof(quiet));
	if (nd_btt_info_parse(b, len, &info, 0, 0, &quiet) == 0) {
		logsz = (uint64_t)info.nfree * ND_BTT_LOG_GRP_SIZE;
		if (logsz > len - 2 * ND_BTT_INFO_SIZE)
			logsz = len - 2 * ND_BTT_INFO_SIZE;
		flog = b + 2 * ND_BTT_INFO_SIZE;
		maplen = len - 2 * ND_BTT_INFO_SIZE - (size_t)logsz;

		memset(&fx, 0, sizeof(fx));
		if (nd_btt_arena_repair(&info, flog + logsz, maplen, flog,
					(size_t)logsz, 0, 0,
					len & 2 ? ND_BTT_REPAIR_REWRITE_LOG : 0,
					&fx) == 0) {
			memset(&fx, 0, sizeof(fx));
			if (nd_btt_arena_repair(&info, flog + logsz, maplen,
						flog, (size_t)logsz, 0, 0,
						len & 2 ?
						ND_BTT_REPAIR_REWRITE_LOG : 0,
						&fx) || fx.made)
				abort();
		}
	}
	nd_btt_backup_offset(len, len / 3);
	free(b);
}

static inline void btt_exercise(const uint8_t *data, size_t len)
{
	struct nd_btt_flog_format fmt;
	struct nd_btt_report rep;
	struct nd_btt_layout layout;
	struct nd_btt_arena arena;
	struct nd_btt_info info, again;
	struct nd_btt_lane lane;
	uint8_t block[ND_BTT_INFO_SIZE];
	uint32_t raw, i, nfree;

	memset(&rep, 0, sizeof(rep));
	nd_btt_packed_check(data, len, &arena, &rep);
	memset(&rep, 0, sizeof(rep));
	nd_btt_image_check(data, len, len > 48 ? data + 32 : NULL, &layout,
			   &rep);
	memset(&rep, 0, sizeof(rep));
	if (nd_btt_info_parse(data, len, &info, 0, 0, &rep) == 0) {
		/* a valid block re-encodes byte for byte (padding is zero
		 * only by convention, so compare the decoded fields) */
		if (nd_btt_info_build(block, sizeof(block), &info))
			abort();
		memset(&rep, 0, sizeof(rep));
		if (nd_btt_info_parse(block, sizeof(block), &again, 0, 0,
				      &rep))
			abort();
		again.checksum = info.checksum;
		again.checksum_computed = info.checksum_computed;
		if (memcmp(&info, &again, sizeof(info)))
			abort();
	}
	nd_btt_arena_size(&info);
	/* the flog and map walkers on the raw bytes */
	nfree = (uint32_t)(len / ND_BTT_LOG_GRP_SIZE);
	if (nfree > 300)
		nfree = 300;
	if (nd_btt_flog_format(data, len, nfree, &fmt) == 0)
		for (i = 0; i < nfree + 2; i++)
			nd_btt_flog_lane(data, len, &fmt, i, &lane);
	for (i = 0; i < 64; i++)
		if (nd_btt_map_get(data, len, i * 7, &raw) == 0)
			nd_btt_map_postmap(raw, i);
	nd_btt_map_get(data, len, UINT32_MAX, &raw);
	for (i = 0; i <= ND_BTT_ISSUE_MAX; i++)
		nd_btt_issue_str((enum nd_btt_issue)i);
	for (i = 0; i <= ND_BTT_FIX_REFUSED + 1; i++)
		nd_btt_fix_str((enum nd_btt_fix_kind)i);
	btt_exercise_repair(data, len);
}

#endif
