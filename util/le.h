/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_LE_H
#define UTIL_LE_H

/*
 * Little-endian fields and the Fletcher-64 checksum of the on-media
 * formats (namespace labels, BTT and pfn/dax info blocks).  Bytewise, so
 * any alignment and host byte order; inline so that the codecs, which
 * the fuzzers and tests compile in directly, need nothing linked.
 */
#include <stddef.h>
#include <stdint.h>

static inline uint16_t le16_get(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t le32_get(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t le64_get(const uint8_t *p)
{
	return (uint64_t)le32_get(p) | (uint64_t)le32_get(p + 4) << 32;
}

static inline void le16_put(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void le32_put(uint8_t *p, uint32_t v)
{
	le16_put(p, (uint16_t)v);
	le16_put(p + 2, (uint16_t)(v >> 16));
}

static inline void le64_put(uint8_t *p, uint64_t v)
{
	le32_put(p, (uint32_t)v);
	le32_put(p + 4, (uint32_t)(v >> 32));
}

/*
 * Fletcher-64 over the 32-bit words of @len bytes, taking the 8 bytes at
 * @skip (the stored checksum) as zero; @skip SIZE_MAX skips nothing.
 */
static inline uint64_t fletcher64_skip(const uint8_t *p, size_t len,
				       size_t skip)
{
	uint32_t lo = 0;
	uint64_t hi = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4) {
		if (skip == SIZE_MAX || i < skip || i >= skip + 8)
			lo += le32_get(p + i);
		hi += lo;
	}
	return hi << 32 | lo;
}

#endif
