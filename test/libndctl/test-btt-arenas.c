// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-namespace's BTT walk (ndctl/btt-check.c) over more than one
 * arena.  The kernel makes arenas of at most 512 GiB, so no nfit_test
 * namespace has a second one; this builds the kernel's layout of a
 * 512 GiB + 64 MiB namespace in a sparse file (only the info blocks and
 * flogs are written: a map of zeros is the kernel's initial identity
 * map), damages it in the second arena and far into the first (offsets
 * past 4 GiB), and checks what the walk finds, that nothing is written
 * without repair, and that repair restores a clean BTT.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btt-layout.h"
#include "expect.h"
#include "lib/ndctl/btt.h"
#include "ndctl/btt-check.h"
#include "util/le.h"

#define GiB (1ULL << 30)
#define MiB (1ULL << 20)
#define BASE0 4096ULL                    /* BTT 1.1 starts at 4 KiB */
#define ARENA0 (512 * GiB)               /* ND_BTT_MAX_ARENA_SIZE */
#define ARENA1 (64 * MiB)
#define BASE1 (BASE0 + ARENA0)
#define IMAGE (BASE1 + ARENA1)

static const uint8_t parent[16] = { 0x5e, 0x11, 0x0c, 0x7a, 1, 2, 3, 4,
				    5, 6, 7, 8, 9, 10, 11, 12 };
static struct nd_btt_info arena[2];
static const uint64_t base[2] = { BASE0, BASE1 };

static int pwrite_all(int fd, const void *buf, size_t len, uint64_t off)
{
	return pwrite(fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -1;
}

static int pread_all(int fd, void *buf, size_t len, uint64_t off)
{
	return pread(fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -1;
}

/* both arenas as the kernel's btt_arena_write_layout() leaves them */
static int build(int fd)
{
	static const uint64_t size[2] = { ARENA0, ARENA1 };
	uint8_t blk[4096], lane[64];
	uint32_t i;
	int n;

	if (ftruncate(fd, 0) || ftruncate(fd, (off_t)IMAGE))
		return -1;
	for (n = 0; n < 2; n++) {
		struct nd_btt_info *in = &arena[n];

		btt_kernel_layout(in, size[n], 4096, 256);
		memset(in->uuid, 0xb7, sizeof(in->uuid));
		memcpy(in->parent_uuid, parent, sizeof(parent));
		in->version_major = 1;
		in->version_minor = 1;
		in->nextoff = n == 0 ? ARENA0 : 0;
		for (i = 0; i < in->nfree; i++) {
			btt_kernel_lane(lane, in, i);
			if (pwrite_all(fd, lane, sizeof(lane),
				       base[n] + in->logoff + i * 64ULL))
				return -1;
		}
		nd_btt_info_build(blk, sizeof(blk), in);
		if (pwrite_all(fd, blk, sizeof(blk), base[n]) ||
		    pwrite_all(fd, blk, sizeof(blk), base[n] + in->info2off))
			return -1;
	}
	return 0;
}

static int check(int fd, bool repair)
{
	struct btt_check_opts o = { .repair = repair };

	return btt_check_fd(fd, "image", parent, &o);
}

/* the 4 KiB at @off, for comparing before and after */
static void snap(int fd, uint64_t off, uint8_t *blk)
{
	if (pread_all(fd, blk, 4096, off))
		memset(blk, 0xee, 4096);
}

/*
 * Damage 4 KiB at @off with @edit; expect the walk to find it (and, when
 * @repairable, repair it), with nothing written by the plain check.
 */
static void damage(int fd, const char *what, uint64_t off,
		   void (*edit)(uint8_t *blk, uint64_t off), bool repairable)
{
	uint8_t orig[4096], bad[4096], now[4096];
	int rc;

	snap(fd, off, orig);
	memcpy(bad, orig, sizeof(bad));
	edit(bad, off);
	expect(pwrite_all(fd, bad, sizeof(bad), off) == 0, "%s: write", what);
	rc = check(fd, false);
	expect(rc == 1, "%s: check gave %d, not 1 (found)", what, rc);
	snap(fd, off, now);
	expect(memcmp(now, bad, sizeof(now)) == 0,
	       "%s: the check without repair wrote", what);
	rc = check(fd, true);
	if (repairable) {
		expect(rc == 0, "%s: repair gave %d, not 0", what, rc);
		expect(check(fd, false) == 0, "%s: not clean after repair",
		       what);
	} else {
		expect(rc == 1, "%s: repair gave %d, not 1 (refused)", what, rc);
	}
	/* the next case starts from the kernel's layout again */
	expect(pwrite_all(fd, orig, sizeof(orig), off) == 0, "%s: restore",
	       what);
}

static void zero_block(uint8_t *blk, uint64_t off)
{
	(void)off;
	memset(blk, 0, 4096);
}

static void flip_byte(uint8_t *blk, uint64_t off)
{
	(void)off;
	blk[100] ^= 0x40; /* inside the reserved bytes: only the checksum says */
}

/* arena 1, lane 5: both sequence numbers 3, which no kernel writes */
static void tear_lane(uint8_t *blk, uint64_t off)
{
	size_t at = (size_t)((BASE1 + arena[1].logoff + 5 * 64) - off);

	le32_put(blk + at + 12, 3);
	le32_put(blk + at + 16 + 12, 3);
}

/* arena 0, the last map entry: a normal mapping (both flags set; with
 * neither, the kernel maps the block to itself) past the internal blocks */
static void map_past_end(uint8_t *blk, uint64_t off)
{
	uint64_t ent = BASE0 + arena[0].mapoff +
		       (arena[0].external_nlba - 1) * 4ULL;

	le32_put(blk + (ent - off), 0xffffffff);
}

/* arena 1's info block under another BTT's uuid */
static void other_uuid(uint8_t *blk, uint64_t off)
{
	struct nd_btt_info in = arena[1];

	(void)off;
	memset(in.uuid, 0xc8, sizeof(in.uuid));
	nd_btt_info_build(blk, 4096, &in);
}

/*
 * Both copies of arena 1's info block under another uuid: not this BTT's
 * arena, and nothing says which uuid is right, so no repair.
 */
static void foreign_arena(int fd)
{
	const uint64_t at[2] = { BASE1, BASE1 + arena[1].info2off };
	uint8_t orig[2][4096], bad[4096], now[4096];
	int i;

	for (i = 0; i < 2; i++) {
		snap(fd, at[i], orig[i]);
		other_uuid(bad, at[i]);
		expect(pwrite_all(fd, bad, sizeof(bad), at[i]) == 0, "write");
	}
	expect(check(fd, false) == 1, "a foreign arena 1 was not found");
	expect(check(fd, true) == 1, "a foreign arena 1 was 'repaired'");
	for (i = 0; i < 2; i++) {
		snap(fd, at[i], now);
		expect(memcmp(now, bad, sizeof(now)) == 0,
		       "the repair rewrote a copy of the foreign arena");
		expect(pwrite_all(fd, orig[i], 4096, at[i]) == 0, "restore");
	}
}

int main(void)
{
	char path[] = "/tmp/btt-arenas-XXXXXX";
	uint64_t map0_last;
	int fd;

	fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	unlink(path);
	if (build(fd)) {
		fprintf(stderr, "building the sparse image failed: %s\n",
			strerror(errno));
		return 1;
	}
	expect(arena[0].external_nlba > 100000000,
	       "arena 0 has only %u blocks", arena[0].external_nlba);
	expect(check(fd, false) == 0, "the kernel's 2-arena layout is not clean");

	/* the second arena: found only by following arena 0's nextoff */
	damage(fd, "arena 1 primary info block zeroed", BASE1, zero_block,
	       true);
	damage(fd, "arena 1 backup info block corrupt",
	       BASE1 + arena[1].info2off, flip_byte, true);
	damage(fd, "arena 1 torn flog lane",
	       (BASE1 + arena[1].logoff) & ~4095ULL, tear_lane, true);
	/* the backup names the BTT of arena 0: the primary is the bad copy */
	damage(fd, "arena 1 primary under another uuid", BASE1, other_uuid,
	       true);
	foreign_arena(fd);
	/* far into the first arena (past 4 GiB) */
	map0_last = BASE0 + arena[0].mapoff +
		    (arena[0].external_nlba - 1) * 4ULL;
	damage(fd, "arena 0 last map entry out of range", map0_last & ~4095ULL,
	       map_past_end, true);

	expect(check(fd, false) == 0, "not clean after the last restore");
	close(fd);
	if (failures)
		fprintf(stderr, "%d failure%s\n", failures,
			failures == 1 ? "" : "s");
	return failures ? 1 : 0;
}
