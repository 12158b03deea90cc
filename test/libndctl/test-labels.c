// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the label area codec (lib/ndctl/labels.c).  With file
 * arguments, instead replays each file through every parser (regression
 * inputs from the fuzzer).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label-exercise.h"
#include "lib/ndctl/labels.h"

#include "expect.h"

#define AREA (128 * 1024) /* nfit_test's label area */

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void test_fletcher(void)
{
	/* two words 1, 2: lo = 1 then 3, hi = 1 + 3 */
	uint8_t b[8] = { 1, 0, 0, 0, 2, 0, 0, 0 };

	expect(nd_label_fletcher64(b, 8) == ((4ull << 32) | 3), "%#llx",
	       (unsigned long long)nd_label_fletcher64(b, 8));
	expect(nd_label_fletcher64(b, 3) == 0, "partial word summed");
}

static void test_geometry(void)
{
	struct nd_label_geom g;

	/* what the kernel computes for a 128K area */
	expect(nd_label_geometry(AREA, 256, &g) == 0, "256");
	expect(g.nslot == 510 && g.index_size == 256, "v1.2 nslot %u isize %u",
	       g.nslot, g.index_size);
	expect(nd_label_geometry(AREA, 128, &g) == 0, "128");
	expect(g.nslot == 1020 && g.index_size == 256,
	       "v1.1 nslot %u isize %u", g.nslot, g.index_size);
	expect(nd_label_geometry(AREA, 200, &g) == -EINVAL, "odd label size");
	expect(nd_label_geometry(512, 128, &g) == -EINVAL, "too small");
	expect(nd_label_geometry(768, 256, &g) == -EINVAL, "no room for 2");
	expect(nd_label_geometry(1024, 256, &g) == 0 && g.nslot == 2,
	       "two 256-byte labels");
	expect(nd_label_geometry(1024, 128, &g) == 0 && g.nslot == 4,
	       "minimum area");
}

static void test_round_trip(uint32_t lsize, uint16_t minor)
{
	uint8_t *buf = calloc(1, AREA);
	struct nd_label_area area;
	struct nd_label_geom g;
	struct nd_label in, out;
	int rc;

	expect(nd_label_area_init(buf, AREA, lsize, &g) == 0, "init %u", lsize);
	rc = nd_label_area_validate(buf, AREA, &area);
	expect(rc == 0, "validate %d", rc);
	expect(area.geom.label_size == lsize, "label size %u",
	       area.geom.label_size);
	expect(area.num_valid == 2, "both blocks valid");
	expect(area.index[0].seq == 3 && area.index[1].seq == 2, "seq");
	expect(area.index[0].major == 1 && area.index[0].minor == minor,
	       "version %u.%u", area.index[0].major, area.index[0].minor);
	expect(area.used == 0, "used %u", area.used);
	expect(nd_label_slot_is_free(buf, AREA, &g, 0, 7) == 1, "slot free");

	memset(&in, 0, sizeof(in));
	memset(in.uuid, 0xab, sizeof(in.uuid));
	strcpy(in.name, "round-trip");
	in.flags = ND_LABEL_FLAG_UPDATING;
	in.nlabel = 2;
	in.position = 1;
	in.isetcookie = 0x1122334455667788ull;
	in.lbasize = 512;
	in.dpa = 0x1000000;
	in.rawsize = 64 << 20;
	in.align = 3;
	expect(nd_label_build(buf, AREA, &g, 7, &in) == 0, "build");
	expect(nd_label_slot_set(buf, AREA, &g, 0, 7, true) == 0, "mark busy");
	expect(nd_label_slot_is_free(buf, AREA, &g, 0, 7) == 0, "slot busy");
	rc = nd_label_area_validate(buf, AREA, &area);
	expect(rc == 0 && area.used == 1, "after busy: rc %d used %u", rc,
	       area.used);
	expect(nd_label_parse(buf, AREA, &g, 7, &out) == 0, "parse");
	expect(memcmp(out.uuid, in.uuid, 16) == 0, "uuid");
	expect(strcmp(out.name, "round-trip") == 0, "name '%s'", out.name);
	expect(out.flags == in.flags && out.nlabel == 2 && out.position == 1,
	       "flags/nlabel/position");
	expect(out.isetcookie == in.isetcookie && out.dpa == in.dpa &&
		       out.rawsize == in.rawsize && out.lbasize == 512,
	       "64-bit fields");
	expect(out.slot == 7, "slot %u", out.slot);
	expect(out.align == (lsize == 256 ? 3 : 0), "align %u", out.align);

	/* a label read from the wrong slot does not vouch for itself */
	expect(nd_label_parse(buf, AREA, &g, 8, &out) == -EINVAL ||
		       lsize == 256,
	       "empty slot accepted");
	if (lsize == 256) {
		/* v1.2 labels carry their own checksum */
		buf[2 * g.index_size + 7 * 256 + 20] ^= 1;
		expect(nd_label_parse(buf, AREA, &g, 7, &out) == -EBADMSG,
		       "label checksum not checked");
	}
	free(buf);
}

static void test_bad_checksum(void)
{
	uint8_t *buf = calloc(1, AREA);
	struct nd_label_area area;
	struct nd_label_geom g;

	nd_label_area_init(buf, AREA, 256, &g);
	buf[100] ^= 0x40; /* free bitmap of block 0 */
	expect(nd_label_index_parse(buf, AREA, &g, 0, NULL) == -EBADMSG,
	       "corrupt block 0 accepted");
	/* block 1 still valid: it takes over */
	expect(nd_label_area_validate(buf, AREA, &area) == 1, "fallback");
	expect(area.num_valid == 1, "num_valid %d", area.num_valid);
	buf[g.index_size + 100] ^= 0x40;
	expect(nd_label_area_validate(buf, AREA, &area) == -ENODATA,
	       "both corrupt accepted");
	free(buf);
}

static void test_short_buffer(void)
{
	uint8_t *buf = calloc(1, AREA);
	struct nd_label_area area;
	struct nd_label_geom g;
	struct nd_label l;

	nd_label_area_init(buf, AREA, 128, &g);
	/* a geometry for the full area but only part of it handed over */
	expect(nd_label_index_parse(buf, 100, &g, 0, NULL) == -ENOSPC,
	       "index past the end");
	expect(nd_label_index_parse(buf, g.index_size + 10, &g, 1, NULL) ==
		       -ENOSPC,
	       "second index past the end");
	expect(nd_label_parse(buf, 2 * g.index_size + 64, &g, 0, &l) == -ENOSPC,
	       "label past the end");
	expect(nd_label_slot_is_free(buf, 10, &g, 0, 0) == -ENOSPC, "bitmap");
	expect(nd_label_index_build(buf, 300, &g, 0, 3) == -ENOSPC, "build");
	/* a truncated copy is a different (invalid) area, not a crash */
	expect(nd_label_area_validate(buf, 700, &area) < 0, "700 bytes");
	expect(nd_label_area_validate(buf, 0, &area) < 0, "empty");
	free(buf);
}

static void test_wrong_version(void)
{
	uint8_t *buf = calloc(1, AREA);
	struct nd_label_area area;
	struct nd_label_geom g128, g256;

	nd_label_area_init(buf, AREA, 256, &g256);
	nd_label_geometry(AREA, 128, &g128);
	/* a v1.2 block does not describe a 128-byte-label layout */
	expect(nd_label_index_parse(buf, AREA, &g128, 0, NULL) < 0,
	       "v1.2 index accepted as v1.1");
	/* claim v1.1 (minor 1) on a 256-byte layout: rejected */
	buf[62] = 1;
	expect(nd_label_index_parse(buf, AREA, &g256, 0, NULL) == -EINVAL,
	       "v1.1 index accepted for 256-byte labels");
	/* labelsize 2 (512-byte labels) does not exist */
	nd_label_area_init(buf, AREA, 256, &g256);
	buf[19] = 2;
	expect(nd_label_index_parse(buf, AREA, &g256, 0, NULL) == -EINVAL,
	       "labelsize 2 accepted");
	/* signature gone */
	nd_label_area_init(buf, AREA, 256, &g256);
	memset(buf, 0, 16);
	memset(buf + g256.index_size, 0, 16);
	expect(nd_label_area_validate(buf, AREA, &area) == -ENODATA,
	       "no signature accepted");
	free(buf);
}

/* Rewrite block @which's sequence number and re-checksum it. */
static void set_seq(uint8_t *buf, const struct nd_label_geom *g, int which,
		    uint32_t seq)
{
	uint8_t *p = buf + which * g->index_size;

	put32(p + 20, seq);
	memset(p + 64, 0, 8);
	{
		uint64_t sum = nd_label_fletcher64(p, g->index_size);

		put32(p + 64, (uint32_t)sum);
		put32(p + 68, (uint32_t)(sum >> 32));
	}
}

static void test_sequence(void)
{
	static const struct {
		uint32_t s0, s1;
		int current;
	} cases[] = {
		{ 1, 2, 1 }, { 2, 1, 0 }, { 2, 3, 1 }, { 3, 2, 0 },
		{ 3, 1, 1 }, /* wraps: 1 follows 3 */
		{ 1, 3, 0 }, { 2, 2, 1 }, /* equal: the kernel takes block 1 */
	};
	uint8_t *buf = calloc(1, AREA);
	struct nd_label_area area;
	struct nd_label_geom g;
	unsigned int i;
	int rc;

	expect(nd_label_next_seq(1) == 2 && nd_label_next_seq(2) == 3 &&
		       nd_label_next_seq(3) == 1 && nd_label_next_seq(0) == 0,
	       "next_seq");
	expect(nd_label_best_seq(0, 2) == 2 && nd_label_best_seq(3, 0) == 3,
	       "best_seq with an invalid side");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		nd_label_area_init(buf, AREA, 256, &g);
		set_seq(buf, &g, 0, cases[i].s0);
		set_seq(buf, &g, 1, cases[i].s1);
		rc = nd_label_area_validate(buf, AREA, &area);
		expect(rc == cases[i].current, "seq %u/%u: current %d, want %d",
		       cases[i].s0, cases[i].s1, rc, cases[i].current);
	}
	/* sequence 0 is invalid on its own */
	nd_label_area_init(buf, AREA, 256, &g);
	set_seq(buf, &g, 0, 0);
	expect(nd_label_index_parse(buf, AREA, &g, 0, NULL) == -EINVAL,
	       "seq 0 accepted");
	expect(nd_label_area_validate(buf, AREA, &area) == 1, "seq 0 fallback");
	free(buf);
}

static void test_bad_offsets(void)
{
	uint8_t *buf = calloc(1, AREA);
	struct nd_label_geom g;
	uint8_t *p;

	nd_label_area_init(buf, AREA, 128, &g);
	/* nslot beyond the area */
	p = buf;
	put32(p + 56, 100000);
	memset(p + 64, 0, 8);
	{
		uint64_t sum = nd_label_fletcher64(p, g.index_size);

		put32(p + 64, (uint32_t)sum);
		put32(p + 68, (uint32_t)(sum >> 32));
	}
	expect(nd_label_index_parse(buf, AREA, &g, 0, NULL) == -EINVAL,
	       "huge nslot accepted");
	/* blocks swapped: each names the wrong own offset */
	nd_label_area_init(buf, AREA, 128, &g);
	memcpy(buf, buf + g.index_size, g.index_size);
	expect(nd_label_index_parse(buf, AREA, &g, 0, NULL) == -EINVAL,
	       "myoff mismatch accepted");
	free(buf);
}

static int replay(const char *path)
{
	uint8_t *data;
	long len;
	FILE *f;

	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc(len > 0 ? (size_t)len : 1);
	if (!data || (len > 0 && fread(data, 1, (size_t)len, f) != (size_t)len)) {
		fprintf(stderr, "%s: read failed\n", path);
		fclose(f);
		free(data);
		return 1;
	}
	fclose(f);
	label_exercise(data, (size_t)len);
	free(data);
	printf("%s: %ld bytes handled\n", path, len);
	return 0;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			rc |= replay(argv[i]);
		return rc;
	}
	test_fletcher();
	test_geometry();
	test_round_trip(128, 1);
	test_round_trip(256, 2);
	test_bad_checksum();
	test_short_buffer();
	test_wrong_version();
	test_sequence();
	test_bad_offsets();
	if (failures) {
		fprintf(stderr, "%d failures\n", failures);
		return 1;
	}
	printf("label codec: all checks passed\n");
	return 0;
}
