// SPDX-License-Identifier: GPL-2.0-only
/*
 * JSON shapes of libnvdimm objects, key for key as users' scripts know
 * them from the established ndctl.  Optional keys are omitted, never null.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <uuid/uuid.h>
#include <daxctl/libdaxctl.h>
#include <ndctl/ndctl.h>

#include "daxctl/json.h"
#include "ndctl/json.h"
#include "ndctl/json-firmware.h"
#include "ndctl/media.h"
#include "ndctl/ns-mode.h"

static void add(struct json_object *obj, const char *key,
		struct json_object *val)
{
	/* json-c only fails here on allocation; dropping the key is safe */
	if (val)
		json_object_object_add(obj, key, val);
}

static struct json_object *uuid_json(const uuid_t uu)
{
	char buf[40];

	uuid_unparse(uu, buf);
	return json_object_new_string(buf);
}

struct json_object *nd_bus_to_json(struct ndctl_bus *bus, unsigned long flags)
{
	struct json_object *jbus = json_object_new_object();
	int scrub;

	if (!jbus)
		return NULL;
	add(jbus, "provider", json_object_new_string(ndctl_bus_get_provider(bus)));
	add(jbus, "dev", json_object_new_string(ndctl_bus_get_devname(bus)));
	/* negative: the bus has no address range scrub at all */
	scrub = ndctl_bus_get_scrub_state(bus);
	if (scrub >= 0)
		add(jbus, "scrub_state",
		    json_object_new_string(scrub ? "active" : "idle"));
	return jbus;
}

struct json_object *nd_dimm_to_json(struct ndctl_dimm *dimm,
				    unsigned long flags)
{
	struct json_object *jdimm = json_object_new_object();
	const char *id = ndctl_dimm_get_unique_id(dimm);
	unsigned int handle = ndctl_dimm_get_handle(dimm);
	unsigned short phys_id = ndctl_dimm_get_phys_id(dimm);
	static const struct {
		const char *key;
		int (*test)(struct ndctl_dimm *);
	} bits[] = {
		{ "flag_failed_map", ndctl_dimm_failed_map },
		{ "flag_failed_save", ndctl_dimm_failed_save },
		{ "flag_failed_arm", ndctl_dimm_failed_arm },
		{ "flag_failed_restore", ndctl_dimm_failed_restore },
		{ "flag_failed_flush", ndctl_dimm_failed_flush },
		{ "flag_smart_event", ndctl_dimm_smart_pending },
	};
	size_t i;

	if (!jdimm)
		return NULL;
	add(jdimm, "dev", json_object_new_string(ndctl_dimm_get_devname(dimm)));
	if (id)
		add(jdimm, "id", json_object_new_string(id));
	/* all-ones means the firmware did not provide the value */
	if (handle < UINT_MAX)
		add(jdimm, "handle", util_json_new_hex(handle, flags));
	if (phys_id < USHRT_MAX)
		add(jdimm, "phys_id", util_json_new_hex(phys_id, flags));
	if (!ndctl_dimm_is_enabled(dimm))
		add(jdimm, "state", json_object_new_string("disabled"));
	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (bits[i].test(dimm) > 0)
			add(jdimm, bits[i].key, json_object_new_boolean(1));
	nd_dimm_security_json(jdimm, dimm);
	return jdimm;
}

struct json_object *nd_mapping_to_json(struct ndctl_mapping *mapping,
				       unsigned long flags)
{
	struct json_object *jmap = json_object_new_object();
	int pos = ndctl_mapping_get_position(mapping);

	if (!jmap)
		return NULL;
	add(jmap, "dimm", json_object_new_string(ndctl_dimm_get_devname(
				  ndctl_mapping_get_dimm(mapping))));
	add(jmap, "offset",
	    util_json_new_hex(ndctl_mapping_get_offset(mapping), flags));
	add(jmap, "length",
	    util_json_new_hex(ndctl_mapping_get_length(mapping), flags));
	if (pos >= 0)
		add(jmap, "position", json_object_new_int(pos));
	return jmap;
}

/*
 * The DIMM behind system address @addr: a single-DIMM region answers from
 * its mapping alone; an interleaved one needs the platform's translate-SPA
 * (one ioctl per address).  *@no_xlat is set once the bus has said it
 * cannot translate, so that a long range does not ask again.
 */
static struct ndctl_dimm *dimm_at(struct ndctl_region *region,
				  unsigned long long addr, bool *no_xlat)
{
	struct ndctl_bus *bus = ndctl_region_get_bus(region);
	unsigned long long dpa;
	unsigned int handle;

	if (ndctl_region_get_mappings(region) == 1)
		return ndctl_bus_get_dimm_by_physical_address(bus, addr);
	if (*no_xlat)
		return NULL;
	if (ndctl_bus_nfit_translate_spa(bus, addr, &handle, &dpa) < 0) {
		*no_xlat = true;
		return NULL;
	}
	return ndctl_dimm_get_by_handle(bus, handle);
}

/* Sectors probed per bad range at most (enough to cross every way). */
#define BADBLOCK_DIMM_PROBES 1024

/* The DIMMs that hold [addr, addr + len), probed a sector at a time. */
static struct json_object *badblock_dimms(struct ndctl_region *region,
					  unsigned long long addr,
					  unsigned long long len)
{
	unsigned int ways = ndctl_region_get_interleave_ways(region);
	struct ndctl_dimm *seen[64];
	struct json_object *jdimms;
	unsigned int n = 0, i, probes = 0;
	unsigned long long a;
	bool no_xlat = false;

	if (ways > 64)
		ways = 64;
	if (!ways)
		ways = 1;
	for (a = addr; a < addr + len && n < ways && !no_xlat &&
	     probes < BADBLOCK_DIMM_PROBES; a += 512, probes++) {
		struct ndctl_dimm *dimm = dimm_at(region, a, &no_xlat);

		if (!dimm)
			continue;
		for (i = 0; i < n && seen[i] != dimm; i++)
			;
		if (i == n)
			seen[n++] = dimm;
	}
	if (!n)
		return NULL;
	jdimms = json_object_new_array();
	for (i = 0; jdimms && i < n; i++)
		json_object_array_add(jdimms, json_object_new_string(
				ndctl_dimm_get_devname(seen[i])));
	return jdimms;
}

/*
 * Region badblocks clipped to [begin, begin + size) (a device inside the
 * region), offsets in 512-byte sectors from @begin.  *@count gets the
 * number of bad sectors; the array is built only for ND_JSON_MEDIA_ERRORS.
 */
struct range_bbs {
	struct ndctl_region *region;
	unsigned long long begin;
	unsigned long flags;
	unsigned int count;
	struct json_object *jbbs;
};

static int add_range_bb(unsigned long long s, unsigned long long len, void *arg)
{
	struct range_bbs *r = arg;
	struct json_object *jbb;

	r->count += len >> 9;
	if (!(r->flags & ND_JSON_MEDIA_ERRORS))
		return 0;
	if (!r->jbbs)
		r->jbbs = json_object_new_array();
	jbb = json_object_new_object();
	if (!r->jbbs || !jbb) {
		json_object_put(jbb);
		return 0;
	}
	add(jbb, "offset", util_json_new_u64((s - r->begin) >> 9));
	add(jbb, "length", json_object_new_int64(len >> 9));
	add(jbb, "dimms", badblock_dimms(r->region, s, len));
	json_object_array_add(r->jbbs, jbb);
	return 0;
}

static struct json_object *range_badblocks(struct ndctl_region *region,
					   unsigned long long begin,
					   unsigned long long size,
					   unsigned int *count,
					   unsigned long flags)
{
	struct range_bbs r = { .region = region, .begin = begin, .flags = flags };

	nd_region_errors_in(region, begin, size, add_range_bb, &r);
	*count = r.count;
	return r.jbbs;
}

/* "capabilities": what the region's btt/pfn/dax seeds support */
static struct json_object *capabilities(struct ndctl_region *region)
{
	struct ndctl_btt *btt = ndctl_region_get_btt_seed(region);
	struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);
	struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
	struct json_object *jcaps, *jcap, *arr;
	int i;

	if (!btt || !pfn || !dax)
		return NULL;
	jcaps = json_object_new_array();
	if (!jcaps)
		return NULL;

	jcap = json_object_new_object();
	arr = json_object_new_array();
	for (i = 0; arr && i < ndctl_btt_get_num_sector_sizes(btt); i++)
		json_object_array_add(arr, json_object_new_int64(
			ndctl_btt_get_supported_sector_size(btt, i)));
	add(jcap, "mode", json_object_new_string("sector"));
	add(jcap, "sector_sizes", arr);
	json_object_array_add(jcaps, jcap);

	jcap = json_object_new_object();
	arr = json_object_new_array();
	for (i = 0; arr && i < ndctl_pfn_get_num_alignments(pfn); i++)
		json_object_array_add(arr, util_json_new_u64(
			ndctl_pfn_get_supported_alignment(pfn, i)));
	add(jcap, "mode", json_object_new_string("fsdax"));
	add(jcap, "alignments", arr);
	json_object_array_add(jcaps, jcap);

	jcap = json_object_new_object();
	arr = json_object_new_array();
	for (i = 0; arr && i < ndctl_dax_get_num_alignments(dax); i++)
		json_object_array_add(arr, util_json_new_u64(
			ndctl_dax_get_supported_alignment(dax, i)));
	add(jcap, "mode", json_object_new_string("devdax"));
	add(jcap, "alignments", arr);
	json_object_array_add(jcaps, jcap);
	return jcaps;
}

struct json_object *nd_region_to_json(struct ndctl_region *region,
				      struct json_object *jmappings,
				      unsigned long flags)
{
	struct json_object *jregion = json_object_new_object();
	struct ndctl_interleave_set *iset;
	unsigned long long v;
	unsigned int bb_count;
	struct json_object *jbbs;
	const char *pd;
	int node;

	if (!jregion) {
		json_object_put(jmappings);
		return NULL;
	}
	add(jregion, "dev", json_object_new_string(ndctl_region_get_devname(region)));
	add(jregion, "size", util_json_new_size(ndctl_region_get_size(region), flags));
	v = ndctl_region_get_align(region);
	if (v < ULONG_MAX)
		add(jregion, "align", util_json_new_size(v, flags));
	add(jregion, "available_size",
	    util_json_new_size(ndctl_region_get_available_size(region), flags));
	v = ndctl_region_get_max_available_extent(region);
	if (v != ULLONG_MAX)
		add(jregion, "max_available_extent", util_json_new_size(v, flags));
	switch (ndctl_region_get_type(region)) {
	case ND_DEVICE_REGION_PMEM:
		add(jregion, "type", json_object_new_string("pmem"));
		break;
	case ND_DEVICE_REGION_BLK:
		add(jregion, "type", json_object_new_string("blk"));
		break;
	}
	if (flags & UTIL_JSON_VERBOSE) {
		node = ndctl_region_get_numa_node(region);
		if (node >= 0)
			add(jregion, "numa_node", json_object_new_int(node));
		node = ndctl_region_get_target_node(region);
		if (node >= 0)
			add(jregion, "target_node", json_object_new_int(node));
	}
	iset = ndctl_region_get_interleave_set(region);
	if (iset)
		add(jregion, "iset_id", util_json_new_hex(
			ndctl_interleave_set_get_cookie(iset), flags));
	if (jmappings)
		add(jregion, "mappings", jmappings);
	if (!ndctl_region_is_enabled(region))
		add(jregion, "state", json_object_new_string("disabled"));

	jbbs = range_badblocks(region, ndctl_region_get_resource(region),
			       ndctl_region_get_size(region), &bb_count, flags);
	if (bb_count)
		add(jregion, "badblock_count", json_object_new_int(bb_count));
	if (jbbs)
		add(jregion, "badblocks", jbbs);
	if (flags & ND_JSON_CAPABILITIES)
		add(jregion, "capabilities", capabilities(region));

	switch (ndctl_region_get_persistence_domain(region)) {
	case PERSISTENCE_CPU_CACHE:
		pd = "cpu_cache";
		break;
	case PERSISTENCE_MEM_CTRL:
		pd = "memory_controller";
		break;
	case PERSISTENCE_NONE:
		pd = "none";
		break;
	default:
		pd = "unknown";
		break;
	}
	add(jregion, "persistence_domain", json_object_new_string(pd));
	return jregion;
}

/*
 * "daxregion" of a devdax namespace, with its devices: daxctl's own JSON
 * (one place for both tools), without the region's path.  Zero-sized
 * devices come with -i or -c, as established (on 6.1 a namespace's static
 * dax region never has one: only dynamic regions grow seeds).
 */
static struct json_object *daxregion_json(struct daxctl_region *region,
					  unsigned long flags)
{
	unsigned long dflags = (flags & UTIL_JSON_HUMAN) | DAX_JSON_NO_PATH;
	struct json_object *jregion, *jdevs;

	if (flags & (UTIL_JSON_IDLE | ND_JSON_CONFIGURED))
		dflags |= UTIL_JSON_IDLE;
	jregion = dax_region_to_json(region, dflags);
	if (!jregion)
		return NULL;
	jdevs = dax_region_devs_to_json(region, dflags);
	if (jdevs)
		add(jregion, "devices", jdevs);
	return jregion;
}

struct json_object *nd_namespace_to_json(struct ndctl_namespace *ndns,
					 unsigned long flags)
{
	struct json_object *jndns = json_object_new_object();
	enum ndctl_namespace_mode mode = ndctl_namespace_get_mode(ndns);
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	enum ndctl_pfn_loc loc = NDCTL_PFN_LOC_NONE;
	unsigned long long size = ULLONG_MAX, begin = ULLONG_MAX;
	unsigned int sector_size = UINT_MAX, bb_count = 0;
	const char *bdev = NULL, *name;
	struct json_object *jbbs = NULL;
	unsigned long align = 0;
	uuid_t uu;
	int node;

	if (!jndns)
		return NULL;
	add(jndns, "dev", json_object_new_string(ndctl_namespace_get_devname(ndns)));

	switch (mode) {
	case NDCTL_NS_MODE_FSDAX:
		if (pfn) {
			size = ndctl_pfn_get_size(pfn);
			begin = ndctl_pfn_get_resource(pfn);
			loc = ndctl_pfn_get_location(pfn);
		} else {
			/* a legacy e820 style namespace: memmap in RAM */
			size = ndctl_namespace_get_size(ndns);
			loc = NDCTL_PFN_LOC_RAM;
		}
		break;
	case NDCTL_NS_MODE_DEVDAX:
		if (dax) {
			size = ndctl_dax_get_size(dax);
			begin = ndctl_dax_get_resource(dax);
			loc = ndctl_dax_get_location(dax);
		}
		break;
	case NDCTL_NS_MODE_SECTOR:
		if (btt)
			size = ndctl_btt_get_size(btt);
		break;
	default:
		size = ndctl_namespace_get_size(ndns);
		break;
	}
	if (mode != NDCTL_NS_MODE_UNKNOWN)
		add(jndns, "mode", json_object_new_string(nd_mode_name(mode)));
	if (mode == NDCTL_NS_MODE_FSDAX || mode == NDCTL_NS_MODE_DEVDAX)
		add(jndns, "map", json_object_new_string(
			loc == NDCTL_PFN_LOC_RAM ? "mem" :
			loc == NDCTL_PFN_LOC_PMEM ? "dev" : "none"));
	if (size < ULLONG_MAX)
		add(jndns, "size", util_json_new_size(size, flags));

	if (btt || pfn || dax) {
		/* the personality's uuid is what identifies the data */
		if (btt)
			ndctl_btt_get_uuid(btt, uu);
		else if (pfn)
			ndctl_pfn_get_uuid(pfn, uu);
		else
			ndctl_dax_get_uuid(dax, uu);
		add(jndns, "uuid", uuid_json(uu));
		ndctl_namespace_get_uuid(ndns, uu);
		if ((flags & UTIL_JSON_VERBOSE) && !uuid_is_null(uu))
			add(jndns, "raw_uuid", uuid_json(uu));
	} else if (ndctl_namespace_get_type(ndns) != ND_DEVICE_NAMESPACE_IO) {
		ndctl_namespace_get_uuid(ndns, uu);
		add(jndns, "uuid", uuid_json(uu));
	}

	if (btt) {
		bdev = ndctl_btt_get_block_device(btt);
		sector_size = ndctl_btt_get_sector_size(btt);
	} else if (pfn) {
		bdev = ndctl_pfn_get_block_device(pfn);
		align = ndctl_pfn_get_align(pfn);
	} else if (dax) {
		struct daxctl_region *dregion = ndctl_dax_get_daxctl_region(dax);

		align = ndctl_dax_get_align(dax);
		if (dregion && (flags & ND_JSON_DAX)) {
			add(jndns, "daxregion", daxregion_json(dregion, flags));
		} else if (dregion) {
			struct daxctl_dev *dev = daxctl_dev_get_first(dregion);

			/* only an enabled instance has a character device */
			if (dev)
				add(jndns, "chardev", json_object_new_string(
					daxctl_dev_get_devname(dev)));
		}
	} else {
		bdev = ndctl_namespace_get_block_device(ndns);
	}
	if (!dax && !btt) {
		/* pre-1.2 labels and label-less namespaces imply 512 */
		sector_size = ndctl_namespace_get_sector_size(ndns);
		if (!sector_size || sector_size == UINT_MAX)
			sector_size = 512;
	}
	if (sector_size < UINT_MAX)
		add(jndns, "sector_size", json_object_new_int64(sector_size));
	if (align && align < ULONG_MAX)
		add(jndns, "align", util_json_new_u64(align));
	if (bdev && bdev[0])
		add(jndns, "blockdev", json_object_new_string(bdev));
	if (!ndctl_namespace_is_active(ndns))
		add(jndns, "state", json_object_new_string("disabled"));
	name = ndctl_namespace_get_alt_name(ndns);
	if (name && name[0])
		add(jndns, "name", json_object_new_string(name));
	if (flags & UTIL_JSON_VERBOSE) {
		node = ndctl_namespace_get_numa_node(ndns);
		if (node >= 0)
			add(jndns, "numa_node", json_object_new_int(node));
		node = ndctl_namespace_get_target_node(ndns);
		if (node >= 0)
			add(jndns, "target_node", json_object_new_int(node));
	}

	if (begin == ULLONG_MAX || size == ULLONG_MAX)
		nd_namespace_data_range(ndns, &begin, &size);
	if (begin != ULLONG_MAX && size && size != ULLONG_MAX)
		jbbs = range_badblocks(region, begin, size, &bb_count,
				       btt ? 0 : flags);
	if (bb_count)
		add(jndns, "badblock_count", json_object_new_int(bb_count));
	if (jbbs)
		add(jndns, "badblocks", jbbs);
	return jndns;
}
