// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the fsdax/devdax info block codec (lib/ndctl/pfn-info.c).
 *   test-pfn-info SEED-DIR          the kernel-written blocks in SEED-DIR
 *                                   decoded, then corrupted one way at a
 *                                   time
 *   test-pfn-info --replay FILE...  run each file through the codec
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/ndctl/pfn-info.h"
#include "pfn-exercise.h"

#include "expect.h"

/* the kernel's blocks for 32 MiB namespaces, 2 MiB aligned, map=dev */
#define SEED_NS_SIZE (32ull << 20)
static const uint8_t fsdax_uuid[16] = {
	0x32, 0x88, 0x73, 0xf8, 0x85, 0x5c, 0x4b, 0x59,
	0x84, 0xc7, 0x34, 0xd8, 0x9b, 0x57, 0xd7, 0xa7,
};
static const uint8_t fsdax_parent[16] = {
	0x63, 0x07, 0xe1, 0xef, 0xeb, 0x1d, 0x43, 0xc7,
	0x9d, 0x60, 0x06, 0x5c, 0xed, 0x66, 0x67, 0xfa,
};
static const uint8_t devdax_uuid[16] = {
	0x0e, 0x44, 0x7b, 0x04, 0xec, 0xf5, 0x4a, 0xc6,
	0x8f, 0xab, 0xa6, 0xb4, 0x79, 0x0b, 0xdb, 0xc5,
};
static const uint8_t devdax_parent[16] = {
	0x9c, 0x79, 0xb5, 0xf8, 0x9b, 0xab, 0x4c, 0xb2,
	0x99, 0xe4, 0x82, 0xe8, 0x7f, 0x2b, 0x8b, 0x81,
};

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

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void reseal(uint8_t *b)
{
	uint64_t c = nd_pfn_info_checksum(b, ND_PFN_INFO_SIZE);

	put32(b + 4088, (uint32_t)c);
	put32(b + 4092, (uint32_t)(c >> 32));
}

static void test_seed(const char *dir, const char *name,
		      enum nd_pfn_kind kind, const uint8_t *uuid,
		      const uint8_t *parent)
{
	struct nd_pfn_info info;
	uint8_t b[ND_PFN_INFO_SIZE], orig[ND_PFN_INFO_SIZE];
	char path[4096];
	enum nd_pfn_err e;
	uint8_t *buf;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf = load(path, &len);
	expect(buf && len == ND_PFN_INFO_SIZE, "cannot read %s", path);
	if (!buf || len != ND_PFN_INFO_SIZE) {
		free(buf);
		return;
	}
	memcpy(orig, buf, sizeof(orig));
	free(buf);

	e = nd_pfn_info_parse(orig, sizeof(orig), &info);
	expect(e == ND_PFN_OK, "%s: %s", name, nd_pfn_err_str(e));
	expect(info.kind == kind, "%s: kind %d", name, info.kind);
	expect(!memcmp(info.uuid, uuid, 16) &&
		       !memcmp(info.parent_uuid, parent, 16),
	       "%s: uuids", name);
	expect(info.version_major == 1 && info.version_minor == 4,
	       "%s: version %u.%u", name, info.version_major,
	       info.version_minor);
	expect(info.mode == ND_PFN_MODE_PMEM && info.flags == 0,
	       "%s: mode %u", name, info.mode);
	expect(info.dataoff == 2 << 20 && info.npfns == 7680,
	       "%s: dataoff %#llx npfns %llu", name,
	       (unsigned long long)info.dataoff,
	       (unsigned long long)info.npfns);
	expect(info.align == 2 << 20 && info.start_pad == 0 &&
		       info.end_trunc == 0,
	       "%s: align %#x", name, info.align);
	expect(info.page_size == 4096 && info.page_struct_size == 64,
	       "%s: page %u/%u", name, info.page_size,
	       info.page_struct_size);
	e = nd_pfn_info_check(&info, SEED_NS_SIZE, parent);
	expect(e == ND_PFN_OK, "%s: check %s", name, nd_pfn_err_str(e));

	/* re-encoding gives the kernel's bytes */
	expect(nd_pfn_info_build(b, sizeof(b), &info) == 0 &&
		       !memcmp(b, orig, sizeof(b)),
	       "%s: re-encoded differs", name);

	/* each corruption, reported as what it is */
	memcpy(b, orig, sizeof(b));
	b[7] = 'X';
	expect(nd_pfn_info_parse(b, sizeof(b), &info) == ND_PFN_ERR_SIGNATURE,
	       "%s: signature", name);
	memset(b, 0, sizeof(b));
	expect(nd_pfn_info_parse(b, sizeof(b), &info) == ND_PFN_ERR_SIGNATURE,
	       "%s: zeroed", name);
	memcpy(b, orig, sizeof(b));
	b[64] ^= 1; /* npfns, not resealed */
	expect(nd_pfn_info_parse(b, sizeof(b), &info) == ND_PFN_ERR_CHECKSUM,
	       "%s: checksum", name);
	expect(nd_pfn_info_parse(orig, 4095, &info) == ND_PFN_ERR_TRUNCATED,
	       "%s: truncated", name);
	memcpy(b, orig, sizeof(b));
	b[52] = 2;
	reseal(b);
	expect(nd_pfn_info_parse(b, sizeof(b), &info) == ND_PFN_ERR_VERSION,
	       "%s: version", name);
	memcpy(b, orig, sizeof(b));
	b[1000] = 1;
	reseal(b);
	expect(nd_pfn_info_parse(b, sizeof(b), &info) == ND_PFN_ERR_PADDING,
	       "%s: padding", name);

	nd_pfn_info_parse(orig, sizeof(orig), &info);
	expect(nd_pfn_info_check(&info, SEED_NS_SIZE, uuid) ==
		       ND_PFN_ERR_PARENT_UUID,
	       "%s: parent", name);
	expect(nd_pfn_info_check(&info, SEED_NS_SIZE - 4096, NULL) ==
		       ND_PFN_ERR_NPFNS,
	       "%s: namespace shrunk", name);
	expect(nd_pfn_info_check(&info, 1 << 20, NULL) == ND_PFN_ERR_DATAOFF,
	       "%s: dataoff past the end", name);
	info.mode = 7;
	expect(nd_pfn_info_check(&info, SEED_NS_SIZE, NULL) == ND_PFN_ERR_MODE,
	       "%s: mode", name);
	nd_pfn_info_parse(orig, sizeof(orig), &info);
	info.npfns = UINT64_MAX / 2;
	expect(nd_pfn_info_check(&info, UINT64_MAX, NULL) == ND_PFN_ERR_NPFNS,
	       "%s: absurd npfns", name);
	nd_pfn_info_parse(orig, sizeof(orig), &info);
	info.dataoff = 16384; /* page map no longer fits before the data */
	expect(nd_pfn_info_check(&info, SEED_NS_SIZE, NULL) ==
		       ND_PFN_ERR_PAGE_STRUCT,
	       "%s: page map", name);
	nd_pfn_info_parse(orig, sizeof(orig), &info);
	info.eff_align = 3 << 20;
	expect(nd_pfn_info_check(&info, SEED_NS_SIZE, NULL) == ND_PFN_ERR_ALIGN,
	       "%s: align", name);
	nd_pfn_info_parse(orig, sizeof(orig), &info);
	info.eff_page_size = 1000;
	expect(nd_pfn_info_check(&info, SEED_NS_SIZE, NULL) ==
		       ND_PFN_ERR_PAGE_SIZE,
	       "%s: page size", name);

	/*
	 * the layout the kernel chose, recomputed: same geometry, same
	 * identity, the same bytes (the namespaces start 2 MiB aligned)
	 */
	memset(&info, 0, sizeof(info));
	info.kind = kind;
	memcpy(info.uuid, uuid, 16);
	memcpy(info.parent_uuid, parent, 16);
	{
		struct nd_pfn_geometry g = {
			.start = 4ull << 30, .size = SEED_NS_SIZE,
			.align = 2 << 20, .mode = ND_PFN_MODE_PMEM,
			.page_size = 4096,
		};

		expect(nd_pfn_info_layout(&info, &g) == ND_PFN_LAYOUT_OK &&
			       nd_pfn_info_build(b, sizeof(b), &info) == 0 &&
			       !memcmp(b, orig, sizeof(b)),
		       "%s: layout differs from the kernel's", name);
	}

	/* an old (1.0) block: newer fields read as the kernel's defaults */
	memcpy(b, orig, sizeof(b));
	b[54] = 0;
	b[84] = 0x55; /* align, ignored before 1.2 */
	reseal(b);
	expect(nd_pfn_info_parse(b, sizeof(b), &info) == ND_PFN_OK &&
		       info.eff_align == 2 << 20 && info.eff_page_size == 4096 &&
		       info.eff_page_struct_size == 64,
	       "%s: v1.0 defaults: align %#x", name, info.eff_align);
}

struct layout_case {
	const char *what;
	struct nd_pfn_geometry g;
	enum nd_pfn_layout_err err;
	uint64_t dataoff, npfns;
	uint32_t end_trunc;
};

#define MiB (1ull << 20)
#define GiB (1ull << 30)
/*
 * Worked by hand from nd_pfn_init(): the map is reserved for
 * (size - 8K) / page pages at 64 bytes each, after the first 8 KiB, and
 * the data starts on the next boundary of max(align, 2M) counted from
 * physical address 0; the end is truncated to such a boundary.
 */
static const struct layout_case layout_cases[] = {
	{ "ram, 32M", { 0, 32 * MiB, 2 * MiB, ND_PFN_MODE_RAM, 4096 },
	  ND_PFN_LAYOUT_OK, 2 * MiB, 7680, 0 },
	/* the established tool's man page example: -s 1T -a 16M */
	{ "pmem, 1T, 16M", { 0, 1ull << 40, 16 * MiB, ND_PFN_MODE_PMEM, 4096 },
	  ND_PFN_LAYOUT_OK, 17196646400ull, 264237056, 0 },
	{ "4K align rounds to 2M", { 0, 32 * MiB, 4096, ND_PFN_MODE_PMEM, 4096 },
	  ND_PFN_LAYOUT_OK, 2 * MiB, 7680, 0 },
	{ "size past the last boundary", { 0, 33 * MiB, 2 * MiB,
	  ND_PFN_MODE_RAM, 4096 }, ND_PFN_LAYOUT_OK, 2 * MiB, 7680, 1 * MiB },
	/* 1G align on a namespace 2M into a 1G boundary */
	{ "start inside 1G", { 2 * MiB, 4 * GiB, 1 << 30, ND_PFN_MODE_RAM,
	  4096 }, ND_PFN_LAYOUT_OK, 1 * GiB - 2 * MiB, 786432, 2 * MiB },
	/* 16 MiB of map for 1G: still inside the first 1G boundary */
	{ "pmem 1G align", { 0, 2 * GiB, 1 << 30, ND_PFN_MODE_PMEM, 4096 },
	  ND_PFN_LAYOUT_OK, 1 * GiB, 262144, 0 },
	{ "64K pages", { 0, 64 * MiB, 2 * MiB, ND_PFN_MODE_PMEM, 65536 },
	  ND_PFN_LAYOUT_OK, 2 * MiB, 992, 0 },
	{ "mode none", { 0, 32 * MiB, 2 * MiB, ND_PFN_MODE_NONE, 4096 },
	  ND_PFN_LAYOUT_MODE, 0, 0, 0 },
	{ "page size 1000", { 0, 32 * MiB, 2 * MiB, ND_PFN_MODE_RAM, 1000 },
	  ND_PFN_LAYOUT_PAGE_SIZE, 0, 0, 0 },
	{ "align 3M", { 0, 32 * MiB, 3 * MiB, ND_PFN_MODE_RAM, 4096 },
	  ND_PFN_LAYOUT_ALIGN, 0, 0, 0 },
	{ "align 1K", { 0, 32 * MiB, 1024, ND_PFN_MODE_RAM, 4096 },
	  ND_PFN_LAYOUT_ALIGN, 0, 0, 0 },
	{ "align 0", { 0, 32 * MiB, 0, ND_PFN_MODE_RAM, 4096 },
	  ND_PFN_LAYOUT_ALIGN, 0, 0, 0 },
	{ "start 1M", { 1 * MiB, 32 * MiB, 2 * MiB, ND_PFN_MODE_RAM, 4096 },
	  ND_PFN_LAYOUT_START, 0, 0, 0 },
	{ "size not pages", { 0, 32 * MiB + 512, 2 * MiB, ND_PFN_MODE_RAM,
	  4096 }, ND_PFN_LAYOUT_SIZE, 0, 0, 0 },
	{ "data at the end", { 0, 2 * MiB, 2 * MiB, ND_PFN_MODE_RAM, 4096 },
	  ND_PFN_LAYOUT_TOO_SMALL, 0, 0, 0 },
	{ "align past the size", { 0, 32 * MiB, 64 * MiB, ND_PFN_MODE_RAM,
	  4096 }, ND_PFN_LAYOUT_TOO_SMALL, 0, 0, 0 },
	{ "no page after the truncation", { 0, 3 * MiB, 2 * MiB,
	  ND_PFN_MODE_RAM, 4096 }, ND_PFN_LAYOUT_TOO_SMALL, 0, 0, 0 },
	{ "8K", { 0, 8192, 4096, ND_PFN_MODE_RAM, 4096 },
	  ND_PFN_LAYOUT_TOO_SMALL, 0, 0, 0 },
	{ "end past 2^64", { UINT64_MAX & ~(2 * MiB - 1), 32 * MiB, 2 * MiB,
	  ND_PFN_MODE_RAM, 4096 }, ND_PFN_LAYOUT_TOO_SMALL, 0, 0, 0 },
	/* the largest namespace: no step overflows */
	{ "2^64 - 4K", { 0, UINT64_MAX & ~4095ull, 2 * MiB, ND_PFN_MODE_PMEM,
	  4096 }, ND_PFN_LAYOUT_OK, (1ull << 58) + 2 * MiB,
	  (1ull << 52) - (1ull << 46) - 1024, 2 * MiB - 4096 },
};

static void test_layout(void)
{
	uint8_t b[ND_PFN_INFO_SIZE];
	struct nd_pfn_info info, back;
	enum nd_pfn_layout_err e;
	unsigned int i;

	for (i = 0; i < sizeof(layout_cases) / sizeof(layout_cases[0]); i++) {
		const struct layout_case *c = &layout_cases[i];

		memset(&info, 0, sizeof(info));
		info.kind = ND_PFN_KIND_DAX;
		e = nd_pfn_info_layout(&info, &c->g);
		expect(e == c->err, "%s: %s, expected %s", c->what,
		       nd_pfn_layout_err_str(e), nd_pfn_layout_err_str(c->err));
		if (e != ND_PFN_LAYOUT_OK || c->err != ND_PFN_LAYOUT_OK)
			continue;
		expect(info.dataoff == c->dataoff && info.npfns == c->npfns &&
			       info.end_trunc == c->end_trunc,
		       "%s: dataoff %llu npfns %llu end_trunc %u", c->what,
		       (unsigned long long)info.dataoff,
		       (unsigned long long)info.npfns, info.end_trunc);
		expect(info.version_major == 1 && info.version_minor == 4 &&
			       info.align == c->g.align && info.start_pad == 0 &&
			       info.mode == c->g.mode &&
			       info.page_size == c->g.page_size &&
			       info.page_struct_size == 64,
		       "%s: stored fields", c->what);
		/* what the codec's own check says of the encoded block */
		expect(nd_pfn_info_build(b, sizeof(b), &info) == 0 &&
			       nd_pfn_info_parse(b, sizeof(b), &back) ==
				       ND_PFN_OK &&
			       nd_pfn_info_check(&back, c->g.size, NULL) ==
				       ND_PFN_OK,
		       "%s: the encoded block does not check", c->what);
	}
	expect(!strcmp(nd_pfn_layout_err_str(ND_PFN_LAYOUT_MAX),
		       "unknown error"), "layout error text");
}

int main(int argc, char **argv)
{
	int i;

	if (argc > 1 && !strcmp(argv[1], "--replay")) {
		for (i = 2; i < argc; i++) {
			size_t len;
			uint8_t *buf = load(argv[i], &len);

			if (!buf) {
				fprintf(stderr, "cannot read %s\n", argv[i]);
				return 1;
			}
			pfn_exercise(buf, len);
			free(buf);
		}
		return 0;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: test-pfn-info SEED-DIR\n");
		return 2;
	}
	test_seed(argv[1], "fsdax", ND_PFN_KIND_PFN, fsdax_uuid, fsdax_parent);
	test_seed(argv[1], "devdax", ND_PFN_KIND_DAX, devdax_uuid,
		  devdax_parent);
	test_layout();
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
