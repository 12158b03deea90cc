// SPDX-License-Identifier: LGPL-2.1-or-later
/* Block Translation Table codec; see btt.h for the layout. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btt.h"
#include "util/le.h"

/* Field offsets inside an info block */
enum {
	BI_SIG = 0,
	BI_UUID = 16,
	BI_PARENT = 32,
	BI_FLAGS = 48,
	BI_MAJOR = 52,
	BI_MINOR = 54,
	BI_EXT_LBASIZE = 56,
	BI_EXT_NLBA = 60,
	BI_INT_LBASIZE = 64,
	BI_INT_NLBA = 68,
	BI_NFREE = 72,
	BI_INFOSIZE = 76,
	BI_NEXTOFF = 80,
	BI_DATAOFF = 88,
	BI_MAPOFF = 96,
	BI_LOGOFF = 104,
	BI_INFO2OFF = 112,
	BI_CHECKSUM = 4088,
	/* flog entry fields */
	LE_LBA = 0,
	LE_OLD = 4,
	LE_NEW = 8,
	LE_SEQ = 12,
	MIN_EXT_LBASIZE = 512,
};

static const char btt_sig[ND_BTT_SIG_LEN] = "BTT_ARENA_INFO";

static const char *const issue_text[ND_BTT_ISSUE_MAX] = {
	[ND_BTT_ISSUE_NONE] = "no problem",
	[ND_BTT_TRUNCATED] = "metadata extends past the end of the data given",
	[ND_BTT_NO_SIGNATURE] = "no BTT_ARENA_INFO signature",
	[ND_BTT_BAD_CHECKSUM] = "info block checksum mismatch",
	[ND_BTT_BAD_VERSION] = "unsupported BTT version (or at the wrong offset)",
	[ND_BTT_BAD_UUID] = "null, mismatched or inconsistent uuid",
	[ND_BTT_BAD_INFOSIZE] = "info block size is not 4096",
	[ND_BTT_BAD_LBASIZE] = "inconsistent external/internal lbasize",
	[ND_BTT_BAD_NFREE] = "nfree is zero or does not fit",
	[ND_BTT_BAD_NLBA] = "nlba inconsistent with nfree or the arena size",
	[ND_BTT_BAD_OFFSETS] = "arena offsets unordered, overlapping or outside the arena",
	[ND_BTT_BAD_NEXTOFF] = "next arena overlaps this one or lies past the end",
	[ND_BTT_ERROR_FLAG] = "arena is flagged as being in error",
	[ND_BTT_BACKUP_BAD] = "backup info block is invalid",
	[ND_BTT_BACKUP_MISMATCH] = "backup info block differs from the primary",
	[ND_BTT_MAP_OUT_OF_RANGE] = "map entry points past the internal blocks",
	[ND_BTT_MAP_DUPLICATE] = "postmap block mapped more than once",
	[ND_BTT_FLOG_PADDING] = "flog padding in an unknown layout",
	[ND_BTT_FLOG_TORN] = "flog lane has no valid pair of sequence numbers",
	[ND_BTT_FLOG_BAD_ENTRY] = "flog entry's lba or block out of range",
	[ND_BTT_FLOG_MAP_MISMATCH] = "map entry has moved on since the flog's last write (a later write through another lane)",
	[ND_BTT_FLOG_UNFINISHED] = "interrupted write: map still holds the flog's old block",
	[ND_BTT_FREE_DUPLICATE] = "free block is also mapped or free in another lane",
};

const char *nd_btt_issue_str(enum nd_btt_issue issue)
{
	if ((unsigned int)issue >= ND_BTT_ISSUE_MAX)
		return "unknown problem";
	return issue_text[issue];
}

bool nd_btt_issue_is_warning(enum nd_btt_issue issue)
{
	return issue == ND_BTT_ERROR_FLAG || issue == ND_BTT_FLOG_UNFINISHED ||
	       issue == ND_BTT_FLOG_MAP_MISMATCH;
}

static void note(struct nd_btt_report *rep, enum nd_btt_issue issue,
		 uint32_t arena, uint64_t offset, uint64_t index,
		 uint64_t value)
{
	struct nd_btt_finding f = {
		.issue = issue, .arena = arena, .offset = offset,
		.index = index, .value = value,
	};
	bool warn = nd_btt_issue_is_warning(issue);

	if (!rep)
		return;
	if (rep->count[issue] < UINT32_MAX)
		rep->count[issue]++;
	if (warn) {
		if (!rep->errors && !rep->warnings)
			rep->first = f;
		rep->warnings++;
	} else {
		if (!rep->errors)
			rep->first = f;
		rep->errors++;
	}
	if (rep->fn)
		rep->fn(rep->ctx, &f);
}

uint64_t nd_btt_info_checksum(const void *buf, size_t len)
{
	if (len < ND_BTT_INFO_SIZE)
		return 0;
	return fletcher64_skip(buf, ND_BTT_INFO_SIZE, BI_CHECKSUM);
}

static bool is_null_uuid(const uint8_t *u)
{
	int i;

	for (i = 0; i < ND_BTT_UUID_LEN; i++)
		if (u[i])
			return false;
	return true;
}

static void decode_info(const uint8_t *p, struct nd_btt_info *o)
{
	memcpy(o->signature, p + BI_SIG, ND_BTT_SIG_LEN);
	memcpy(o->uuid, p + BI_UUID, ND_BTT_UUID_LEN);
	memcpy(o->parent_uuid, p + BI_PARENT, ND_BTT_UUID_LEN);
	o->flags = le32_get(p + BI_FLAGS);
	o->version_major = le16_get(p + BI_MAJOR);
	o->version_minor = le16_get(p + BI_MINOR);
	o->external_lbasize = le32_get(p + BI_EXT_LBASIZE);
	o->external_nlba = le32_get(p + BI_EXT_NLBA);
	o->internal_lbasize = le32_get(p + BI_INT_LBASIZE);
	o->internal_nlba = le32_get(p + BI_INT_NLBA);
	o->nfree = le32_get(p + BI_NFREE);
	o->infosize = le32_get(p + BI_INFOSIZE);
	o->nextoff = le64_get(p + BI_NEXTOFF);
	o->dataoff = le64_get(p + BI_DATAOFF);
	o->mapoff = le64_get(p + BI_MAPOFF);
	o->logoff = le64_get(p + BI_LOGOFF);
	o->info2off = le64_get(p + BI_INFO2OFF);
	o->checksum = le64_get(p + BI_CHECKSUM);
	o->checksum_computed = nd_btt_info_checksum(p, ND_BTT_INFO_SIZE);
}

int nd_btt_info_parse(const void *buf, size_t len, struct nd_btt_info *out,
		      uint32_t arena, uint64_t offset,
		      struct nd_btt_report *rep)
{
	const uint8_t *p = buf;
	struct nd_btt_info *o = out;
	bool bad = false;

#define BAD(issue, value)                                            \
	do {                                                         \
		note(rep, issue, arena, offset, 0, (uint64_t)(value)); \
		bad = true;                                          \
	} while (0)

	memset(o, 0, sizeof(*o));
	if (!buf || len < ND_BTT_INFO_SIZE) {
		BAD(ND_BTT_TRUNCATED, len);
		return -EINVAL;
	}
	decode_info(p, o);
	if (memcmp(o->signature, btt_sig, ND_BTT_SIG_LEN)) {
		BAD(ND_BTT_NO_SIGNATURE, 0);
		return -EINVAL;
	}
	/* with a wrong checksum nothing else in the block can be trusted */
	if (o->checksum != o->checksum_computed) {
		BAD(ND_BTT_BAD_CHECKSUM, o->checksum);
		return -EINVAL;
	}
	if (!((o->version_major == 1 && o->version_minor == 1) ||
	      (o->version_major == 2 && o->version_minor == 0)))
		BAD(ND_BTT_BAD_VERSION,
		    (uint32_t)o->version_major << 16 | o->version_minor);
	if (o->infosize != ND_BTT_INFO_SIZE)
		BAD(ND_BTT_BAD_INFOSIZE, o->infosize);
	if (is_null_uuid(o->uuid))
		BAD(ND_BTT_BAD_UUID, 0);
	if (o->external_lbasize < MIN_EXT_LBASIZE ||
	    o->internal_lbasize < o->external_lbasize ||
	    o->internal_lbasize > ND_BTT_MAX_LBASIZE)
		BAD(ND_BTT_BAD_LBASIZE, o->internal_lbasize);
	if (!o->nfree || o->nfree > o->internal_nlba)
		BAD(ND_BTT_BAD_NFREE, o->nfree);
	else if (!o->external_nlba ||
		 (uint64_t)o->external_nlba + o->nfree != o->internal_nlba ||
		 o->internal_nlba - 1 > ND_BTT_MAP_LBA_MASK)
		BAD(ND_BTT_BAD_NLBA, o->internal_nlba);

	/* [info][data][map][flog][info2], in order, no wrap-around */
	if (o->dataoff < ND_BTT_INFO_SIZE || o->mapoff < o->dataoff ||
	    o->logoff < o->mapoff || o->info2off < o->logoff ||
	    o->info2off > ND_BTT_MAX_ARENA_SIZE - ND_BTT_INFO_SIZE) {
		BAD(ND_BTT_BAD_OFFSETS, o->info2off);
	} else {
		uint64_t data = (uint64_t)o->internal_nlba * o->internal_lbasize;
		uint64_t map = (uint64_t)o->external_nlba * ND_BTT_MAP_ENT_SIZE;
		uint64_t log = (uint64_t)o->nfree * ND_BTT_LOG_GRP_SIZE;

		if (data > o->mapoff - o->dataoff)
			BAD(ND_BTT_BAD_NLBA, data);
		if (map > o->logoff - o->mapoff)
			BAD(ND_BTT_BAD_NLBA, map);
		if (log > o->info2off - o->logoff)
			BAD(ND_BTT_BAD_NFREE, log);
		if (o->nextoff &&
		    (o->nextoff < o->info2off + ND_BTT_INFO_SIZE ||
		     o->nextoff > ND_BTT_MAX_ARENA_SIZE))
			BAD(ND_BTT_BAD_NEXTOFF, o->nextoff);
	}
	if (o->flags & ND_BTT_FLAG_ERROR)
		note(rep, ND_BTT_ERROR_FLAG, arena, offset, 0, o->flags);
#undef BAD
	return bad ? -EINVAL : 0;
}

uint64_t nd_btt_arena_size(const struct nd_btt_info *info)
{
	if (info->nextoff)
		return info->nextoff;
	if (info->info2off > UINT64_MAX - ND_BTT_INFO_SIZE)
		return 0;
	return info->info2off + ND_BTT_INFO_SIZE;
}

int nd_btt_info_build(void *buf, size_t len, const struct nd_btt_info *in)
{
	uint8_t *p = buf;

	if (len < ND_BTT_INFO_SIZE)
		return -ENOSPC;
	memset(p, 0, ND_BTT_INFO_SIZE);
	memcpy(p + BI_SIG, btt_sig, ND_BTT_SIG_LEN);
	memcpy(p + BI_UUID, in->uuid, ND_BTT_UUID_LEN);
	memcpy(p + BI_PARENT, in->parent_uuid, ND_BTT_UUID_LEN);
	le32_put(p + BI_FLAGS, in->flags);
	le16_put(p + BI_MAJOR, in->version_major);
	le16_put(p + BI_MINOR, in->version_minor);
	le32_put(p + BI_EXT_LBASIZE, in->external_lbasize);
	le32_put(p + BI_EXT_NLBA, in->external_nlba);
	le32_put(p + BI_INT_LBASIZE, in->internal_lbasize);
	le32_put(p + BI_INT_NLBA, in->internal_nlba);
	le32_put(p + BI_NFREE, in->nfree);
	le32_put(p + BI_INFOSIZE, ND_BTT_INFO_SIZE);
	le64_put(p + BI_NEXTOFF, in->nextoff);
	le64_put(p + BI_DATAOFF, in->dataoff);
	le64_put(p + BI_MAPOFF, in->mapoff);
	le64_put(p + BI_LOGOFF, in->logoff);
	le64_put(p + BI_INFO2OFF, in->info2off);
	le64_put(p + BI_CHECKSUM, nd_btt_info_checksum(p, ND_BTT_INFO_SIZE));
	return 0;
}

int nd_btt_map_get(const void *map, size_t len, uint32_t premap,
		   uint32_t *raw)
{
	uint64_t off = (uint64_t)premap * ND_BTT_MAP_ENT_SIZE;

	if (!map || len < ND_BTT_MAP_ENT_SIZE ||
	    off > len - ND_BTT_MAP_ENT_SIZE)
		return -ERANGE;
	*raw = le32_get((const uint8_t *)map + off);
	return 0;
}

uint32_t nd_btt_map_postmap(uint32_t raw, uint32_t premap)
{
	if (!(raw & (ND_BTT_MAP_E_FLAG | ND_BTT_MAP_Z_FLAG)))
		return premap;
	return raw & ND_BTT_MAP_LBA_MASK;
}

static bool slot_is_zero(const uint8_t *s)
{
	int i;

	for (i = 0; i < ND_BTT_LOG_ENT_SIZE; i++)
		if (s[i])
			return false;
	return true;
}

int nd_btt_flog_format(const void *flog, size_t len, uint32_t nfree,
		       struct nd_btt_flog_format *fmt)
{
	const uint8_t *p = flog;
	bool used1 = false, used2 = false;
	uint32_t lane;

	fmt->slot[0] = 0;
	fmt->slot[1] = 1;
	if (!flog || (uint64_t)nfree * ND_BTT_LOG_GRP_SIZE > len)
		return -ERANGE;
	for (lane = 0; lane < nfree; lane++) {
		const uint8_t *g = p + (size_t)lane * ND_BTT_LOG_GRP_SIZE;
		bool z1 = slot_is_zero(g + ND_BTT_LOG_ENT_SIZE);
		bool z2 = slot_is_zero(g + 2 * ND_BTT_LOG_ENT_SIZE);
		bool z3 = slot_is_zero(g + 3 * ND_BTT_LOG_ENT_SIZE);

		/* slot 3 is padding in both layouts */
		if (!z3 || (!z1 && !z2))
			return -EINVAL;
		used1 |= !z1;
		used2 |= !z2;
	}
	if (used1 && used2)
		return -EINVAL;
	if (used2)
		fmt->slot[1] = 2;
	return 0;
}

static uint32_t seq_next(uint32_t seq)
{
	return seq == 3 ? 1 : seq + 1;
}

int nd_btt_flog_lane(const void *flog, size_t len,
		     const struct nd_btt_flog_format *fmt, uint32_t lane,
		     struct nd_btt_lane *out)
{
	uint64_t off = (uint64_t)lane * ND_BTT_LOG_GRP_SIZE;
	uint32_t a, b;
	int i;

	memset(out, 0, sizeof(*out));
	out->newer = -1;
	if (!flog || len < ND_BTT_LOG_GRP_SIZE ||
	    off > len - ND_BTT_LOG_GRP_SIZE)
		return -ERANGE;
	for (i = 0; i < 2; i++) {
		int slot = fmt->slot[i] & 3;
		const uint8_t *e = (const uint8_t *)flog + off +
				   (size_t)slot * ND_BTT_LOG_ENT_SIZE;

		out->ent[i].lba = le32_get(e + LE_LBA);
		out->ent[i].old_map = le32_get(e + LE_OLD);
		out->ent[i].new_map = le32_get(e + LE_NEW);
		out->ent[i].seq = le32_get(e + LE_SEQ);
	}
	a = out->ent[0].seq;
	b = out->ent[1].seq;
	if (a > 3 || b > 3 || a == b)
		return -EINVAL;
	if (!b)
		out->newer = 0;
	else if (!a)
		out->newer = 1;
	else
		out->newer = seq_next(a) == b ? 1 : 0;
	return 0;
}

static bool test_and_set(uint8_t *bm, uint32_t bit)
{
	uint8_t mask = (uint8_t)(1u << (bit & 7));
	bool was = bm[bit >> 3] & mask;

	bm[bit >> 3] |= mask;
	return was;
}

static void clear_bit(uint8_t *bm, uint32_t bit)
{
	bm[bit >> 3] &= (uint8_t)~(1u << (bit & 7));
}

/*
 * The kernel writes a lane's first slot when it lays the arena out and
 * alternates from there, so a lane whose first slot is empty while the
 * second is in use has lost its entry (the kernel would take the stale
 * one as newer and hand out a block the map holds).
 */
static bool lane_first_empty(const struct nd_btt_lane *l)
{
	const struct nd_btt_log_entry *e = &l->ent[0];

	return !e->lba && !e->old_map && !e->new_map && !e->seq &&
	       l->ent[1].seq;
}

/* map, flog and free-block accounting of an arena whose info is valid */
static int check_map_flog(const struct nd_btt_arena_meta *m,
			  const struct nd_btt_info *info,
			  struct nd_btt_flog_format *fmt,
			  struct nd_btt_report *rep)
{
	uint64_t map_base = m->base + info->mapoff;
	uint64_t log_base = m->base + info->logoff;
	uint32_t i, n = info->external_nlba, nint = info->internal_nlba;
	struct nd_btt_lane lane;
	bool bad = false;
	uint8_t *bm;

	if ((uint64_t)n * ND_BTT_MAP_ENT_SIZE > m->map_len || !m->map) {
		note(rep, ND_BTT_TRUNCATED, m->arena, map_base, 0, m->map_len);
		return -EINVAL;
	}
	if ((uint64_t)info->nfree * ND_BTT_LOG_GRP_SIZE > m->flog_len ||
	    !m->flog) {
		note(rep, ND_BTT_TRUNCATED, m->arena, log_base, 0, m->flog_len);
		return -EINVAL;
	}
	bm = calloc((size_t)nint / 8 + 1, 1);
	if (!bm)
		return -ENOMEM;

	for (i = 0; i < n; i++) {
		uint32_t raw = le32_get((const uint8_t *)m->map +
				    (size_t)i * ND_BTT_MAP_ENT_SIZE);
		uint32_t post = nd_btt_map_postmap(raw, i);
		uint64_t where = map_base + (uint64_t)i * ND_BTT_MAP_ENT_SIZE;

		if (post >= nint) {
			note(rep, ND_BTT_MAP_OUT_OF_RANGE, m->arena, where, i,
			     raw);
			bad = true;
		} else if (test_and_set(bm, post)) {
			note(rep, ND_BTT_MAP_DUPLICATE, m->arena, where, i,
			     post);
			bad = true;
		}
	}

	if (nd_btt_flog_format(m->flog, m->flog_len, info->nfree, fmt)) {
		note(rep, ND_BTT_FLOG_PADDING, m->arena, log_base, 0, 0);
		free(bm);
		return -EINVAL;
	}
	for (i = 0; i < info->nfree; i++) {
		uint64_t where = log_base + (uint64_t)i * ND_BTT_LOG_GRP_SIZE;
		const struct nd_btt_log_entry *e;
		uint32_t old, new, raw, cur;

		if (nd_btt_flog_lane(m->flog, m->flog_len, fmt, i, &lane)) {
			note(rep, ND_BTT_FLOG_TORN, m->arena, where, i,
			     (uint64_t)lane.ent[0].seq << 32 | lane.ent[1].seq);
			bad = true;
			continue;
		}
		if (lane_first_empty(&lane)) {
			note(rep, ND_BTT_FLOG_TORN, m->arena, where, i,
			     (uint64_t)lane.ent[0].seq << 32 | lane.ent[1].seq);
			bad = true;
			continue;
		}
		e = &lane.ent[lane.newer];
		old = e->old_map & ND_BTT_MAP_LBA_MASK;
		new = e->new_map & ND_BTT_MAP_LBA_MASK;
		if (e->lba >= n || old >= nint || new >= nint) {
			note(rep, ND_BTT_FLOG_BAD_ENTRY, m->arena, where, i,
			     e->lba);
			bad = true;
			continue;
		}
		if (old != new) {
			raw = le32_get((const uint8_t *)m->map +
				   (size_t)e->lba * ND_BTT_MAP_ENT_SIZE);
			cur = nd_btt_map_postmap(raw, e->lba);
			if (cur == old) {
				/* the kernel will complete it: account so */
				note(rep, ND_BTT_FLOG_UNFINISHED, m->arena,
				     where, i, e->lba);
				clear_bit(bm, old);
				if (test_and_set(bm, new)) {
					note(rep, ND_BTT_MAP_DUPLICATE,
					     m->arena, where, e->lba, new);
					bad = true;
				}
			} else if (cur != new) {
				/*
				 * A later write of the same lba through
				 * another lane remapped it again: legal, the
				 * lane's free block is still old_map.
				 */
				note(rep, ND_BTT_FLOG_MAP_MISMATCH, m->arena,
				     where, i, cur);
			}
		}
		if (test_and_set(bm, old)) {
			note(rep, ND_BTT_FREE_DUPLICATE, m->arena, where, i,
			     old);
			bad = true;
		}
	}
	free(bm);
	return bad ? -EINVAL : 0;
}

int nd_btt_arena_check(const struct nd_btt_arena_meta *m,
		       struct nd_btt_arena *out, struct nd_btt_report *rep)
{
	struct nd_btt_arena local, *a = out ? out : &local;
	struct nd_btt_report quiet;
	struct nd_btt_info backup;
	bool bad = false, use_backup = false;
	int rc;

	memset(a, 0, sizeof(*a));
	a->base = m->base;
	a->flog.slot[1] = 1;
	rc = nd_btt_info_parse(m->info, m->info_len, &a->info, m->arena,
			       m->base, rep);
	if (rc)
		bad = true;

	if (m->info2) {
		uint64_t where = m->base + a->info.info2off;

		memset(&quiet, 0, sizeof(quiet));
		if (nd_btt_info_parse(m->info2, m->info2_len, &backup,
				      m->arena, where, &quiet)) {
			note(rep, ND_BTT_BACKUP_BAD, m->arena, where, 0,
			     quiet.first.issue);
			bad = true;
		} else if (rc) {
			/* primary lost: the backup describes the arena */
			a->info = backup;
			use_backup = true;
		} else if (m->info_len < ND_BTT_INFO_SIZE ||
			   m->info2_len < ND_BTT_INFO_SIZE ||
			   memcmp(m->info, m->info2, ND_BTT_INFO_SIZE)) {
			note(rep, ND_BTT_BACKUP_MISMATCH, m->arena, where, 0, 0);
			bad = true;
		}
	}
	if (rc && !use_backup)
		return -EINVAL;

	a->size = nd_btt_arena_size(&a->info);
	if (m->parent_uuid && !is_null_uuid(a->info.parent_uuid) &&
	    memcmp(a->info.parent_uuid, m->parent_uuid, ND_BTT_UUID_LEN)) {
		note(rep, ND_BTT_BAD_UUID, m->arena, m->base, 0, 0);
		bad = true;
	}
	rc = check_map_flog(m, &a->info, &a->flog, rep);
	if (rc == -ENOMEM)
		return rc;
	return bad || rc ? -EINVAL : 0;
}

int nd_btt_packed_check(const void *buf, size_t len,
			struct nd_btt_arena *out, struct nd_btt_report *rep)
{
	const uint8_t *p = buf;
	struct nd_btt_report quiet;
	struct nd_btt_info info;
	struct nd_btt_arena_meta m;
	uint64_t logsz;

	if (!buf || len < 2 * ND_BTT_INFO_SIZE) {
		note(rep, ND_BTT_TRUNCATED, 0, 0, 0, len);
		return -EINVAL;
	}
	/* nfree from whichever info block is valid, to find the map */
	memset(&quiet, 0, sizeof(quiet));
	if (nd_btt_info_parse(p, len, &info, 0, 0, &quiet)) {
		memset(&quiet, 0, sizeof(quiet));
		nd_btt_info_parse(p + ND_BTT_INFO_SIZE,
				  len - ND_BTT_INFO_SIZE, &info, 0, 0, &quiet);
	}
	logsz = (uint64_t)info.nfree * ND_BTT_LOG_GRP_SIZE;
	if (logsz > len - 2 * ND_BTT_INFO_SIZE)
		logsz = len - 2 * ND_BTT_INFO_SIZE;

	memset(&m, 0, sizeof(m));
	m.info = p;
	m.info_len = ND_BTT_INFO_SIZE;
	m.info2 = p + ND_BTT_INFO_SIZE;
	m.info2_len = ND_BTT_INFO_SIZE;
	m.flog = p + 2 * ND_BTT_INFO_SIZE;
	m.flog_len = (size_t)logsz;
	m.map = m.flog + logsz;
	m.map_len = len - 2 * ND_BTT_INFO_SIZE - (size_t)logsz;
	return nd_btt_arena_check(&m, out, rep);
}

int nd_btt_image_check(const void *buf, size_t len,
		       const uint8_t *parent_uuid,
		       struct nd_btt_layout *layout,
		       struct nd_btt_report *rep)
{
	const uint8_t *p = buf;
	struct nd_btt_layout local, *l = layout ? layout : &local;
	struct nd_btt_arena a;
	uint64_t base;
	bool bad = false;
	uint32_t n;

	memset(l, 0, sizeof(*l));
	if (buf && len >= ND_BTT_INFO_SIZE &&
	    !memcmp(p, btt_sig, ND_BTT_SIG_LEN))
		l->start = 0;
	else if (buf && len >= ND_BTT_V1_OFFSET + ND_BTT_INFO_SIZE &&
		 !memcmp(p + ND_BTT_V1_OFFSET, btt_sig, ND_BTT_SIG_LEN))
		l->start = ND_BTT_V1_OFFSET;
	else {
		note(rep, ND_BTT_NO_SIGNATURE, 0, 0, 0, 0);
		return -ENODATA;
	}

	base = l->start;
	for (n = 0; n < ND_BTT_MAX_ARENAS; n++) {
		struct nd_btt_arena_meta m;
		struct nd_btt_info info;
		struct nd_btt_report quiet;
		uint64_t room = len - base;
		int rc;

		/* geometry first, quietly: nd_btt_arena_check reports */
		memset(&quiet, 0, sizeof(quiet));
		if (nd_btt_info_parse(p + base, (size_t)room, &info, n, base,
				      &quiet) ||
		    info.info2off > room - ND_BTT_INFO_SIZE) {
			/* reports the info block's own problems, if any */
			nd_btt_info_parse(p + base, (size_t)room, &info, n,
					  base, rep);
			if (!quiet.errors)
				note(rep, ND_BTT_TRUNCATED, n, base, 0,
				     info.info2off);
			return -EINVAL;
		}

		memset(&m, 0, sizeof(m));
		m.info = p + base;
		m.info_len = ND_BTT_INFO_SIZE;
		m.info2 = p + base + info.info2off;
		m.info2_len = ND_BTT_INFO_SIZE;
		m.map = p + base + info.mapoff;
		m.map_len = (size_t)(info.logoff - info.mapoff);
		m.flog = p + base + info.logoff;
		m.flog_len = (size_t)(info.info2off - info.logoff);
		m.arena = n;
		m.base = base;
		m.parent_uuid = parent_uuid;
		rc = nd_btt_arena_check(&m, &a, rep);
		if (rc == -ENOMEM)
			return rc;
		if (rc)
			bad = true;
		if (n == 0) {
			l->first = a;
		} else if (memcmp(a.info.uuid, l->first.info.uuid,
				  ND_BTT_UUID_LEN) ||
			   memcmp(a.info.parent_uuid,
				  l->first.info.parent_uuid,
				  ND_BTT_UUID_LEN)) {
			note(rep, ND_BTT_BAD_UUID, n, base, 0, 0);
			bad = true;
		}
		l->narena = n + 1;
		l->external_nlba += a.info.external_nlba;
		if (!info.nextoff)
			return bad ? -EINVAL : 0;
		/* nextoff >= this arena's size (checked): strictly forward */
		if (info.nextoff > room ||
		    room - info.nextoff < ND_BTT_INFO_SIZE) {
			note(rep, ND_BTT_BAD_NEXTOFF, n, base, 0, info.nextoff);
			return -EINVAL;
		}
		base += info.nextoff;
	}
	note(rep, ND_BTT_BAD_NEXTOFF, n, base, 0, 0);
	return -EINVAL;
}

/* ---- repair ---- */

static const char *const fix_text[] = {
	[ND_BTT_FIX_INFO] = "primary info block restored from the backup",
	[ND_BTT_FIX_INFO2] = "backup info block restored from the primary",
	[ND_BTT_FIX_PADDING] = "flog padding cleared",
	[ND_BTT_FIX_UNFINISHED] = "interrupted write completed in the map",
	[ND_BTT_FIX_MAP] = "map entry set to the one unreferenced block",
	[ND_BTT_FIX_LANE] = "flog lane rebuilt around an unreferenced block",
	[ND_BTT_FIX_LOG_FORMAT] = "flog lane rewritten in the current format",
	[ND_BTT_FIX_REFUSED] = "not repaired",
};

const char *nd_btt_fix_str(enum nd_btt_fix_kind kind)
{
	if ((unsigned int)kind > ND_BTT_FIX_REFUSED)
		return "unknown change";
	return fix_text[kind];
}

static void fixed(struct nd_btt_fixes *fx, enum nd_btt_fix_kind kind,
		  uint32_t arena, uint64_t offset, const void *data,
		  size_t len, uint64_t index, uint64_t old, uint64_t new)
{
	struct nd_btt_fix f = {
		.kind = kind, .arena = arena, .offset = offset, .data = data,
		.len = len, .index = index, .old = old, .new = new,
	};

	if (!fx)
		return;
	fx->made++;
	if (fx->fn)
		fx->fn(fx->ctx, &f);
}

static void refused(struct nd_btt_fixes *fx, uint32_t arena, uint64_t offset,
		    uint64_t index, uint64_t value, const char *why)
{
	struct nd_btt_fix f = {
		.kind = ND_BTT_FIX_REFUSED, .arena = arena, .offset = offset,
		.index = index, .old = value, .why = why,
	};

	if (!fx)
		return;
	fx->refused++;
	if (fx->fn)
		fx->fn(fx->ctx, &f);
}

uint64_t nd_btt_backup_offset(uint64_t size, uint64_t base)
{
	uint64_t room;

	if (base >= size || size - base < 2 * ND_BTT_INFO_SIZE)
		return 0;
	room = size - base;
	if (room > ND_BTT_MAX_ARENA_SIZE)
		room = ND_BTT_MAX_ARENA_SIZE;
	room -= room % ND_BTT_INFO_SIZE;
	return base + room - ND_BTT_INFO_SIZE;
}

int nd_btt_info_repair(void *info, void *info2, uint32_t arena,
		       uint64_t base, uint64_t info2_at, bool first,
		       struct nd_btt_fixes *fx)
{
	struct nd_btt_report quiet;
	struct nd_btt_info a, b;
	bool ok1, ok2;

	memset(&quiet, 0, sizeof(quiet));
	ok1 = info && !nd_btt_info_parse(info, ND_BTT_INFO_SIZE, &a, arena,
					 base, &quiet);
	memset(&quiet, 0, sizeof(quiet));
	ok2 = info2 && !nd_btt_info_parse(info2, ND_BTT_INFO_SIZE, &b, arena,
					  info2_at, &quiet);
	/* a backup only vouches for the place it says it lives at ... */
	if (ok2 && (info2_at < base || b.info2off != info2_at - base))
		ok2 = false;
	/* ... and, for the first arena, for the version found there */
	if (ok2 && first &&
	    !((base == ND_BTT_V1_OFFSET && b.version_major == 1 &&
	       b.version_minor == 1) ||
	      (base == 0 && b.version_major == 2 && b.version_minor == 0)))
		ok2 = false;

	if (ok1 && ok2 && !memcmp(info, info2, ND_BTT_INFO_SIZE))
		return 0;
	if (ok1) {
		if (!info2) {
			refused(fx, arena, info2_at, 0, 0,
				"the backup info block could not be read");
			return -EINVAL;
		}
		memcpy(info2, info, ND_BTT_INFO_SIZE);
		fixed(fx, ND_BTT_FIX_INFO2, arena, info2_at, info2,
		      ND_BTT_INFO_SIZE, 0, 0, 0);
		return 0;
	}
	if (ok2 && info) {
		memcpy(info, info2, ND_BTT_INFO_SIZE);
		fixed(fx, ND_BTT_FIX_INFO, arena, base, info,
		      ND_BTT_INFO_SIZE, 0, 0, 0);
		return 0;
	}
	refused(fx, arena, base, 0, 0,
		"neither the info block nor its backup is valid");
	return -EINVAL;
}

static void put_entry(uint8_t *e, uint32_t lba, uint32_t old, uint32_t new,
		      uint32_t seq)
{
	le32_put(e + LE_LBA, lba);
	le32_put(e + LE_OLD, old);
	le32_put(e + LE_NEW, new);
	le32_put(e + LE_SEQ, seq);
}

/* the lane's free block, or -1 when the lane is damaged */
static int64_t lane_free(const uint8_t *flog, size_t len,
			 const struct nd_btt_flog_format *fmt, uint32_t lane,
			 uint32_t n, uint32_t nint, struct nd_btt_lane *l)
{
	const struct nd_btt_log_entry *e;
	uint32_t old, new;

	if (nd_btt_flog_lane(flog, len, fmt, lane, l) || lane_first_empty(l))
		return -1;
	e = &l->ent[l->newer];
	old = e->old_map & ND_BTT_MAP_LBA_MASK;
	new = e->new_map & ND_BTT_MAP_LBA_MASK;
	if (e->lba >= n || old >= nint || new >= nint)
		return -1;
	return old;
}

int nd_btt_arena_repair(const struct nd_btt_info *info, void *mapv,
			size_t map_len, void *flogv, size_t flog_len,
			uint32_t arena, uint64_t base, unsigned int flags,
			struct nd_btt_fixes *fx)
{
	uint8_t *map = mapv, *flog = flogv, *ref = NULL, *held = NULL,
		*badlane = NULL;
	const uint32_t n = info->external_nlba, nint = info->internal_nlba,
		       nfree = info->nfree;
	const uint64_t map_base = base + info->mapoff,
		       log_base = base + info->logoff;
	struct nd_btt_flog_format fmt = { { 0, 1 } };
	uint32_t i, s, used1 = 0, used2 = 0, badmap = 0, nbadmap = 0,
		       nbadlane = 0, ndup = 0, norphan = 0, ln;
	struct nd_btt_lane l;
	int rc = 0;

	if (!map || !flog || !nfree || !n || (uint64_t)n + nfree != nint ||
	    nint - 1 > ND_BTT_MAP_LBA_MASK ||
	    (uint64_t)n * ND_BTT_MAP_ENT_SIZE > map_len ||
	    (uint64_t)nfree * ND_BTT_LOG_GRP_SIZE > flog_len) {
		refused(fx, arena, map_base, 0, 0,
			"the map or flog does not match the info block");
		return -EINVAL;
	}

	/* the layout most lanes use; padding that contradicts it goes */
	for (i = 0; i < nfree; i++) {
		const uint8_t *g = flog + (size_t)i * ND_BTT_LOG_GRP_SIZE;

		used1 += !slot_is_zero(g + ND_BTT_LOG_ENT_SIZE);
		used2 += !slot_is_zero(g + 2 * ND_BTT_LOG_ENT_SIZE);
	}
	if (used2 > used1)
		fmt.slot[1] = 2;
	for (i = 0; i < nfree; i++) {
		uint8_t *g = flog + (size_t)i * ND_BTT_LOG_GRP_SIZE;
		bool changed = false;

		for (s = 1; s < 4; s++) {
			uint8_t *slot = g + (size_t)s * ND_BTT_LOG_ENT_SIZE;

			if ((int)s == fmt.slot[1] || slot_is_zero(slot))
				continue;
			memset(slot, 0, ND_BTT_LOG_ENT_SIZE);
			changed = true;
		}
		if (changed)
			fixed(fx, ND_BTT_FIX_PADDING, arena,
			      log_base + (uint64_t)i * ND_BTT_LOG_GRP_SIZE, g,
			      ND_BTT_LOG_GRP_SIZE, i, 0, 0);
	}

	ref = calloc((size_t)nint / 8 + 1, 1);
	held = calloc((size_t)nint / 8 + 1, 1);
	badlane = calloc(nfree, 1);
	if (!ref || !held || !badlane) {
		rc = -ENOMEM;
		goto out;
	}

	/* interrupted writes first: the kernel completes them on load */
	for (i = 0; i < nfree; i++) {
		const struct nd_btt_log_entry *e;
		uint32_t raw, new;
		uint8_t *m;

		if (lane_free(flog, flog_len, &fmt, i, n, nint, &l) < 0) {
			badlane[i] = 1;
			nbadlane++;
			continue;
		}
		e = &l.ent[l.newer];
		new = e->new_map & ND_BTT_MAP_LBA_MASK;
		m = map + (size_t)e->lba * ND_BTT_MAP_ENT_SIZE;
		raw = le32_get(m);
		if ((e->old_map & ND_BTT_MAP_LBA_MASK) == new ||
		    nd_btt_map_postmap(raw, e->lba) !=
			    (e->old_map & ND_BTT_MAP_LBA_MASK))
			continue;
		le32_put(m, new | ND_BTT_MAP_E_FLAG | ND_BTT_MAP_Z_FLAG);
		fixed(fx, ND_BTT_FIX_UNFINISHED, arena,
		      map_base + (uint64_t)e->lba * ND_BTT_MAP_ENT_SIZE, m,
		      ND_BTT_MAP_ENT_SIZE, e->lba, raw, le32_get(m));
	}

	/* every internal block: mapped once, or one lane's free block */
	for (i = 0; i < n; i++) {
		uint32_t post = nd_btt_map_postmap(
			le32_get(map + (size_t)i * ND_BTT_MAP_ENT_SIZE), i);

		if (post >= nint) {
			badmap = i;
			nbadmap++;
		} else if (test_and_set(ref, post)) {
			ndup++;
		}
	}
	for (i = 0; i < nfree; i++) {
		int64_t f;

		if (badlane[i])
			continue;
		f = lane_free(flog, flog_len, &fmt, i, n, nint, &l);
		if (!test_and_set(ref, (uint32_t)f)) {
			test_and_set(held, (uint32_t)f);
		} else if (held[f >> 3] & (1u << (f & 7))) {
			/* two lanes, two free blocks: either may move */
			badlane[i] = 1;
			nbadlane++;
		} else {
			ndup++;
		}
	}
	for (i = 0; i < nint; i++)
		if (!(ref[i >> 3] & (1u << (i & 7))))
			norphan++;

	if (ndup) {
		refused(fx, arena, map_base, 0, ndup,
			"internal blocks referenced twice by the map (or by the map and the flog): either reference may be the damaged one");
		rc = -EINVAL;
	} else if (nbadmap && (nbadmap > 1 || nbadlane || norphan != 1)) {
		refused(fx, arena, map_base + (uint64_t)badmap * 4, badmap,
			nbadmap,
			"more than one map entry or flog lane lost its block: which block belongs to which is ambiguous");
		rc = -EINVAL;
	} else if (norphan != nbadmap + nbadlane) {
		refused(fx, arena, log_base, 0, norphan,
			"the unreferenced blocks do not add up");
		rc = -EINVAL;
	} else {
		ln = 0;
		for (i = 0; i < nint && (nbadmap || nbadlane); i++) {
			uint8_t *p;

			if (ref[i >> 3] & (1u << (i & 7)))
				continue;
			if (nbadmap) {
				uint32_t was;

				p = map + (size_t)badmap * ND_BTT_MAP_ENT_SIZE;
				was = le32_get(p);
				/* the initial state when it maps to itself */
				le32_put(p, i == badmap ? 0 : i | ND_BTT_MAP_E_FLAG |
				     ND_BTT_MAP_Z_FLAG);
				fixed(fx, ND_BTT_FIX_MAP, arena,
				      map_base + (uint64_t)badmap * 4, p,
				      ND_BTT_MAP_ENT_SIZE, badmap, was, le32_get(p));
				nbadmap = 0;
				continue;
			}
			while (!badlane[ln]) /* next damaged lane */
				ln++;
			p = flog + (size_t)ln * ND_BTT_LOG_GRP_SIZE;
			memset(p, 0, ND_BTT_LOG_GRP_SIZE);
			put_entry(p + (size_t)fmt.slot[0] * ND_BTT_LOG_ENT_SIZE,
				  ln < n ? ln : 0, i, i, 1);
			fixed(fx, ND_BTT_FIX_LANE, arena,
			      log_base + (uint64_t)ln * ND_BTT_LOG_GRP_SIZE,
			      p, ND_BTT_LOG_GRP_SIZE, ln, 0, i);
			badlane[ln++] = 0;
			nbadlane--;
		}
	}

	if (!rc && (flags & ND_BTT_REPAIR_REWRITE_LOG) && fmt.slot[1] == 2) {
		for (i = 0; i < nfree; i++) {
			uint8_t *g = flog + (size_t)i * ND_BTT_LOG_GRP_SIZE;

			if (slot_is_zero(g + 2 * ND_BTT_LOG_ENT_SIZE))
				continue;
			memcpy(g + ND_BTT_LOG_ENT_SIZE,
			       g + 2 * ND_BTT_LOG_ENT_SIZE, ND_BTT_LOG_ENT_SIZE);
			memset(g + 2 * ND_BTT_LOG_ENT_SIZE, 0,
			       ND_BTT_LOG_ENT_SIZE);
			fixed(fx, ND_BTT_FIX_LOG_FORMAT, arena,
			      log_base + (uint64_t)i * ND_BTT_LOG_GRP_SIZE, g,
			      ND_BTT_LOG_GRP_SIZE, i, 0, 0);
		}
	}
out:
	free(ref);
	free(held);
	free(badlane);
	return rc;
}
