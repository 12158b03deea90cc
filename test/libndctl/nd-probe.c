// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test driver over libndctl for the nfit suite.  Each subcommand prints
 * what the library reports in a line format that the calling script can
 * rebuild independently from sysfs, or performs one library operation.
 *
 *   nd-probe enum PROVIDER          bus, dimms, regions, mappings, namespaces
 *   nd-probe labels PROVIDER        label size/read/zero/init round trips
 *   nd-probe create PROVIDER MODE   create, check and destroy a namespace
 *                                   (MODE: raw fsdax devdax sector)
 *   nd-probe scrub PROVIDER         start a scrub and wait for it
 *   nd-probe names                  device names of every object, nothing else
 *   nd-probe sizes PROVIDER         sizes of that bus's regions
 *   nd-probe dump                   every read-only getter on every object
 *                                   (for recorded and broken sysfs trees)
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include <daxctl/libdaxctl.h>
#include <ndctl/libndctl.h>
#include <ndctl/ndctl.h>

#include "lib/ndctl/labels.h"

static int failures;

#define check(cond, ...)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "nd-probe: %s:%d: ", __func__,       \
				__LINE__);                                   \
			fprintf(stderr, __VA_ARGS__);                        \
			fputc('\n', stderr);                                 \
			failures++;                                          \
		}                                                            \
	} while (0)

static struct ndctl_bus *find_bus(struct ndctl_ctx *ctx, const char *provider)
{
	struct ndctl_bus *bus = ndctl_bus_get_by_provider(ctx, provider);

	if (!bus) {
		fprintf(stderr, "nd-probe: no bus with provider %s\n", provider);
		exit(2);
	}
	return bus;
}

static const char *mode_name(enum ndctl_namespace_mode m)
{
	switch (m) {
	case NDCTL_NS_MODE_FSDAX:
		return "fsdax";
	case NDCTL_NS_MODE_SECTOR:
		return "sector";
	case NDCTL_NS_MODE_RAW:
		return "raw";
	case NDCTL_NS_MODE_DEVDAX:
		return "devdax";
	default:
		return "unknown";
	}
}

static int do_enum(struct ndctl_ctx *ctx, const char *provider)
{
	struct ndctl_bus *bus = find_bus(ctx, provider);
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;

	printf("bus %s %s\n", ndctl_bus_get_devname(bus),
	       ndctl_bus_get_provider(bus));
	ndctl_dimm_foreach(bus, dimm)
		printf("dimm %s handle=%#x phys_id=%#x serial=%#010x id=%s\n",
		       ndctl_dimm_get_devname(dimm), ndctl_dimm_get_handle(dimm),
		       ndctl_dimm_get_phys_id(dimm), ndctl_dimm_get_serial(dimm),
		       ndctl_dimm_get_unique_id(dimm));
	ndctl_region_foreach(bus, region) {
		struct ndctl_namespace *ndns;
		struct ndctl_mapping *m;

		printf("region %s size=%llu avail=%llu mappings=%u nstype=%u ro=%d enabled=%d\n",
		       ndctl_region_get_devname(region),
		       ndctl_region_get_size(region),
		       ndctl_region_get_available_size(region),
		       ndctl_region_get_mappings(region),
		       ndctl_region_get_nstype(region),
		       ndctl_region_get_ro(region),
		       ndctl_region_is_enabled(region));
		ndctl_mapping_foreach(region, m)
			printf("mapping %s %s,%llu,%llu,%d\n",
			       ndctl_region_get_devname(region),
			       ndctl_dimm_get_devname(ndctl_mapping_get_dimm(m)),
			       ndctl_mapping_get_offset(m),
			       ndctl_mapping_get_length(m),
			       ndctl_mapping_get_position(m));
		ndctl_namespace_foreach(region, ndns)
			printf("namespace %s size=%llu mode=%s\n",
			       ndctl_namespace_get_devname(ndns),
			       ndctl_namespace_get_size(ndns),
			       mode_name(ndctl_namespace_get_mode(ndns)));
	}
	return 0;
}

/* Regions using the DIMM must be off while its labels are rewritten. */
static void disable_regions(struct ndctl_bus *bus)
{
	struct ndctl_region *region;

	ndctl_region_foreach(bus, region)
		check(ndctl_region_disable_invalidate(region) == 0,
		      "disable %s", ndctl_region_get_devname(region));
}

static void enable_regions(struct ndctl_bus *bus)
{
	struct ndctl_region *region;

	ndctl_region_foreach(bus, region)
		check(ndctl_region_enable(region) == 0, "enable %s",
		      ndctl_region_get_devname(region));
}

static void label_round_trip(struct ndctl_dimm *dimm)
{
	const char *name = ndctl_dimm_get_devname(dimm);
	struct nd_label_area area;
	struct ndctl_cmd *sz, *rd;
	unsigned int size;
	unsigned char *buf;
	unsigned int i;
	int rc;

	sz = ndctl_dimm_cmd_new_cfg_size(dimm);
	check(sz != NULL, "%s: cfg_size command", name);
	if (!sz)
		return;
	check(ndctl_cmd_submit(sz) == 0, "%s: submit cfg_size", name);
	size = ndctl_cmd_cfg_size_get_size(sz);
	ndctl_cmd_unref(sz);
	printf("%s config_size=%u\n", name, size);
	check(size >= 1024, "%s: implausible label area size %u", name, size);
	buf = malloc(size);
	if (!buf)
		exit(1);

	check(ndctl_dimm_zero_labels(dimm) == 0, "%s: zero labels", name);
	rd = ndctl_dimm_read_labels(dimm);
	check(rd != NULL, "%s: read labels", name);
	if (rd) {
		check(ndctl_cmd_cfg_read_get_size(rd) == (ssize_t)size,
		      "%s: read size", name);
		check(ndctl_cmd_cfg_read_get_data(rd, buf, size, 0) ==
			      (ssize_t)size, "%s: get data", name);
		for (i = 0; i < size && !buf[i]; i++)
			;
		check(i == size, "%s: byte %u not zero after zeroing", name, i);
		ndctl_cmd_unref(rd);
	}
	check(ndctl_dimm_validate_labels(dimm) < 0,
	      "%s: zeroed area validated", name);

	check(ndctl_dimm_init_labels(dimm, NDCTL_NS_VERSION_1_1) == 0,
	      "%s: init v1.1", name);
	rc = ndctl_dimm_validate_labels(dimm);
	check(rc == 0, "%s: validate after init v1.1 gave %d", name, rc);
	check(ndctl_dimm_sizeof_namespace_label(dimm) == 128,
	      "%s: v1.1 label size %u", name,
	      ndctl_dimm_sizeof_namespace_label(dimm));

	check(ndctl_dimm_init_labels(dimm, NDCTL_NS_VERSION_1_2) == 0,
	      "%s: init v1.2", name);
	check(ndctl_dimm_validate_labels(dimm) == 0, "%s: validate v1.2", name);
	check(ndctl_dimm_sizeof_namespace_label(dimm) == 256,
	      "%s: v1.2 label size %u", name,
	      ndctl_dimm_sizeof_namespace_label(dimm));

	/* what the kernel reads back must be what our codec wrote */
	rd = ndctl_dimm_read_label_index(dimm);
	check(rd != NULL, "%s: read label index", name);
	if (rd) {
		rc = ndctl_cmd_cfg_read_get_data(rd, buf, size, 0) == (ssize_t)size ?
			     nd_label_area_validate(buf, size, &area) : -1;
		check(rc == 0 && area.geom.label_size == 256 &&
			      area.num_valid == 2 && area.used == 0,
		      "%s: index read back: rc %d", name, rc);
		ndctl_cmd_unref(rd);
	}
	free(buf);
}

static int do_labels(struct ndctl_ctx *ctx, const char *provider)
{
	struct ndctl_bus *bus = find_bus(ctx, provider);
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	int n = 0;

	/* with a region enabled the DIMM is busy: writes must be refused */
	ndctl_region_foreach(bus, region) {
		if (!ndctl_region_is_enabled(region))
			continue;
		dimm = ndctl_region_get_first_dimm(region);
		if (dimm && ndctl_dimm_is_active(dimm)) {
			check(ndctl_dimm_zero_labels(dimm) == -EBUSY,
			      "%s: zeroing an active DIMM not refused",
			      ndctl_dimm_get_devname(dimm));
			break;
		}
	}
	disable_regions(bus);
	ndctl_dimm_foreach(bus, dimm) {
		if (!ndctl_dimm_is_cmd_supported(dimm, 4 /* get_size */))
			continue;
		label_round_trip(dimm);
		n++;
	}
	enable_regions(bus);
	check(n > 0, "no DIMM with a label area on %s", provider);
	printf("label round trips: %d dimms\n", n);
	return 0;
}

static struct ndctl_region *pmem_region(struct ndctl_bus *bus)
{
	struct ndctl_region *region, *best = NULL;

	/* the largest labelled pmem region has room for every mode */
	ndctl_region_foreach(bus, region) {
		if (ndctl_region_get_nstype(region) != ND_DEVICE_NAMESPACE_PMEM)
			continue;
		if (!best || ndctl_region_get_available_size(region) >
				     ndctl_region_get_available_size(best))
			best = region;
	}
	return best;
}

static int do_create(struct ndctl_ctx *ctx, const char *provider,
		     const char *mode)
{
	struct ndctl_bus *bus = find_bus(ctx, provider);
	struct ndctl_region *region = pmem_region(bus);
	unsigned long long avail, size = 64ULL << 20;
	struct ndctl_namespace *ndns;
	uuid_t uu, got;
	int rc;

	if (!region) {
		fprintf(stderr, "nd-probe: no pmem region on %s\n", provider);
		return 2;
	}
	avail = ndctl_region_get_available_size(region);
	check(avail >= size, "%s: only %llu bytes free",
	      ndctl_region_get_devname(region), avail);
	ndns = ndctl_region_get_namespace_seed(region);
	check(ndns != NULL, "no namespace seed");
	if (!ndns)
		return 1;
	check(!ndctl_namespace_is_configured(ndns), "seed already configured");
	uuid_generate(uu);
	check(ndctl_namespace_set_uuid(ndns, uu) == 0, "set uuid");
	ndctl_namespace_get_uuid(ndns, got);
	check(uuid_compare(uu, got) == 0, "uuid did not stick");
	check(ndctl_namespace_set_alt_name(ndns, "nd-probe") == 0, "alt_name");
	check(strcmp(ndctl_namespace_get_alt_name(ndns), "nd-probe") == 0,
	      "alt_name read back '%s'", ndctl_namespace_get_alt_name(ndns));
	check(ndctl_namespace_set_sector_size(ndns, 512) == 0, "sector size");
	check(ndctl_namespace_set_size(ndns, size) == 0, "set size");
	check(ndctl_namespace_get_size(ndns) == size, "size read back %llu",
	      ndctl_namespace_get_size(ndns));
	check(ndctl_region_get_available_size(region) == avail - size,
	      "available size did not shrink");
	check(ndctl_namespace_is_configured(ndns), "not configured");

	if (strcmp(mode, "fsdax") == 0) {
		struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);

		check(pfn != NULL, "no pfn seed");
		if (!pfn)
			return 1;
		uuid_generate(uu);
		check(ndctl_pfn_set_uuid(pfn, uu) == 0, "pfn uuid");
		check(ndctl_pfn_set_location(pfn, NDCTL_PFN_LOC_PMEM) == 0,
		      "pfn location");
		check(ndctl_pfn_set_align(pfn, 2UL << 20) == 0, "pfn align");
		check(ndctl_pfn_set_namespace(pfn, ndns) == 0, "pfn namespace");
		rc = ndctl_pfn_enable(pfn);
		check(rc == 0, "pfn enable: %s", strerror(-rc));
		check(ndctl_namespace_get_pfn(ndns) == pfn, "pfn not holder");
		check(ndctl_namespace_get_mode(ndns) == NDCTL_NS_MODE_FSDAX,
		      "mode %s", mode_name(ndctl_namespace_get_mode(ndns)));
		check(ndctl_pfn_get_align(pfn) == 2UL << 20, "pfn align %lu",
		      ndctl_pfn_get_align(pfn));
		check(strncmp(ndctl_pfn_get_block_device(pfn), "pmem", 4) == 0,
		      "pfn block device '%s'", ndctl_pfn_get_block_device(pfn));
		printf("fsdax %s via %s -> %s\n", ndctl_namespace_get_devname(ndns),
		       ndctl_pfn_get_devname(pfn),
		       ndctl_pfn_get_block_device(pfn));
	} else if (strcmp(mode, "devdax") == 0) {
		struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
		struct daxctl_region *dr;

		check(dax != NULL, "no dax seed");
		if (!dax)
			return 1;
		uuid_generate(uu);
		check(ndctl_dax_set_uuid(dax, uu) == 0, "dax uuid");
		check(ndctl_dax_set_location(dax, NDCTL_PFN_LOC_PMEM) == 0,
		      "dax location");
		check(ndctl_dax_set_align(dax, 2UL << 20) == 0, "dax align");
		check(ndctl_dax_set_namespace(dax, ndns) == 0, "dax namespace");
		rc = ndctl_dax_enable(dax);
		check(rc == 0, "dax enable: %s", strerror(-rc));
		check(ndctl_namespace_get_dax(ndns) == dax, "dax not holder");
		check(ndctl_namespace_get_mode(ndns) == NDCTL_NS_MODE_DEVDAX,
		      "mode %s", mode_name(ndctl_namespace_get_mode(ndns)));
		dr = ndctl_dax_get_daxctl_region(dax);
		check(dr != NULL, "no daxctl region");
		if (dr)
			check(daxctl_region_get_id(dr) ==
				      (int)ndctl_region_get_id(region),
			      "daxctl region id %d", daxctl_region_get_id(dr));
		printf("devdax %s via %s\n", ndctl_namespace_get_devname(ndns),
		       ndctl_dax_get_devname(dax));
	} else if (strcmp(mode, "sector") == 0) {
		struct ndctl_btt *btt = ndctl_region_get_btt_seed(region);

		check(btt != NULL, "no btt seed");
		if (!btt)
			return 1;
		uuid_generate(uu);
		check(ndctl_btt_set_uuid(btt, uu) == 0, "btt uuid");
		check(ndctl_btt_set_sector_size(btt, 4096) == 0, "btt sector");
		check(ndctl_btt_set_namespace(btt, ndns) == 0, "btt namespace");
		rc = ndctl_btt_enable(btt);
		check(rc == 0, "btt enable: %s", strerror(-rc));
		check(ndctl_namespace_get_btt(ndns) == btt, "btt not holder");
		check(ndctl_namespace_get_mode(ndns) == NDCTL_NS_MODE_SECTOR,
		      "mode %s", mode_name(ndctl_namespace_get_mode(ndns)));
		check(ndctl_btt_get_sector_size(btt) == 4096, "btt sector %u",
		      ndctl_btt_get_sector_size(btt));
		check(ndctl_btt_get_block_device(btt)[0] != '\0',
		      "btt has no block device");
		printf("sector %s via %s -> %s\n",
		       ndctl_namespace_get_devname(ndns),
		       ndctl_btt_get_devname(btt),
		       ndctl_btt_get_block_device(btt));
	} else if (strcmp(mode, "raw") == 0) {
		rc = ndctl_namespace_enable(ndns);
		check(rc == 0, "namespace enable: %s", strerror(-rc));
		check(ndctl_namespace_get_mode(ndns) == NDCTL_NS_MODE_RAW,
		      "mode %s", mode_name(ndctl_namespace_get_mode(ndns)));
		check(strncmp(ndctl_namespace_get_block_device(ndns), "pmem", 4) == 0,
		      "raw block device '%s'",
		      ndctl_namespace_get_block_device(ndns));
		printf("raw %s -> %s\n", ndctl_namespace_get_devname(ndns),
		       ndctl_namespace_get_block_device(ndns));
	} else {
		fprintf(stderr, "nd-probe: unknown mode '%s'\n", mode);
		return 2;
	}
	check(ndctl_namespace_is_active(ndns), "namespace not active");
	if (strcmp(mode, "raw") == 0 || strcmp(mode, "fsdax") == 0) {
		/* the pmem disk's dax write-cache switch follows the library */
		rc = ndctl_namespace_write_cache_is_enabled(ndns);
		check(rc == 0 || rc == 1, "write cache state: %d", rc);
		check(ndctl_namespace_disable_write_cache(ndns) == 0, "wc off");
		check(ndctl_namespace_write_cache_is_enabled(ndns) == 0,
		      "write cache still on");
		check(ndctl_namespace_enable_write_cache(ndns) == 0, "wc on");
		check(ndctl_namespace_write_cache_is_enabled(ndns) == 1,
		      "write cache still off");
	}
	check(ndctl_namespace_delete(ndns) == -EBUSY, "deleted while active");

	/* tear down: disabling with invalidate releases the personality too */
	check(ndctl_namespace_disable_invalidate(ndns) == 0, "disable");
	check(!ndctl_namespace_is_active(ndns), "still active");
	check(!ndctl_namespace_get_pfn(ndns) && !ndctl_namespace_get_dax(ndns) &&
	      !ndctl_namespace_get_btt(ndns),
	      "personality still claims the namespace after disable_invalidate");
	check(ndctl_namespace_delete(ndns) == 0, "delete");
	check(ndctl_namespace_get_size(ndns) == 0, "size after delete %llu",
	      ndctl_namespace_get_size(ndns));
	check(ndctl_region_get_available_size(region) == avail,
	      "capacity not returned: %llu != %llu",
	      ndctl_region_get_available_size(region), avail);

	/*
	 * Disabling the region removes its children; a preserving disable
	 * keeps our objects valid until cleanup, and re-enabling brings
	 * fresh ones.
	 */
	check(ndctl_region_disable_preserve(region) == 0, "disable region");
	check(ndctl_namespace_get_first(region) == NULL,
	      "namespaces listed on a disabled region");
	check(ndctl_namespace_get_devname(ndns) != NULL, "object released");
	check(ndctl_region_enable(region) == 0, "enable region");
	check(ndctl_namespace_get_first(region) != NULL, "no namespace back");
	ndctl_region_cleanup(region);
	check(ndctl_region_get_namespace_seed(region) != NULL,
	      "no seed after cleanup");
	return 0;
}

static void uuid_str(const uuid_t uu, char *out)
{
	uuid_unparse(uu, out);
}

static void dump_claims(struct ndctl_region *region)
{
	struct ndctl_btt *btt;
	struct ndctl_pfn *pfn;
	struct ndctl_dax *dax;
	char u[40];
	uuid_t uu;
	int i;

	ndctl_btt_foreach(region, btt) {
		struct ndctl_namespace *ndns = ndctl_btt_get_namespace(btt);

		ndctl_btt_get_uuid(btt, uu);
		uuid_str(uu, u);
		printf("  btt %s id=%u ns=%s uuid=%s sector=%u size=%llu enabled=%d configured=%d bdev='%s' sizes=",
		       ndctl_btt_get_devname(btt), ndctl_btt_get_id(btt),
		       ndns ? ndctl_namespace_get_devname(ndns) : "-", u,
		       ndctl_btt_get_sector_size(btt), ndctl_btt_get_size(btt),
		       ndctl_btt_is_enabled(btt), ndctl_btt_is_configured(btt),
		       ndctl_btt_get_block_device(btt));
		for (i = 0; i < ndctl_btt_get_num_sector_sizes(btt); i++)
			printf("%u,", ndctl_btt_get_supported_sector_size(btt, i));
		printf("\n");
	}
	ndctl_pfn_foreach(region, pfn)
		printf("  pfn %s align=%lu loc=%d resource=%#llx size=%llu\n",
		       ndctl_pfn_get_devname(pfn), ndctl_pfn_get_align(pfn),
		       ndctl_pfn_get_location(pfn), ndctl_pfn_get_resource(pfn),
		       ndctl_pfn_get_size(pfn));
	ndctl_dax_foreach(region, dax)
		printf("  dax %s align=%lu aligns=%d daxctl=%s\n",
		       ndctl_dax_get_devname(dax), ndctl_dax_get_align(dax),
		       ndctl_dax_get_num_alignments(dax),
		       ndctl_dax_get_daxctl_region(dax) ? "yes" : "no");
}

static void dump_namespace(struct ndctl_namespace *ndns)
{
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct badblock *bb;
	char u[40];
	uuid_t uu;
	int i;

	ndctl_namespace_get_uuid(ndns, uu);
	uuid_str(uu, u);
	printf("  namespace %s id=%u type=%s size=%llu resource=%#llx mode=%s uuid=%s name='%s' sector=%u numa=%d target=%d raw=%d active=%d configured=%d btt=%s pfn=%s bdev='%s' sizes=",
	       ndctl_namespace_get_devname(ndns), ndctl_namespace_get_id(ndns),
	       ndctl_namespace_get_type_name(ndns),
	       ndctl_namespace_get_size(ndns),
	       ndctl_namespace_get_resource(ndns),
	       mode_name(ndctl_namespace_get_mode(ndns)), u,
	       ndctl_namespace_get_alt_name(ndns),
	       ndctl_namespace_get_sector_size(ndns),
	       ndctl_namespace_get_numa_node(ndns),
	       ndctl_namespace_get_target_node(ndns),
	       ndctl_namespace_get_raw_mode(ndns),
	       ndctl_namespace_is_active(ndns),
	       ndctl_namespace_is_configured(ndns),
	       btt ? ndctl_btt_get_devname(btt) : "-",
	       pfn ? ndctl_pfn_get_devname(pfn) : "-",
	       ndctl_namespace_get_block_device(ndns));
	for (i = 0; i < ndctl_namespace_get_num_sector_sizes(ndns); i++)
		printf("%u,", ndctl_namespace_get_supported_sector_size(ndns, i));
	printf("\n");
	ndctl_namespace_badblock_foreach(ndns, bb)
		printf("   badblock %llu+%u\n", bb->offset, bb->len);
}

static int do_dump(struct ndctl_ctx *ctx)
{
	struct ndctl_interleave_set *iset;
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus) {
		printf("bus %s id=%u provider=%s nfit=%d rev=%u ars_cap=%d set_data=%d scrub=%u/%d pd=%d\n",
		       ndctl_bus_get_devname(bus), ndctl_bus_get_id(bus),
		       ndctl_bus_get_provider(bus), ndctl_bus_has_nfit(bus),
		       ndctl_bus_get_revision(bus),
		       ndctl_bus_is_cmd_supported(bus, 1),
		       ndctl_bus_is_cmd_supported(bus, 6),
		       ndctl_bus_get_scrub_count(bus),
		       ndctl_bus_get_scrub_state(bus),
		       ndctl_bus_get_persistence_domain(bus));
		ndctl_dimm_foreach(bus, dimm)
			printf(" dimm %s id=%u handle=%#x node=%u socket=%u imc=%u chan=%u dimm=%u vendor=%#x date=%#x loc=%#x formats=%d get_size=%d smart=%d errors=%d save_fail=%d arm=%d aliased=%d locked=%d active=%d enabled=%d\n",
			       ndctl_dimm_get_devname(dimm), ndctl_dimm_get_id(dimm),
			       ndctl_dimm_get_handle(dimm),
			       ndctl_dimm_handle_get_node(dimm),
			       ndctl_dimm_handle_get_socket(dimm),
			       ndctl_dimm_handle_get_imc(dimm),
			       ndctl_dimm_handle_get_channel(dimm),
			       ndctl_dimm_handle_get_dimm(dimm),
			       ndctl_dimm_get_vendor(dimm),
			       ndctl_dimm_get_manufacturing_date(dimm),
			       ndctl_dimm_get_manufacturing_location(dimm),
			       ndctl_dimm_get_formats(dimm),
			       ndctl_dimm_is_cmd_supported(dimm, 4),
			       ndctl_dimm_is_cmd_supported(dimm, 1),
			       ndctl_dimm_has_errors(dimm),
			       ndctl_dimm_failed_save(dimm),
			       ndctl_dimm_failed_arm(dimm),
			       ndctl_dimm_aliased(dimm), ndctl_dimm_locked(dimm),
			       ndctl_dimm_is_active(dimm),
			       ndctl_dimm_is_enabled(dimm));
		ndctl_region_foreach(bus, region) {
			struct ndctl_namespace *ndns, *seed;
			struct ndctl_btt *bseed;
			struct badblock *bb;

			seed = ndctl_region_get_namespace_seed(region);
			bseed = ndctl_region_get_btt_seed(region);
			printf(" region %s id=%u type=%s size=%llu resource=%#llx ways=%u range=%u align=%lu pd=%d numa=%d target=%d seed=%s btt_seed=%s pfn_seed=%s dimms=",
			       ndctl_region_get_devname(region),
			       ndctl_region_get_id(region),
			       ndctl_region_get_type_name(region),
			       ndctl_region_get_size(region),
			       ndctl_region_get_resource(region),
			       ndctl_region_get_interleave_ways(region),
			       ndctl_region_get_range_index(region),
			       ndctl_region_get_align(region),
			       ndctl_region_get_persistence_domain(region),
			       ndctl_region_get_numa_node(region),
			       ndctl_region_get_target_node(region),
			       seed ? ndctl_namespace_get_devname(seed) : "-",
			       bseed ? ndctl_btt_get_devname(bseed) : "-",
			       ndctl_region_get_pfn_seed(region) ? "yes" : "-");
			ndctl_dimm_foreach_in_region(region, dimm)
				printf("%s,", ndctl_dimm_get_devname(dimm));
			printf("\n");
			ndctl_region_badblock_foreach(region, bb)
				printf("  badblock %llu+%u\n", bb->offset, bb->len);
			ndctl_namespace_foreach(region, ndns)
				dump_namespace(ndns);
			dump_claims(region);
		}
		ndctl_interleave_set_foreach(bus, iset)
			printf(" iset %s cookie=%#llx active=%d\n",
			       ndctl_region_get_devname(
				       ndctl_interleave_set_get_region(iset)),
			       ndctl_interleave_set_get_cookie(iset),
			       ndctl_interleave_set_is_active(iset));
	}
	return 0;
}

static int do_names(struct ndctl_ctx *ctx)
{
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;
	struct ndctl_dimm *dimm;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus) {
		printf("%s\n", ndctl_bus_get_devname(bus));
		ndctl_dimm_foreach(bus, dimm)
			printf("%s\n", ndctl_dimm_get_devname(dimm));
		ndctl_region_foreach(bus, region) {
			printf("%s\n", ndctl_region_get_devname(region));
			ndctl_namespace_foreach(region, ndns)
				printf("%s\n", ndctl_namespace_get_devname(ndns));
		}
	}
	return 0;
}

static int do_sizes(struct ndctl_ctx *ctx, const char *provider)
{
	struct ndctl_region *region;

	ndctl_region_foreach(find_bus(ctx, provider), region)
		printf("%s %llu\n", ndctl_region_get_devname(region),
		       ndctl_region_get_size(region));
	return 0;
}

static int do_scrub(struct ndctl_ctx *ctx, const char *provider)
{
	struct ndctl_bus *bus = find_bus(ctx, provider);
	unsigned int before, after;
	int rc;

	rc = ndctl_bus_wait_for_scrub_completion(bus);
	check(rc == 0, "initial wait: %s", strerror(-rc));
	before = ndctl_bus_get_scrub_count(bus);
	check(before != UINT_MAX, "no scrub count");
	rc = ndctl_bus_start_scrub(bus);
	check(rc == 0, "start scrub: %s", strerror(-rc));
	rc = ndctl_bus_poll_scrub_completion(bus, 1, 60);
	check(rc == 0, "poll scrub: %s", strerror(-rc));
	after = ndctl_bus_get_scrub_count(bus);
	check(after > before, "scrub count %u -> %u", before, after);
	check(ndctl_bus_get_scrub_state(bus) == 0, "still scrubbing");
	printf("scrub count %u -> %u\n", before, after);
	return 0;
}

int main(int argc, char **argv)
{
	struct ndctl_ctx *ctx;
	int rc;

	if (argc == 2 && (strcmp(argv[1], "dump") == 0 ||
			  strcmp(argv[1], "names") == 0)) {
		rc = ndctl_new(&ctx);
		if (rc < 0)
			return 1;
		rc = argv[1][0] == 'd' ? do_dump(ctx) : do_names(ctx);
		ndctl_unref(ctx);
		return rc;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: nd-probe enum|labels|create PROVIDER [MODE]\n");
		return 2;
	}
	rc = ndctl_new(&ctx);
	if (rc < 0) {
		fprintf(stderr, "nd-probe: ndctl_new: %s\n", strerror(-rc));
		return 1;
	}
	if (strcmp(argv[1], "enum") == 0)
		rc = do_enum(ctx, argv[2]);
	else if (strcmp(argv[1], "labels") == 0)
		rc = do_labels(ctx, argv[2]);
	else if (strcmp(argv[1], "sizes") == 0)
		rc = do_sizes(ctx, argv[2]);
	else if (strcmp(argv[1], "scrub") == 0)
		rc = do_scrub(ctx, argv[2]);
	else if (strcmp(argv[1], "create") == 0 && argc == 4)
		rc = do_create(ctx, argv[2], argv[3]);
	else {
		fprintf(stderr, "nd-probe: bad arguments\n");
		rc = 2;
	}
	ndctl_unref(ctx);
	if (rc)
		return rc;
	return failures ? 1 : 0;
}
