// SPDX-License-Identifier: GPL-2.0-only
/*
 * ns_size_check(): the per-mode minimums and fsdax/devdax align rules;
 * ns_size_name(): the sizes its reasons name.
 */
#include <stdio.h>
#include <string.h>

#include "ndctl/ns-limits.h"

#define M (1ULL << 20)
#define G (1ULL << 30)

static int failures;

static void expect(enum ndctl_namespace_mode mode, unsigned long long size,
		   unsigned long align, enum ndctl_pfn_loc loc, int given,
		   const char *want)
{
	char why[256] = "";
	int rc = ns_size_check(mode, size, align, loc, given, why, sizeof(why));

	if (!want ? rc != 0 : rc == 0 || !strstr(why, want)) {
		fprintf(stderr, "mode %d size %llu align %lu: rc %d '%s', want %s\n",
			mode, size, align, rc, why, want ? want : "ok");
		failures++;
	}
}

/* the sizes those reasons name */
static void name(unsigned long long v, const char *want)
{
	char buf[32];

	ns_size_name(v, buf, sizeof(buf));
	if (strcmp(buf, want)) {
		fprintf(stderr, "size %llu: '%s', want '%s'\n", v, buf, want);
		failures++;
	}
}

int main(void)
{
	const enum ndctl_pfn_loc dev = NDCTL_PFN_LOC_PMEM, mem = NDCTL_PFN_LOC_RAM;

	expect(NDCTL_NS_MODE_FSDAX, 4 * M, 0, dev, 1, "fsdax needs at least 16 MiB");
	expect(NDCTL_NS_MODE_DEVDAX, 16 * M - 4096, 0, dev, 1, "devdax needs at least 16 MiB");
	expect(NDCTL_NS_MODE_SECTOR, 8 * M, 0, dev, 1, "sector needs at least 16 MiB");
	expect(NDCTL_NS_MODE_FSDAX, 16 * M, 0, dev, 1, NULL);
	expect(NDCTL_NS_MODE_DEVDAX, 16 * M, 2 * M, mem, 1, NULL);
	expect(NDCTL_NS_MODE_SECTOR, 16 * M, 0, dev, 1, NULL);
	expect(NDCTL_NS_MODE_RAW, 4 * M, 0, dev, 1, NULL);
	expect(NDCTL_NS_MODE_RAW, 4096, 0, dev, 1, NULL);
	expect(NDCTL_NS_MODE_RAW, 512, 0, dev, 1, "raw needs at least 4 KiB");
	/* 1G pages: a multiple of 1G, and room past the first aligned unit */
	expect(NDCTL_NS_MODE_DEVDAX, 32 * M, G, dev, 1, "multiple of 1 GiB");
	expect(NDCTL_NS_MODE_DEVDAX, G, G, dev, 1, "needs at least 2 GiB");
	expect(NDCTL_NS_MODE_FSDAX, G, G, mem, 1, "needs at least 2 GiB");
	expect(NDCTL_NS_MODE_DEVDAX, 2 * G, G, dev, 1, NULL);
	/* "all available" is not held to the multiple (the tail is dropped) */
	expect(NDCTL_NS_MODE_FSDAX, 18 * M, 4 * M, dev, 0, NULL);
	expect(NDCTL_NS_MODE_FSDAX, 18 * M, 4 * M, dev, 1, "multiple of 4 MiB");
	/* a page map bigger than one aligned unit pushes the data further */
	expect(NDCTL_NS_MODE_FSDAX, 256 * M, 2 * M, dev, 1, NULL);
	expect(NDCTL_NS_MODE_FSDAX, 16 * M, 16 * M, dev, 1, "needs at least 32 MiB");

	name(0, "0 bytes");
	name(512, "512 bytes");
	name(1025, "1025 bytes");
	name(4096, "4 KiB");
	name(1536 << 10, "1536 KiB");
	name(16 * M, "16 MiB");
	name(2 * G, "2 GiB");
	name(3 * G << 10, "3 TiB");
	name(G << 20, "1024 TiB");
	return failures ? 1 : 0;
}
