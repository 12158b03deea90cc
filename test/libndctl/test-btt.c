// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the BTT codec (lib/ndctl/btt.c).  Usage:
 *   test-btt SEED-DIR          decode the kernel-written seeds in SEED-DIR,
 *                              corrupt them one way at a time, plus images
 *                              built here
 *   test-btt --replay FILE...  run each file through every parser
 *                              (fuzzer seeds and regression inputs)
 *   test-btt --make-image FILE write the small two-arena image seed
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btt-exercise.h"

/* geometry the kernel chose for the seed (32 MiB namespace, 4K sectors) */
#define SEED_BTT_INTERNAL_NLBA 8176
#define SEED_BTT_MAPOFF 33497088ull
#define SEED_BTT_LOGOFF 33529856ull
#define SEED_BTT_INFO2OFF 33546240ull
/* the btt uuid create-namespace printed, and the namespace uuid */
static const uint8_t seed_btt_uuid[16] = {
	0xdc, 0x7f, 0x71, 0x66, 0xc9, 0xf0, 0x4f, 0x5e,
	0xbd, 0x13, 0x76, 0x2b, 0xbb, 0x39, 0x60, 0x09,
};
static const uint8_t seed_ns_uuid[16] = {
	0xc7, 0xdd, 0x7f, 0x88, 0x64, 0xb7, 0x49, 0xcb,
	0xa7, 0xb4, 0x2f, 0xf1, 0xd6, 0x3c, 0x1c, 0x42,
};
#include "lib/ndctl/btt.h"
#include "btt-layout.h"

#include "expect.h"

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint8_t *load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void report_print(void *ctx, const struct nd_btt_finding *f)
{
	if (ctx)
		fprintf(stderr, "  arena %u @%#llx [%llu]: %s (%#llx)\n",
			f->arena, (unsigned long long)f->offset,
			(unsigned long long)f->index, nd_btt_issue_str(f->issue),
			(unsigned long long)f->value);
}

/* packed check of @buf; the report comes back in *rep */
static int packed(const uint8_t *buf, size_t len, struct nd_btt_report *rep,
		  struct nd_btt_arena *a)
{
	memset(rep, 0, sizeof(*rep));
	rep->fn = report_print;
	rep->ctx = getenv("TEST_BTT_VERBOSE");
	return nd_btt_packed_check(buf, len, a, rep);
}

/* re-checksum the info block at @p after an edit */
static void reseal(uint8_t *p)
{
	uint64_t c = nd_btt_info_checksum(p, ND_BTT_INFO_SIZE);

	put32(p + 4088, (uint32_t)c);
	put32(p + 4092, (uint32_t)(c >> 32));
}

/*
 * Lay out one arena of @size bytes at @buf the way the kernel creates it
 * (info, data, map, flog, backup; initial map and flog).
 */
static void make_arena_n(uint8_t *buf, uint64_t size, uint32_t lbasize,
			 uint64_t nextoff, uint16_t major, uint16_t minor,
			 uint32_t nfree)
{
	struct nd_btt_info in;
	uint32_t i;

	btt_kernel_layout(&in, size, lbasize, nfree);
	memset(in.uuid, 0x11, sizeof(in.uuid));
	memset(in.parent_uuid, 0x22, sizeof(in.parent_uuid));
	in.version_major = major;
	in.version_minor = minor;
	in.nextoff = nextoff;
	memset(buf, 0, size);
	for (i = 0; i < nfree; i++)
		btt_kernel_lane(buf + in.logoff + (size_t)i * 64, &in, i);
	nd_btt_info_build(buf, 4096, &in);
	nd_btt_info_build(buf + in.info2off, 4096, &in);
}

static void make_arena(uint8_t *buf, uint64_t size, uint32_t lbasize,
		       uint64_t nextoff, uint16_t major, uint16_t minor)
{
	make_arena_n(buf, size, lbasize, nextoff, major, minor, 256);
}

/* a small two-arena v1.1 image (4 lanes each) for the fuzzer's corpus */
static int make_image(const char *path)
{
	static uint8_t img[4096 + 2 * 24576];
	struct nd_btt_report rep;
	FILE *f;

	make_arena_n(img + 4096, 24576, 512, 24576, 1, 1, 4);
	make_arena_n(img + 4096 + 24576, 24576, 512, 0, 1, 1, 4);
	memset(&rep, 0, sizeof(rep));
	if (nd_btt_image_check(img, sizeof(img), NULL, NULL, &rep)) {
		fprintf(stderr, "built image invalid: %s\n",
			nd_btt_issue_str(rep.first.issue));
		return 1;
	}
	f = fopen(path, "wb");
	if (!f || fwrite(img, sizeof(img), 1, f) != 1)
		return 1;
	return fclose(f) ? 1 : 0;
}

static void test_checksum(void)
{
	uint8_t b[4096];

	memset(b, 0, sizeof(b));
	expect(nd_btt_info_checksum(b, sizeof(b)) == 0, "zero block");
	put32(b, 1);
	put32(b + 4, 2);
	/* lo: 1, 3, 3 ... (1022 words), hi: 1 + 3 * 1023 */
	expect(nd_btt_info_checksum(b, sizeof(b)) ==
		       ((uint64_t)(1 + 3 * 1023) << 32 | 3),
	       "%#llx", (unsigned long long)nd_btt_info_checksum(b, 4096));
	/* the checksum field itself does not count */
	put32(b + 4090, 0xffffffff);
	expect(nd_btt_info_checksum(b, sizeof(b)) ==
		       ((uint64_t)(1 + 3 * 1023) << 32 | 3), "field counted");
	expect(nd_btt_info_checksum(b, 4095) == 0, "short block summed");
}

static void test_flog_seq(void)
{
	static const struct {
		uint32_t a, b;
		int newer;
	} cases[] = {
		{ 1, 0, 0 }, { 0, 1, 1 }, { 1, 2, 1 }, { 2, 1, 0 },
		{ 2, 3, 1 }, { 3, 2, 0 }, { 3, 1, 1 }, { 1, 3, 0 },
		{ 0, 0, -1 }, { 2, 2, -1 }, { 4, 1, -1 }, { 1, 7, -1 },
	};
	struct nd_btt_flog_format fmt = { { 0, 1 } };
	struct nd_btt_lane lane;
	uint8_t g[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(g, 0, sizeof(g));
		put32(g + 12, cases[i].a);
		put32(g + 16 + 12, cases[i].b);
		nd_btt_flog_lane(g, sizeof(g), &fmt, 0, &lane);
		expect(lane.newer == cases[i].newer, "seq %u/%u: newer %d",
		       cases[i].a, cases[i].b, lane.newer);
	}
	expect(nd_btt_flog_lane(g, 63, &fmt, 0, &lane) == -ERANGE, "short");
	expect(nd_btt_flog_lane(g, 64, &fmt, 1, &lane) == -ERANGE, "lane 1");

	/* (0,2) layout, as written before Linux 4.15 */
	memset(g, 0, sizeof(g));
	put32(g + 12, 2);
	put32(g + 32 + 12, 1);
	expect(nd_btt_flog_format(g, 64, 1, &fmt) == 0 && fmt.slot[1] == 2,
	       "old layout not detected");
	nd_btt_flog_lane(g, 64, &fmt, 0, &lane);
	expect(lane.newer == 0, "old layout newer %d", lane.newer);
	put32(g + 16 + 12, 3); /* slots 1 and 2 both used */
	expect(nd_btt_flog_format(g, 64, 1, &fmt) == -EINVAL, "mixed layout");
}

static void test_map_flags(void)
{
	expect(nd_btt_map_postmap(0, 17) == 17, "initial = identity");
	expect(nd_btt_map_postmap(0xc0000005, 17) == 5, "normal");
	expect(nd_btt_map_postmap(0x40000005, 17) == 5, "error flag");
	expect(nd_btt_map_postmap(0x80000005, 17) == 5, "zero flag");
}

/* images of one and two arenas built here, then broken */
static void test_image(void)
{
	const uint64_t sz = 1 << 20;
	struct nd_btt_layout l;
	struct nd_btt_report rep;
	uint8_t *img = calloc(1, 4096 + 2 * sz);
	uint8_t parent[16];

	if (!img)
		abort();
	memset(parent, 0x22, sizeof(parent));
	make_arena(img + 4096, sz, 512, sz, 1, 1);
	make_arena(img + 4096 + sz, sz, 512, 0, 1, 1);
	memset(&rep, 0, sizeof(rep));
	expect(nd_btt_image_check(img, 4096 + 2 * sz, parent, &l, &rep) == 0,
	       "2 arenas: %s", nd_btt_issue_str(rep.first.issue));
	expect(l.narena == 2 && l.start == 4096, "narena %u start %llu",
	       l.narena, (unsigned long long)l.start);
	expect(l.external_nlba == 2 * (uint64_t)l.first.info.external_nlba,
	       "nlba %llu", (unsigned long long)l.external_nlba);

	/* wrong parent */
	parent[0] = 0;
	memset(&rep, 0, sizeof(rep));
	expect(nd_btt_image_check(img, 4096 + 2 * sz, parent, &l, &rep) ==
			       -EINVAL &&
		       rep.count[ND_BTT_BAD_UUID] == 2,
	       "parent uuid: %u", rep.count[ND_BTT_BAD_UUID]);

	/* image cut inside the second arena */
	memset(&rep, 0, sizeof(rep));
	expect(nd_btt_image_check(img, 4096 + sz + 8192, NULL, &l, &rep) ==
			       -EINVAL &&
		       rep.count[ND_BTT_TRUNCATED] == 1,
	       "cut image: %s", nd_btt_issue_str(rep.first.issue));

	/* nextoff past the end of the image */
	put32(img + 4096 + 80 + 4, 0x100);
	reseal(img + 4096);
	memcpy(img + 4096 + l.first.info.info2off, img + 4096, 4096);
	memset(&rep, 0, sizeof(rep));
	expect(nd_btt_image_check(img, 4096 + 2 * sz, NULL, &l, &rep) ==
			       -EINVAL &&
		       rep.count[ND_BTT_BAD_NEXTOFF] == 1,
	       "nextoff: %s", nd_btt_issue_str(rep.first.issue));

	/* nextoff into this arena (overlap) */
	put32(img + 4096 + 80, 4096);
	put32(img + 4096 + 84, 0);
	reseal(img + 4096);
	memset(&rep, 0, sizeof(rep));
	nd_btt_image_check(img, 4096 + 2 * sz, NULL, &l, &rep);
	expect(rep.count[ND_BTT_BAD_NEXTOFF] >= 1, "overlap: %s",
	       nd_btt_issue_str(rep.first.issue));

	/* version 2.0 at 0, version 1.1 at 0 is refused */
	make_arena(img, sz, 520, 0, 2, 0);
	memset(&rep, 0, sizeof(rep));
	expect(nd_btt_image_check(img, sz, NULL, &l, &rep) == 0 &&
		       l.start == 0 && l.narena == 1,
	       "v2.0: %s", nd_btt_issue_str(rep.first.issue));

	/* nothing there */
	memset(img, 0, 3 * 4096);
	memset(&rep, 0, sizeof(rep));
	expect(nd_btt_image_check(img, sz, NULL, &l, &rep) == -ENODATA &&
		       rep.count[ND_BTT_NO_SIGNATURE] == 1,
	       "zeroed");
	expect(nd_btt_image_check(img, 10, NULL, &l, &rep) == -ENODATA,
	       "tiny");
	free(img);
}

/* crafted info blocks: each field out of line is named */
static void test_info_fields(void)
{
	static const struct {
		size_t off;
		uint32_t v;
		enum nd_btt_issue want;
	} cases[] = {
		{ 52, 0x00010003, ND_BTT_BAD_VERSION },  /* 3.1 */
		{ 76, 512, ND_BTT_BAD_INFOSIZE },
		{ 56, 100, ND_BTT_BAD_LBASIZE },         /* external < 512 */
		{ 64, 1 << 20, ND_BTT_BAD_LBASIZE },     /* internal absurd */
		{ 72, 0, ND_BTT_BAD_NFREE },
		{ 72, 0xffffffff, ND_BTT_BAD_NFREE },
		{ 60, 0xffffff, ND_BTT_BAD_NLBA },       /* external_nlba */
		{ 88, 0, ND_BTT_BAD_OFFSETS },           /* dataoff 0 */
		{ 100, 0x10, ND_BTT_BAD_OFFSETS },       /* mapoff huge */
		{ 116, 0xffffffff, ND_BTT_BAD_OFFSETS }, /* info2off wraps */
	};
	struct nd_btt_report rep;
	struct nd_btt_info info;
	uint8_t *a = malloc(1 << 20), blk[4096];
	size_t i;

	if (!a)
		abort();
	make_arena(a, 1 << 20, 512, 0, 1, 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(blk, a, sizeof(blk));
		put32(blk + cases[i].off, cases[i].v);
		reseal(blk);
		memset(&rep, 0, sizeof(rep));
		expect(nd_btt_info_parse(blk, sizeof(blk), &info, 0, 0,
					 &rep) == -EINVAL &&
			       rep.count[cases[i].want] >= 1,
		       "field @%zu: want '%s', first '%s'", cases[i].off,
		       nd_btt_issue_str(cases[i].want),
		       nd_btt_issue_str(rep.first.issue));
	}
	memset(&rep, 0, sizeof(rep));
	memset(blk, 0, sizeof(blk));
	expect(nd_btt_info_parse(blk, sizeof(blk), &info, 0, 0, &rep) &&
		       rep.count[ND_BTT_NO_SIGNATURE], "zero block");
	memset(&rep, 0, sizeof(rep));
	expect(nd_btt_info_parse(a, 4095, &info, 0, 0, &rep) &&
		       rep.count[ND_BTT_TRUNCATED], "truncated");
	/* the error flag is a warning only */
	memcpy(blk, a, sizeof(blk));
	put32(blk + 48, ND_BTT_FLAG_ERROR);
	reseal(blk);
	memset(&rep, 0, sizeof(rep));
	expect(nd_btt_info_parse(blk, sizeof(blk), &info, 0, 0, &rep) == 0 &&
		       rep.warnings == 1 && rep.count[ND_BTT_ERROR_FLAG] == 1,
	       "error flag");
	free(a);
}

/* the kernel-written packed seed: decode, then break it one way at a time */
struct seed {
	uint8_t *buf;
	size_t len;
	struct nd_btt_arena a;
	uint8_t *flog, *map;
};

static int corrupt_and_check(const struct seed *s,
			     void (*edit)(uint8_t *buf, const struct seed *s),
			     struct nd_btt_report *rep)
{
	uint8_t *copy = malloc(s->len);
	int rc;

	if (!copy)
		abort();
	memcpy(copy, s->buf, s->len);
	edit(copy, s);
	rc = packed(copy, s->len, rep, NULL);
	free(copy);
	return rc;
}

static void ed_sig(uint8_t *b, const struct seed *s)
{
	(void)s;
	b[3] ^= 0x20;
}

static void ed_csum(uint8_t *b, const struct seed *s)
{
	(void)s;
	b[2000] ^= 1; /* padding: only the checksum notices */
}

static void ed_backup_differs(uint8_t *b, const struct seed *s)
{
	(void)s;
	b[4096 + 48] = 0; /* flags: still zero ... */
	b[4096 + 2000] = 1; /* ... but the padding differs, resealed */
	reseal(b + 4096);
}

static void ed_backup_bad(uint8_t *b, const struct seed *s)
{
	(void)s;
	b[4096 + 4088] ^= 0xff;
}

static uint8_t *map_of(uint8_t *b, const struct seed *s)
{
	return b + (s->map - s->buf);
}

static uint8_t *flog_of(uint8_t *b, const struct seed *s)
{
	return b + (s->flog - s->buf);
}

static void ed_map_range(uint8_t *b, const struct seed *s)
{
	put32(map_of(b, s) + 4 * 5, 0xc0000000 | (s->a.info.internal_nlba + 9));
}

static void ed_map_dup(uint8_t *b, const struct seed *s)
{
	/* premap 2 also pointing at premap 3's block */
	uint32_t raw3 = get32(map_of(b, s) + 12);

	put32(map_of(b, s) + 8,
	      0xc0000000 | nd_btt_map_postmap(raw3, 3));
}

static void ed_flog_torn(uint8_t *b, const struct seed *s)
{
	uint8_t *g = flog_of(b, s) + 64 * 7;

	/* both entries of lane 7 claiming the same sequence number */
	put32(g + 12, 2);
	put32(g + 16 * s->a.flog.slot[1] + 12, 2);
}

static void ed_flog_range(uint8_t *b, const struct seed *s)
{
	struct nd_btt_lane lane;
	uint8_t *g = flog_of(b, s) + 64 * 9;

	nd_btt_flog_lane(g, 64, &s->a.flog, 0, &lane);
	/* the newer entry's lba past external nlba */
	put32(g + 16 * s->a.flog.slot[lane.newer], 0x7fffffff);
}

/* a lane whose newer entry moved a block (old != new), or -1 */
static int moved_lane(const struct seed *s, struct nd_btt_log_entry *e)
{
	struct nd_btt_lane lane;
	uint32_t i;

	for (i = 0; i < s->a.info.nfree; i++) {
		if (nd_btt_flog_lane(s->flog, 64 * s->a.info.nfree,
				     &s->a.flog, i, &lane))
			continue;
		*e = lane.ent[lane.newer];
		if ((e->old_map ^ e->new_map) & ND_BTT_MAP_LBA_MASK)
			return (int)i;
	}
	return -1;
}

static void ed_unfinished(uint8_t *b, const struct seed *s)
{
	struct nd_btt_log_entry e;

	if (moved_lane(s, &e) < 0)
		abort();
	/* as if the map update after the flog write never happened */
	put32(map_of(b, s) + 4 * e.lba,
	      0xc0000000 | (e.old_map & ND_BTT_MAP_LBA_MASK));
}

static void ed_flog_mismatch(uint8_t *b, const struct seed *s)
{
	struct nd_btt_log_entry e;

	if (moved_lane(s, &e) < 0)
		abort();
	/* the map at lba holds some third block: swap with premap lba^1 */
	{
		uint8_t *m = map_of(b, s);
		uint32_t other = e.lba ^ 1;
		uint32_t a = nd_btt_map_postmap(get32(m + 4 * e.lba), e.lba);
		uint32_t o = nd_btt_map_postmap(get32(m + 4 * other), other);

		put32(m + 4 * e.lba, 0xc0000000 | o);
		put32(m + 4 * other, 0xc0000000 | a);
	}
}

static void ed_free_mapped(uint8_t *b, const struct seed *s)
{
	struct nd_btt_lane lane;
	uint32_t free_blk;

	nd_btt_flog_lane(s->flog, 64 * s->a.info.nfree, &s->a.flog, 11,
			 &lane);
	free_blk = lane.ent[lane.newer].old_map & ND_BTT_MAP_LBA_MASK;
	/* premap 1 now maps lane 11's free block (its own block unmapped) */
	put32(map_of(b, s) + 4, 0xc0000000 | free_blk);
}

/* ---- repair ---- */

struct fixlog {
	unsigned int kinds[ND_BTT_FIX_REFUSED + 1];
};

static void fix_count(void *ctx, const struct nd_btt_fix *f)
{
	struct fixlog *fl = ctx;

	if ((unsigned int)f->kind <= ND_BTT_FIX_REFUSED)
		fl->kinds[f->kind]++;
	if (getenv("TEST_BTT_VERBOSE"))
		fprintf(stderr, "  fix arena %u @%#llx [%llu]: %s%s%s\n",
			f->arena, (unsigned long long)f->offset,
			(unsigned long long)f->index, nd_btt_fix_str(f->kind),
			f->why ? ": " : "", f->why ? f->why : "");
}

/* repair the map and flog of a packed copy; 0/-EINVAL as the function */
static int packed_repair(uint8_t *b, const struct seed *s, unsigned int flags,
			 struct fixlog *fl, struct nd_btt_fixes *fx)
{
	memset(fl, 0, sizeof(*fl));
	memset(fx, 0, sizeof(*fx));
	fx->fn = fix_count;
	fx->ctx = fl;
	return nd_btt_arena_repair(&s->a.info, map_of(b, s),
				   s->len - (size_t)(s->map - s->buf),
				   flog_of(b, s), 64 * s->a.info.nfree, 0, 0,
				   flags, fx);
}

static void ed_flog_zero_first(uint8_t *b, const struct seed *s)
{
	struct nd_btt_log_entry e;
	int i = moved_lane(s, &e);

	if (i < 0)
		abort();
	/* dd if=/dev/zero over the first entry of a written lane */
	memset(flog_of(b, s) + 64 * i, 0, 16);
}

static void ed_padding(uint8_t *b, const struct seed *s)
{
	memset(flog_of(b, s) + 64 * 20 + 48, 0xa5, 16);
}

static void ed_two_lanes_one_block(uint8_t *b, const struct seed *s)
{
	/* untouched lanes 200 and 201: 201 claims 200's free block */
	memcpy(flog_of(b, s) + 64 * 201, flog_of(b, s) + 64 * 200, 16);
	put32(flog_of(b, s) + 64 * 201, 201);
}

static void test_repair_info(const struct seed *s)
{
	uint8_t info[4096], info2[4096];
	struct nd_btt_fixes fx;
	struct fixlog fl;

	expect(nd_btt_backup_offset(32 << 20, 4096) ==
		       4096 + SEED_BTT_INFO2OFF,
	       "backup of the seed at %#llx",
	       (unsigned long long)nd_btt_backup_offset(32 << 20, 4096));
	expect(nd_btt_backup_offset((1ull << 40) + 8192, 4096) ==
		       4096 + (1ull << 39) - 4096, "full-size arena");
	expect(nd_btt_backup_offset(8191, 0) == 0 &&
		       nd_btt_backup_offset(4096, 8192) == 0, "no room");
	expect(nd_btt_backup_offset((32 << 20) + 100, 0) ==
		       (32 << 20) - 4096, "size rounded down");

#define INFO_CASE(what, e1, e2, at, first, want_rc, want_kind)               \
	do {                                                                 \
		memcpy(info, s->buf, 4096);                                  \
		memcpy(info2, s->buf + 4096, 4096);                          \
		e1;                                                          \
		e2;                                                          \
		memset(&fl, 0, sizeof(fl));                                  \
		memset(&fx, 0, sizeof(fx));                                  \
		fx.fn = fix_count;                                           \
		fx.ctx = &fl;                                                \
		expect(nd_btt_info_repair(info, info2, 0, 4096, at, first,   \
					  &fx) == (want_rc) &&               \
			       fl.kinds[want_kind] == 1,                     \
		       "%s: made %u refused %u", what, fx.made, fx.refused); \
		if (!(want_rc))                                              \
			expect(!memcmp(info, s->buf, 4096) &&                \
				       !memcmp(info2, s->buf, 4096),         \
			       "%s: blocks not restored", what);             \
	} while (0)
	{
		uint64_t at = 4096 + SEED_BTT_INFO2OFF;

		INFO_CASE("primary signature", info[3] ^= 0x20, (void)0, at,
			  true, 0, ND_BTT_FIX_INFO);
		INFO_CASE("primary checksum", info[2000] ^= 1, (void)0, at,
			  true, 0, ND_BTT_FIX_INFO);
		INFO_CASE("primary zeroed", memset(info, 0, 4096), (void)0,
			  at, true, 0, ND_BTT_FIX_INFO);
		INFO_CASE("backup checksum", (void)0, info2[4088] ^= 0xff, at,
			  true, 0, ND_BTT_FIX_INFO2);
		INFO_CASE("backup differs", (void)0,
			  (info2[2000] = 1, reseal(info2)), at, true, 0,
			  ND_BTT_FIX_INFO2);
		INFO_CASE("both bad", info[3] ^= 0x20, info2[3] ^= 0x20, at,
			  true, -EINVAL, ND_BTT_FIX_REFUSED);
		/* a valid backup read from elsewhere does not vouch */
		INFO_CASE("backup elsewhere", info[3] ^= 0x20, (void)0,
			  at - 4096, true, -EINVAL, ND_BTT_FIX_REFUSED);
		/* a v1.1 backup cannot restore a first arena at 0 */
		memcpy(info, s->buf, 4096);
		info[0] = 0;
		memcpy(info2, s->buf + 4096, 4096);
		memset(&fx, 0, sizeof(fx));
		expect(nd_btt_info_repair(info, info2, 0, 0, at - 4096, true,
					  &fx) == -EINVAL && fx.refused == 1,
		       "v1.1 backup accepted for an arena at 0");
		/* no backup at hand */
		memset(&fx, 0, sizeof(fx));
		expect(nd_btt_info_repair(info, NULL, 0, 4096, at, true,
					  &fx) == -EINVAL, "NULL backup");
	}
#undef INFO_CASE
}

static void test_repair_arena(const struct seed *s)
{
	static const struct {
		const char *what;
		void (*edit)(uint8_t *, const struct seed *);
		int rc;
		enum nd_btt_fix_kind kind;
		bool restores; /* the metadata is the seed's again */
	} cases[] = {
		{ "map out of range", ed_map_range, 0, ND_BTT_FIX_MAP, true },
		{ "torn flog", ed_flog_torn, 0, ND_BTT_FIX_LANE, false },
		{ "flog entry out of range", ed_flog_range, 0, ND_BTT_FIX_LANE,
		  false },
		{ "first flog entry zeroed", ed_flog_zero_first, 0,
		  ND_BTT_FIX_LANE, false },
		{ "padding", ed_padding, 0, ND_BTT_FIX_PADDING, true },
		{ "two lanes one block", ed_two_lanes_one_block, 0,
		  ND_BTT_FIX_LANE, false },
		{ "unfinished write", ed_unfinished, 0, ND_BTT_FIX_UNFINISHED,
		  true },
		{ "duplicate mapping", ed_map_dup, -EINVAL, ND_BTT_FIX_REFUSED,
		  false },
		{ "free block mapped", ed_free_mapped, -EINVAL,
		  ND_BTT_FIX_REFUSED, false },
	};
	struct nd_btt_report rep;
	struct nd_btt_fixes fx;
	struct fixlog fl;
	uint8_t *b = malloc(s->len), *old;
	size_t i;

	if (!b)
		abort();
	memcpy(b, s->buf, s->len);
	expect(packed_repair(b, s, 0, &fl, &fx) == 0 && fx.made == 0 &&
		       !memcmp(b, s->buf, s->len),
	       "clean seed: made %u refused %u", fx.made, fx.refused);

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc;

		memcpy(b, s->buf, s->len);
		cases[i].edit(b, s);
		old = malloc(s->len);
		if (!old)
			abort();
		memcpy(old, b, s->len);
		rc = packed_repair(b, s, 0, &fl, &fx);
		expect(rc == cases[i].rc && fl.kinds[cases[i].kind] >= 1,
		       "%s: rc %d, made %u, refused %u", cases[i].what, rc,
		       fx.made, fx.refused);
		if (!cases[i].rc) {
			expect(packed(b, s->len, &rep, NULL) == 0 &&
				       !rep.errors &&
				       !rep.count[ND_BTT_FLOG_UNFINISHED],
			       "%s: after repair: %s", cases[i].what,
			       nd_btt_issue_str(rep.first.issue));
			/* the same blocks are free as before the damage */
			if (cases[i].restores)
				expect(!memcmp(b, s->buf, s->len),
				       "%s: not the original bytes",
				       cases[i].what);
		} else {
			expect(!memcmp(b, old, s->len),
			       "%s: refused but changed", cases[i].what);
		}
		free(old);
	}

	/* a rebuilt lane gets back the free block it had */
	{
		struct nd_btt_lane a, c;

		memcpy(b, s->buf, s->len);
		ed_flog_torn(b, s);
		packed_repair(b, s, 0, &fl, &fx);
		nd_btt_flog_lane(s->flog, 64 * 256, &s->a.flog, 7, &a);
		nd_btt_flog_lane(flog_of(b, s), 64 * 256, &s->a.flog, 7, &c);
		expect(c.newer >= 0 &&
			       c.ent[c.newer].old_map ==
				       (a.ent[a.newer].old_map &
					ND_BTT_MAP_LBA_MASK),
		       "lane 7 got another block");
	}

	/* two map entries out of range: which block is whose is unknown */
	memcpy(b, s->buf, s->len);
	ed_map_range(b, s);
	put32(map_of(b, s) + 4 * 6, 0xffffffff);
	expect(packed_repair(b, s, 0, &fl, &fx) == -EINVAL &&
		       fl.kinds[ND_BTT_FIX_REFUSED] == 1,
	       "two map entries: rc made %u", fx.made);

	/* the pre-4.15 layout (0,2) is rewritten to (0,1) on request */
	memcpy(b, s->buf, s->len);
	for (i = 0; i < 256; i++) {
		uint8_t *g = flog_of(b, s) + 64 * i;

		memcpy(g + 32, g + 16, 16);
		memset(g + 16, 0, 16);
	}
	expect(packed(b, s->len, &rep, NULL) == 0, "(0,2) layout: %s",
	       nd_btt_issue_str(rep.first.issue));
	expect(packed_repair(b, s, 0, &fl, &fx) == 0 && fx.made == 0,
	       "(0,2) without rewrite: made %u", fx.made);
	expect(packed_repair(b, s, ND_BTT_REPAIR_REWRITE_LOG, &fl, &fx) == 0 &&
		       fl.kinds[ND_BTT_FIX_LOG_FORMAT] >= 1 &&
		       !memcmp(b, s->buf, s->len),
	       "rewrite log: made %u", fx.made);

	/* pieces shorter than the info block says */
	memset(&fx, 0, sizeof(fx));
	expect(nd_btt_arena_repair(&s->a.info, map_of(b, s), 16, flog_of(b, s),
				   64 * 256, 0, 0, 0, &fx) == -EINVAL &&
		       fx.refused == 1,
	       "short map");
	expect(nd_btt_arena_repair(&s->a.info, map_of(b, s), s->len,
				   flog_of(b, s), 64, 0, 0, 0, NULL) == -EINVAL,
	       "short flog");
	free(b);
}

static void test_seed_btt(const char *dir)
{
	static const struct {
		const char *what;
		void (*edit)(uint8_t *, const struct seed *);
		enum nd_btt_issue want;
	} cases[] = {
		{ "bad signature", ed_sig, ND_BTT_NO_SIGNATURE },
		{ "bad checksum", ed_csum, ND_BTT_BAD_CHECKSUM },
		{ "backup differs", ed_backup_differs, ND_BTT_BACKUP_MISMATCH },
		{ "backup invalid", ed_backup_bad, ND_BTT_BACKUP_BAD },
		{ "map out of range", ed_map_range, ND_BTT_MAP_OUT_OF_RANGE },
		{ "duplicate mapping", ed_map_dup, ND_BTT_MAP_DUPLICATE },
		{ "torn flog", ed_flog_torn, ND_BTT_FLOG_TORN },
		{ "first flog entry zeroed", ed_flog_zero_first,
		  ND_BTT_FLOG_TORN },
		{ "flog entry out of range", ed_flog_range,
		  ND_BTT_FLOG_BAD_ENTRY },
		{ "free block mapped", ed_free_mapped, ND_BTT_FREE_DUPLICATE },
	};
	struct nd_btt_report rep;
	struct nd_btt_log_entry e;
	char path[4096];
	struct seed s;
	size_t i;

	snprintf(path, sizeof(path), "%s/sector-4k", dir);
	s.buf = load(path, &s.len);
	expect(s.buf, "cannot read %s", path);
	if (!s.buf)
		return;
	expect(packed(s.buf, s.len, &rep, &s.a) == 0 && !rep.errors &&
		       !rep.warnings,
	       "real seed: %s", nd_btt_issue_str(rep.first.issue));
	/* what the kernel wrote for a 32 MiB sector namespace, 4K sectors */
	expect(s.a.info.version_major == 1 && s.a.info.version_minor == 1,
	       "version %u.%u", s.a.info.version_major,
	       s.a.info.version_minor);
	expect(s.a.info.external_lbasize == 4096 &&
		       s.a.info.internal_lbasize == 4096,
	       "lbasize %u/%u", s.a.info.external_lbasize,
	       s.a.info.internal_lbasize);
	expect(s.a.info.nfree == 256, "nfree %u", s.a.info.nfree);
	expect(s.a.info.internal_nlba == SEED_BTT_INTERNAL_NLBA &&
		       s.a.info.external_nlba == SEED_BTT_INTERNAL_NLBA - 256,
	       "nlba %u/%u", s.a.info.internal_nlba, s.a.info.external_nlba);
	expect(s.a.info.dataoff == 4096 && s.a.info.nextoff == 0 &&
		       s.a.info.mapoff == SEED_BTT_MAPOFF &&
		       s.a.info.logoff == SEED_BTT_LOGOFF &&
		       s.a.info.info2off == SEED_BTT_INFO2OFF,
	       "offsets map %#llx log %#llx info2 %#llx",
	       (unsigned long long)s.a.info.mapoff,
	       (unsigned long long)s.a.info.logoff,
	       (unsigned long long)s.a.info.info2off);
	expect(s.a.flog.slot[0] == 0 && s.a.flog.slot[1] == 1, "flog layout");
	expect(!memcmp(s.a.info.uuid, seed_btt_uuid, 16) &&
		       !memcmp(s.a.info.parent_uuid, seed_ns_uuid, 16),
	       "uuids");
	s.flog = s.buf + 8192;
	s.map = s.flog + 64 * 256;
	expect(moved_lane(&s, &e) >= 0, "the seed has no written lane");

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = corrupt_and_check(&s, cases[i].edit, &rep);

		expect(rc == -EINVAL && rep.count[cases[i].want] >= 1,
		       "%s: rc %d, want '%s', first '%s'", cases[i].what, rc,
		       nd_btt_issue_str(cases[i].want),
		       nd_btt_issue_str(rep.first.issue));
	}
	/* an interrupted write is only a warning: the kernel completes it */
	expect(corrupt_and_check(&s, ed_unfinished, &rep) == 0 &&
		       rep.count[ND_BTT_FLOG_UNFINISHED] == 1 && !rep.errors,
	       "unfinished write: %s", nd_btt_issue_str(rep.first.issue));
	/*
	 * the map at a lane's lba moved on to a third block: what a later
	 * write through another lane leaves, so a warning, and the blocks
	 * still add up (the lane's free block is counted)
	 */
	expect(corrupt_and_check(&s, ed_flog_mismatch, &rep) == 0 &&
		       rep.count[ND_BTT_FLOG_MAP_MISMATCH] == 1 && !rep.errors,
	       "remapped since the flog write: %s",
	       nd_btt_issue_str(rep.first.issue));
	test_repair_info(&s);
	test_repair_arena(&s);
	/* cut short anywhere: reported, never read past */
	for (i = 0; i < s.len; i += s.len / 37 + 1) {
		packed(s.buf, i, &rep, NULL);
		expect(rep.errors, "cut at %zu accepted", i);
	}
	free(s.buf);
}

int main(int argc, char **argv)
{
	int i;

	if (argc > 2 && !strcmp(argv[1], "--make-image"))
		return make_image(argv[2]);
	if (argc > 1 && !strcmp(argv[1], "--replay")) {
		for (i = 2; i < argc; i++) {
			size_t len;
			uint8_t *buf = load(argv[i], &len);

			if (!buf) {
				fprintf(stderr, "cannot read %s\n", argv[i]);
				return 1;
			}
			btt_exercise(buf, len);
			free(buf);
		}
		return 0;
	}
	test_checksum();
	test_flog_seq();
	test_map_flags();
	test_info_fields();
	test_image();
	if (argc > 1)
		test_seed_btt(argv[1]);
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
