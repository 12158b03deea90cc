// SPDX-License-Identifier: LGPL-2.1-or-later
/* fsdax/devdax info block codec; see pfn-info.h for the layout. */
#include <errno.h>
#include <string.h>

#include "pfn-info.h"
#include "util/le.h"

enum {
	PI_SIG = 0,
	PI_UUID = 16,
	PI_PARENT = 32,
	PI_FLAGS = 48,
	PI_MAJOR = 52,
	PI_MINOR = 54,
	PI_DATAOFF = 56,
	PI_NPFNS = 64,
	PI_MODE = 72,
	PI_START_PAD = 76,
	PI_END_TRUNC = 80,
	PI_ALIGN = 84,
	PI_PAGE_SIZE = 88,
	PI_PAGE_STRUCT = 92,
	PI_PADDING = 94,
	PI_CHECKSUM = 4088,
	/* the page map starts after the first 8 KiB (kernel's SZ_8K) */
	PI_MAP_START = 8192,
	PI_MIN_PAGE = 4096,
};

static const char pfn_sig[ND_PFN_SIG_LEN] = "NVDIMM_PFN_INFO";
static const char dax_sig[ND_PFN_SIG_LEN] = "NVDIMM_DAX_INFO";

static bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

static const char *const err_text[ND_PFN_ERR_MAX] = {
	[ND_PFN_OK] = "ok",
	[ND_PFN_ERR_TRUNCATED] = "info block truncated (less than 4096 bytes)",
	[ND_PFN_ERR_SIGNATURE] = "no NVDIMM_PFN_INFO or NVDIMM_DAX_INFO signature",
	[ND_PFN_ERR_CHECKSUM] = "info block checksum mismatch",
	[ND_PFN_ERR_VERSION] = "unsupported info block major version",
	[ND_PFN_ERR_PARENT_UUID] = "parent uuid does not match the namespace",
	[ND_PFN_ERR_MODE] = "page map mode is neither ram nor pmem",
	[ND_PFN_ERR_DATAOFF] = "data offset misaligned or outside the namespace",
	[ND_PFN_ERR_NPFNS] = "data area (npfns pages) overruns the namespace",
	[ND_PFN_ERR_ALIGN] = "alignment not a power of two or larger than the namespace",
	[ND_PFN_ERR_PAGE_SIZE] = "page size not a power of two of at least 4096",
	[ND_PFN_ERR_PAGE_STRUCT] = "page map reservation too small for npfns pages",
	[ND_PFN_ERR_PADDING] = "non-zero reserved bytes in a version 1.3+ block",
};

const char *nd_pfn_err_str(enum nd_pfn_err err)
{
	if ((unsigned int)err >= ND_PFN_ERR_MAX)
		return "unknown error";
	return err_text[err];
}

uint64_t nd_pfn_info_checksum(const void *buf, size_t len)
{
	if (len < ND_PFN_INFO_SIZE)
		return 0;
	return fletcher64_skip(buf, ND_PFN_INFO_SIZE, PI_CHECKSUM);
}

enum nd_pfn_err nd_pfn_info_parse(const void *buf, size_t len,
				  struct nd_pfn_info *out)
{
	const uint8_t *p = buf;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!buf || len < ND_PFN_INFO_SIZE)
		return ND_PFN_ERR_TRUNCATED;

	memcpy(out->signature, p + PI_SIG, ND_PFN_SIG_LEN);
	if (!memcmp(p + PI_SIG, pfn_sig, ND_PFN_SIG_LEN))
		out->kind = ND_PFN_KIND_PFN;
	else if (!memcmp(p + PI_SIG, dax_sig, ND_PFN_SIG_LEN))
		out->kind = ND_PFN_KIND_DAX;
	memcpy(out->uuid, p + PI_UUID, ND_PFN_UUID_LEN);
	memcpy(out->parent_uuid, p + PI_PARENT, ND_PFN_UUID_LEN);
	out->flags = le32_get(p + PI_FLAGS);
	out->version_major = le16_get(p + PI_MAJOR);
	out->version_minor = le16_get(p + PI_MINOR);
	out->dataoff = le64_get(p + PI_DATAOFF);
	out->npfns = le64_get(p + PI_NPFNS);
	out->mode = le32_get(p + PI_MODE);
	out->start_pad = le32_get(p + PI_START_PAD);
	out->end_trunc = le32_get(p + PI_END_TRUNC);
	out->align = le32_get(p + PI_ALIGN);
	out->page_size = le32_get(p + PI_PAGE_SIZE);
	out->page_struct_size = le16_get(p + PI_PAGE_STRUCT);
	out->checksum = le64_get(p + PI_CHECKSUM);
	out->checksum_computed = nd_pfn_info_checksum(p, len);

	/* the kernel's load-time rules for fields newer than the block */
	out->eff_start_pad = out->version_minor >= 1 ? out->start_pad : 0;
	out->eff_end_trunc = out->version_minor >= 1 ? out->end_trunc : 0;
	out->eff_align = out->version_minor >= 2 ? out->align : 0;
	if (out->version_minor >= 4) {
		out->eff_page_size = out->page_size;
		out->eff_page_struct_size = out->page_struct_size;
	} else {
		out->eff_page_size = PI_MIN_PAGE;
		out->eff_page_struct_size = ND_PFN_DEFAULT_PAGE_STRUCT;
	}
	/* no align recorded: the largest power of two dividing dataoff */
	if (!out->eff_align && out->dataoff) {
		uint64_t a = out->dataoff & -out->dataoff;

		out->eff_align = a > UINT32_MAX ? 0x80000000u : (uint32_t)a;
	}

	if (out->kind == ND_PFN_KIND_NONE)
		return ND_PFN_ERR_SIGNATURE;
	if (out->checksum != out->checksum_computed)
		return ND_PFN_ERR_CHECKSUM;
	if (out->version_major != 1)
		return ND_PFN_ERR_VERSION;
	if (out->version_minor >= 3) {
		if (out->flags)
			return ND_PFN_ERR_PADDING;
		for (i = PI_PADDING; i < PI_CHECKSUM; i++)
			if (p[i])
				return ND_PFN_ERR_PADDING;
	}
	return ND_PFN_OK;
}

enum nd_pfn_err nd_pfn_info_check(const struct nd_pfn_info *info,
				  uint64_t ns_size,
				  const uint8_t *parent_uuid)
{
	uint64_t ps = info->eff_page_size, end;

	if (parent_uuid &&
	    memcmp(info->parent_uuid, parent_uuid, ND_PFN_UUID_LEN))
		return ND_PFN_ERR_PARENT_UUID;
	if (info->mode != ND_PFN_MODE_RAM && info->mode != ND_PFN_MODE_PMEM)
		return ND_PFN_ERR_MODE;
	if (!is_pow2(ps) || ps < PI_MIN_PAGE)
		return ND_PFN_ERR_PAGE_SIZE;
	/* data starts after the info block, page aligned, inside */
	if (info->dataoff < ND_PFN_INFO_OFFSET + ND_PFN_INFO_SIZE ||
	    info->dataoff % PI_MIN_PAGE || info->dataoff >= ns_size)
		return ND_PFN_ERR_DATAOFF;
	if (!is_pow2(info->eff_align) || info->eff_align > ns_size)
		return ND_PFN_ERR_ALIGN;
	if (info->eff_start_pad >= ns_size ||
	    info->eff_end_trunc > ns_size - info->dataoff)
		return ND_PFN_ERR_NPFNS;
	/* npfns pages, then end_trunc, must fit after dataoff */
	end = ns_size - info->dataoff - info->eff_end_trunc;
	if (info->npfns > end / ps)
		return ND_PFN_ERR_NPFNS;
	if (info->mode == ND_PFN_MODE_PMEM) {
		uint64_t room = info->dataoff - PI_MAP_START;

		if (!info->eff_page_struct_size ||
		    info->npfns > room / info->eff_page_struct_size)
			return ND_PFN_ERR_PAGE_STRUCT;
	}
	return ND_PFN_OK;
}

int nd_pfn_info_build(void *buf, size_t len, const struct nd_pfn_info *in)
{
	uint8_t *p = buf;

	if (len < ND_PFN_INFO_SIZE)
		return -ENOSPC;
	if (in->kind != ND_PFN_KIND_PFN && in->kind != ND_PFN_KIND_DAX)
		return -EINVAL;
	memset(p, 0, ND_PFN_INFO_SIZE);
	memcpy(p + PI_SIG, in->kind == ND_PFN_KIND_PFN ? pfn_sig : dax_sig,
	       ND_PFN_SIG_LEN);
	memcpy(p + PI_UUID, in->uuid, ND_PFN_UUID_LEN);
	memcpy(p + PI_PARENT, in->parent_uuid, ND_PFN_UUID_LEN);
	le32_put(p + PI_FLAGS, in->flags);
	le16_put(p + PI_MAJOR, in->version_major);
	le16_put(p + PI_MINOR, in->version_minor);
	le64_put(p + PI_DATAOFF, in->dataoff);
	le64_put(p + PI_NPFNS, in->npfns);
	le32_put(p + PI_MODE, in->mode);
	le32_put(p + PI_START_PAD, in->start_pad);
	le32_put(p + PI_END_TRUNC, in->end_trunc);
	le32_put(p + PI_ALIGN, in->align);
	le32_put(p + PI_PAGE_SIZE, in->page_size);
	le16_put(p + PI_PAGE_STRUCT, in->page_struct_size);
	le64_put(p + PI_CHECKSUM, nd_pfn_info_checksum(p, ND_PFN_INFO_SIZE));
	return 0;
}

static const char *const layout_err_text[ND_PFN_LAYOUT_MAX] = {
	[ND_PFN_LAYOUT_OK] = "ok",
	[ND_PFN_LAYOUT_MODE] = "page map location is neither memory nor the device",
	[ND_PFN_LAYOUT_PAGE_SIZE] = "page size not a power of two of at least 4096",
	[ND_PFN_LAYOUT_ALIGN] = "alignment not a power of two of at least the page size",
	[ND_PFN_LAYOUT_START] = "namespace start not 2 MiB aligned",
	[ND_PFN_LAYOUT_SIZE] = "size not a multiple of the page size",
	[ND_PFN_LAYOUT_TOO_SMALL] = "size too small for the alignment and page map",
};

const char *nd_pfn_layout_err_str(enum nd_pfn_layout_err err)
{
	if ((unsigned int)err >= ND_PFN_LAYOUT_MAX)
		return "unknown error";
	return layout_err_text[err];
}

/* round @v up to @a (a power of two); false when that overflows */
static bool align_up(uint64_t v, uint64_t a, uint64_t *out)
{
	if (v > UINT64_MAX - (a - 1))
		return false;
	*out = (v + a - 1) & ~(a - 1);
	return true;
}

enum nd_pfn_layout_err nd_pfn_info_layout(struct nd_pfn_info *out,
					  const struct nd_pfn_geometry *g)
{
	uint64_t align, npfns, map, end, first, offset;

	if (g->mode != ND_PFN_MODE_RAM && g->mode != ND_PFN_MODE_PMEM)
		return ND_PFN_LAYOUT_MODE;
	if (!is_pow2(g->page_size) || g->page_size < PI_MIN_PAGE)
		return ND_PFN_LAYOUT_PAGE_SIZE;
	if (!is_pow2(g->align) || g->align < g->page_size)
		return ND_PFN_LAYOUT_ALIGN;
	/* nd_pfn_init() refuses to initialise a namespace starting off it */
	if (g->start % ND_PFN_COMPAT_ALIGN)
		return ND_PFN_LAYOUT_START;
	if (g->size % g->page_size)
		return ND_PFN_LAYOUT_SIZE;
	/* nd_pfn_validate(): "alignment exceeds capacity" */
	if (g->size <= PI_MAP_START || g->align > g->size ||
	    g->start > UINT64_MAX - g->size)
		return ND_PFN_LAYOUT_TOO_SMALL;

	align = g->align > ND_PFN_COMPAT_ALIGN ? g->align : ND_PFN_COMPAT_ALIGN;
	end = g->start + g->size;
	/* the data ends on the last align boundary inside the namespace */
	first = g->start + PI_MAP_START;
	if (g->mode == ND_PFN_MODE_PMEM) {
		/* reserved for every page of the namespace, as the kernel */
		npfns = (g->size - PI_MAP_START) / g->page_size;
		map = npfns * ND_PFN_MAX_PAGE_STRUCT;
		if (first > UINT64_MAX - map)
			return ND_PFN_LAYOUT_TOO_SMALL;
		first += map;
	}
	if (!align_up(first, align, &offset))
		return ND_PFN_LAYOUT_TOO_SMALL;
	offset -= g->start;
	if (offset >= g->size)
		return ND_PFN_LAYOUT_TOO_SMALL;
	/* at least one page between the data offset and the truncated end */
	if (g->size - offset < end % align ||
	    g->size - offset - end % align < g->page_size)
		return ND_PFN_LAYOUT_TOO_SMALL;

	out->version_major = 1;
	out->version_minor = 4;
	out->mode = g->mode;
	out->dataoff = offset;
	out->end_trunc = (uint32_t)(end % align);
	out->npfns = (g->size - offset - out->end_trunc) / g->page_size;
	out->start_pad = 0;
	out->align = g->align;
	out->page_size = g->page_size;
	out->page_struct_size = ND_PFN_MAX_PAGE_STRUCT;
	/* a 1.4 block reads back as stored */
	out->eff_start_pad = 0;
	out->eff_end_trunc = out->end_trunc;
	out->eff_align = out->align;
	out->eff_page_size = out->page_size;
	out->eff_page_struct_size = out->page_struct_size;
	return ND_PFN_LAYOUT_OK;
}
