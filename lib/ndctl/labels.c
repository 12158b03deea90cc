// SPDX-License-Identifier: LGPL-2.1-or-later
/* Namespace label area codec; see labels.h for the layout. */
#include <errno.h>
#include <string.h>

#include "labels.h"
#include "util/le.h"

/* Field offsets inside an index block */
enum {
	IX_SIG = 0,
	IX_FLAGS = 16,
	IX_LABELSIZE = 19,
	IX_SEQ = 20,
	IX_MYOFF = 24,
	IX_MYSIZE = 32,
	IX_OTHEROFF = 40,
	IX_LABELOFF = 48,
	IX_NSLOT = 56,
	IX_MAJOR = 60,
	IX_MINOR = 62,
	IX_CHECKSUM = 64,
	IX_FREE = 72,
};

/* Field offsets inside a label */
enum {
	LB_UUID = 0,
	LB_NAME = 16,
	LB_FLAGS = 80,
	LB_NLABEL = 84,
	LB_POSITION = 86,
	LB_ISETCOOKIE = 88,
	LB_LBASIZE = 96,
	LB_DPA = 104,
	LB_RAWSIZE = 112,
	LB_SLOT = 120,
	LB_ALIGN = 124, /* v1.2 fields from here on */
	LB_TYPE_GUID = 128,
	LB_ABSTRACTION_GUID = 144,
	LB_CHECKSUM = 248,
	LB_MAX = 256,
};

static const char index_sig[ND_LABEL_SIG_LEN] = "NAMESPACE_INDEX";

uint64_t nd_label_fletcher64(const void *buf, size_t len)
{
	return fletcher64_skip(buf, len, SIZE_MAX);
}

/* Checksum of @len bytes at @p as if the 8 bytes at @csum_off were 0. */
static uint64_t sum_without(const uint8_t *p, size_t len, size_t csum_off)
{
	return fletcher64_skip(p, len, csum_off);
}

uint32_t nd_label_next_seq(uint32_t seq)
{
	static const uint32_t next[] = { 0, 2, 3, 1 };

	return next[seq & 3];
}

uint32_t nd_label_best_seq(uint32_t a, uint32_t b)
{
	a &= 3;
	b &= 3;
	if (a == 0 || a == b)
		return b;
	if (b == 0)
		return a;
	return nd_label_next_seq(a) == b ? b : a;
}

static uint32_t index_bytes(uint32_t nslot)
{
	uint64_t raw = ND_LABEL_INDEX_HDR + ((uint64_t)nslot + 7) / 8;

	return (uint32_t)((raw + ND_LABEL_INDEX_ALIGN - 1) /
			  ND_LABEL_INDEX_ALIGN * ND_LABEL_INDEX_ALIGN);
}

int nd_label_geometry(uint32_t config_size, uint32_t label_size,
		      struct nd_label_geom *g)
{
	uint32_t guess, reserve, nslot, isize;

	if (label_size != 128 && label_size != 256)
		return -EINVAL;
	/* size the index for the most slots that could fit, then refit */
	guess = config_size / label_size;
	reserve = index_bytes(guess) * 2;
	if (reserve > config_size)
		return -EINVAL;
	nslot = (config_size - reserve) / label_size;
	isize = index_bytes(nslot);
	if (nslot < 2 ||
	    (uint64_t)isize * 2 + (uint64_t)nslot * label_size > config_size)
		return -EINVAL;
	g->config_size = config_size;
	g->label_size = label_size;
	g->nslot = nslot;
	g->index_size = isize;
	return 0;
}

static bool geom_ok(const struct nd_label_geom *g)
{
	return g && (g->label_size == 128 || g->label_size == 256) &&
	       g->index_size >= ND_LABEL_INDEX_HDR + (g->nslot + 7) / 8 &&
	       g->index_size % ND_LABEL_INDEX_ALIGN == 0;
}

static const uint8_t *index_at(const void *buf, size_t len,
			       const struct nd_label_geom *g, int which)
{
	size_t off;

	if (which != 0 && which != 1)
		return NULL;
	off = (size_t)which * g->index_size;
	if (off + g->index_size > len)
		return NULL;
	return (const uint8_t *)buf + off;
}

int nd_label_index_parse(const void *buf, size_t len,
			 const struct nd_label_geom *g, int which,
			 struct nd_label_index *out)
{
	struct nd_label_index ix;
	const uint8_t *p;
	uint32_t lsize;

	if (!buf || !geom_ok(g) || (which != 0 && which != 1))
		return -EINVAL;
	p = index_at(buf, len, g, which);
	if (!p)
		return -ENOSPC;
	if (memcmp(p + IX_SIG, index_sig, ND_LABEL_SIG_LEN) != 0)
		return -ENODATA;
	ix.labelsize = p[IX_LABELSIZE];
	ix.seq = le32_get(p + IX_SEQ);
	ix.myoff = le64_get(p + IX_MYOFF);
	ix.mysize = le64_get(p + IX_MYSIZE);
	ix.otheroff = le64_get(p + IX_OTHEROFF);
	ix.labeloff = le64_get(p + IX_LABELOFF);
	ix.nslot = le32_get(p + IX_NSLOT);
	ix.major = le16_get(p + IX_MAJOR);
	ix.minor = le16_get(p + IX_MINOR);
	ix.checksum = le64_get(p + IX_CHECKSUM);

	/* 256-byte labels came with v1.2, which records the size */
	if (ix.major * 100 + ix.minor >= 102) {
		if (ix.labelsize > 1)
			return -EINVAL;
		lsize = 128u << ix.labelsize;
	} else {
		lsize = 128;
	}
	if (lsize != g->label_size)
		return -EINVAL;
	if (sum_without(p, g->index_size, IX_CHECKSUM) != ix.checksum)
		return -EBADMSG;
	if ((ix.seq & 3) == 0)
		return -EINVAL;
	if (ix.myoff != (uint64_t)which * g->index_size ||
	    ix.otheroff != (uint64_t)!which * g->index_size ||
	    ix.labeloff != 2ull * g->index_size)
		return -EINVAL;
	if (ix.mysize > g->index_size || ix.mysize < ND_LABEL_INDEX_HDR)
		return -EINVAL;
	/* the bitmap and the slots must both fit what we were given */
	if ((uint64_t)ix.nslot * g->label_size + 2ull * g->index_size >
		    g->config_size ||
	    ix.nslot > (g->index_size - ND_LABEL_INDEX_HDR) * 8ull)
		return -EINVAL;
	if (out)
		*out = ix;
	return 0;
}

static uint32_t count_busy(const uint8_t *ix, uint32_t nslot)
{
	uint32_t i, n = 0;

	for (i = 0; i < nslot; i++)
		if (!(ix[IX_FREE + i / 8] & (1u << (i % 8))))
			n++;
	return n;
}

int nd_label_area_validate(const void *buf, size_t len,
			   struct nd_label_area *area)
{
	static const uint32_t sizes[] = { 128, 256 };
	struct nd_label_area a;
	unsigned int s;
	int i;

	if (!buf || !area)
		return -EINVAL;
	if (len > UINT32_MAX)
		return -EINVAL;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		memset(&a, 0, sizeof(a));
		if (nd_label_geometry((uint32_t)len, sizes[s], &a.geom) < 0)
			continue;
		for (i = 0; i < 2; i++)
			if (nd_label_index_parse(buf, len, &a.geom, i,
						 &a.index[i]) == 0)
				a.num_valid |= 1 << i;
		if (!a.num_valid)
			continue;
		if (a.num_valid == 3) {
			uint32_t best = nd_label_best_seq(a.index[0].seq,
							  a.index[1].seq);

			a.current = best == (a.index[1].seq & 3) ? 1 : 0;
			a.num_valid = 2;
		} else {
			a.current = a.num_valid == 2 ? 1 : 0;
			a.num_valid = 1;
		}
		a.used = count_busy(index_at(buf, len, &a.geom, a.current),
				    a.index[a.current].nslot);
		*area = a;
		return a.current;
	}
	return -ENODATA;
}

static uint8_t *index_at_rw(void *buf, size_t len,
			    const struct nd_label_geom *g, int which)
{
	return (uint8_t *)index_at(buf, len, g, which);
}

static void index_reseal(uint8_t *p, const struct nd_label_geom *g)
{
	le64_put(p + IX_CHECKSUM, 0);
	le64_put(p + IX_CHECKSUM, nd_label_fletcher64(p, g->index_size));
}

int nd_label_index_build(void *buf, size_t len, const struct nd_label_geom *g,
			 int which, uint32_t seq)
{
	uint8_t *p;
	uint32_t i;

	if (!buf || !geom_ok(g) || (seq & 3) == 0)
		return -EINVAL;
	if ((size_t)g->index_size * 2 > len)
		return -ENOSPC;
	p = index_at_rw(buf, len, g, which);
	if (!p)
		return -EINVAL;
	memset(p, 0, g->index_size);
	memcpy(p + IX_SIG, index_sig, ND_LABEL_SIG_LEN);
	p[IX_LABELSIZE] = g->label_size == 256 ? 1 : 0;
	le32_put(p + IX_SEQ, seq);
	le64_put(p + IX_MYOFF, (uint64_t)which * g->index_size);
	le64_put(p + IX_MYSIZE, g->index_size);
	le64_put(p + IX_OTHEROFF, (uint64_t)!which * g->index_size);
	le64_put(p + IX_LABELOFF, 2ull * g->index_size);
	le32_put(p + IX_NSLOT, g->nslot);
	le16_put(p + IX_MAJOR, 1);
	le16_put(p + IX_MINOR, g->label_size == 256 ? 2 : 1);
	/* every slot free; bits past nslot stay clear */
	for (i = 0; i < g->nslot; i++)
		p[IX_FREE + i / 8] |= (uint8_t)(1u << (i % 8));
	index_reseal(p, g);
	return 0;
}

int nd_label_area_init(void *buf, size_t len, uint32_t label_size,
		       struct nd_label_geom *out)
{
	struct nd_label_geom g;
	int rc;

	if (!buf || len > UINT32_MAX)
		return -EINVAL;
	rc = nd_label_geometry((uint32_t)len, label_size, &g);
	if (rc < 0)
		return rc;
	memset(buf, 0, len);
	rc = nd_label_index_build(buf, len, &g, 0, 3);
	if (!rc)
		rc = nd_label_index_build(buf, len, &g, 1, 2);
	if (!rc && out)
		*out = g;
	return rc;
}

int nd_label_slot_is_free(const void *buf, size_t len,
			  const struct nd_label_geom *g, int which,
			  uint32_t slot)
{
	const uint8_t *p;

	if (!buf || !geom_ok(g) || slot >= g->nslot)
		return -EINVAL;
	p = index_at(buf, len, g, which);
	if (!p)
		return -ENOSPC;
	return !!(p[IX_FREE + slot / 8] & (1u << (slot % 8)));
}

int nd_label_slot_set(void *buf, size_t len, const struct nd_label_geom *g,
		      int which, uint32_t slot, bool busy)
{
	uint8_t *p;

	if (!buf || !geom_ok(g) || slot >= g->nslot)
		return -EINVAL;
	p = index_at_rw(buf, len, g, which);
	if (!p)
		return -ENOSPC;
	if (busy)
		p[IX_FREE + slot / 8] &= (uint8_t) ~(1u << (slot % 8));
	else
		p[IX_FREE + slot / 8] |= (uint8_t)(1u << (slot % 8));
	index_reseal(p, g);
	return 0;
}

static const uint8_t *label_at(const void *buf, size_t len,
			       const struct nd_label_geom *g, uint32_t slot)
{
	uint64_t off;

	if (slot >= g->nslot)
		return NULL;
	off = 2ull * g->index_size + (uint64_t)slot * g->label_size;
	if (off + g->label_size > len)
		return NULL;
	return (const uint8_t *)buf + off;
}

int nd_label_parse(const void *buf, size_t len, const struct nd_label_geom *g,
		   uint32_t slot, struct nd_label *out)
{
	struct nd_label l;
	const uint8_t *p;

	if (!buf || !out || !geom_ok(g))
		return -EINVAL;
	if (slot >= g->nslot)
		return -EINVAL;
	p = label_at(buf, len, g, slot);
	if (!p)
		return -ENOSPC;
	memset(&l, 0, sizeof(l));
	memcpy(l.uuid, p + LB_UUID, ND_LABEL_UUID_LEN);
	memcpy(l.name, p + LB_NAME, ND_LABEL_NAME_LEN);
	l.name[ND_LABEL_NAME_LEN] = '\0';
	l.flags = le32_get(p + LB_FLAGS);
	l.nlabel = le16_get(p + LB_NLABEL);
	l.position = le16_get(p + LB_POSITION);
	l.isetcookie = le64_get(p + LB_ISETCOOKIE);
	l.lbasize = le64_get(p + LB_LBASIZE);
	l.dpa = le64_get(p + LB_DPA);
	l.rawsize = le64_get(p + LB_RAWSIZE);
	l.slot = le32_get(p + LB_SLOT);
	if (g->label_size >= LB_MAX) {
		l.align = p[LB_ALIGN];
		memcpy(l.type_guid, p + LB_TYPE_GUID, 16);
		memcpy(l.abstraction_guid, p + LB_ABSTRACTION_GUID, 16);
		l.checksum = le64_get(p + LB_CHECKSUM);
		if (sum_without(p, g->label_size, LB_CHECKSUM) != l.checksum)
			return -EBADMSG;
	}
	if (l.slot != slot)
		return -EINVAL;
	*out = l;
	return 0;
}

int nd_label_build(void *buf, size_t len, const struct nd_label_geom *g,
		   uint32_t slot, const struct nd_label *in)
{
	uint8_t *p;

	if (!buf || !in || !geom_ok(g))
		return -EINVAL;
	if (slot >= g->nslot)
		return -EINVAL;
	p = (uint8_t *)label_at(buf, len, g, slot);
	if (!p)
		return -ENOSPC;
	memset(p, 0, g->label_size);
	memcpy(p + LB_UUID, in->uuid, ND_LABEL_UUID_LEN);
	memcpy(p + LB_NAME, in->name, strnlen(in->name, ND_LABEL_NAME_LEN));
	le32_put(p + LB_FLAGS, in->flags);
	le16_put(p + LB_NLABEL, in->nlabel);
	le16_put(p + LB_POSITION, in->position);
	le64_put(p + LB_ISETCOOKIE, in->isetcookie);
	le64_put(p + LB_LBASIZE, in->lbasize);
	le64_put(p + LB_DPA, in->dpa);
	le64_put(p + LB_RAWSIZE, in->rawsize);
	le32_put(p + LB_SLOT, slot);
	if (g->label_size >= LB_MAX) {
		p[LB_ALIGN] = in->align;
		memcpy(p + LB_TYPE_GUID, in->type_guid, 16);
		memcpy(p + LB_ABSTRACTION_GUID, in->abstraction_guid, 16);
		le64_put(p + LB_CHECKSUM, nd_label_fletcher64(p, g->label_size));
	}
	return 0;
}
