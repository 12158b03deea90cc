// SPDX-License-Identifier: GPL-2.0-only
/* Size limits of a namespace per mode (see ns-limits.h for the sources). */
#include <stdio.h>
#include <unistd.h>

#include "ndctl/ns-limits.h"
#include "ndctl/ns-mode.h"
#include "util/size.h"

#define MIN_CLAIM_SIZE (16ULL << 20)	/* claim.c: "too small to host" */
#define INFO_BLOCK_SIZE (8ULL << 10)	/* pfn_devs.c: SZ_8K */
#define PAGE_MAP_ENTRY 64ULL		/* nd.h: MAX_STRUCT_PAGE_SIZE */
#define DEFAULT_ALIGN (2ULL << 20)	/* PMD_SIZE on x86 */

void ns_size_name(unsigned long long v, char *buf, size_t len)
{
	static const char *const unit[] = {
		" bytes", " KiB", " MiB", " GiB", " TiB",
	};

	format_size_units(buf, len, v, unit, 5);
}

static unsigned long long round_up(unsigned long long v, unsigned long long a)
{
	return (v + a - 1) / a * a;
}

int ns_size_check(enum ndctl_namespace_mode mode, unsigned long long size,
		  unsigned long align, enum ndctl_pfn_loc loc, bool given,
		  char *why, size_t len)
{
	const char *m = nd_mode_name(mode);
	unsigned long long a, reserve, need;
	long page = sysconf(_SC_PAGESIZE);
	char b1[32], b2[32];

	if (mode == NDCTL_NS_MODE_RAW || mode == NDCTL_NS_MODE_UNKNOWN) {
		if (page > 0 && size < (unsigned long long)page) {
			ns_size_name(page, b1, sizeof(b1));
			snprintf(why, len, "raw needs at least %s: the kernel does not enable a namespace smaller than a page",
				 b1);
			return -EINVAL;
		}
		return 0;
	}
	if (size < MIN_CLAIM_SIZE) {
		ns_size_name(MIN_CLAIM_SIZE, b1, sizeof(b1));
		snprintf(why, len, "%s needs at least %s: the kernel does not attach %s to a smaller namespace",
			 m, b1, mode == NDCTL_NS_MODE_SECTOR ? "a btt" :
			 mode == NDCTL_NS_MODE_FSDAX ? "an fsdax (pfn) info block" :
			 "a devdax info block");
		return -EINVAL;
	}
	if (mode == NDCTL_NS_MODE_SECTOR)
		return 0;
	a = align ? align : DEFAULT_ALIGN;
	if (given && size % a) {
		ns_size_name(a, b1, sizeof(b1));
		snprintf(why, len, "%s with align %s needs a size that is a multiple of %s (the kernel would cut off the unaligned tail)",
			 m, b1, b1);
		return -EINVAL;
	}
	/* info block and page map, then at least one aligned unit of data */
	reserve = INFO_BLOCK_SIZE;
	if (loc != NDCTL_PFN_LOC_RAM)
		reserve += PAGE_MAP_ENTRY * ((size - INFO_BLOCK_SIZE) / 4096);
	reserve = round_up(reserve, a);
	need = reserve + a;
	if (size < need) {
		ns_size_name(a, b1, sizeof(b1));
		ns_size_name(need, b2, sizeof(b2));
		snprintf(why, len, "%s with align %s needs at least %s: the info block%s take%s the first %s and the data starts at the next aligned boundary",
			 m, b1, b2, loc != NDCTL_PFN_LOC_RAM ? " and page map" : "",
			 loc != NDCTL_PFN_LOC_RAM ? "" : "s",
			 (ns_size_name(reserve, b1, sizeof(b1)), b1));
		return -EINVAL;
	}
	return 0;
}
