/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBNDCTL_PFN_INFO_H
#define LIBNDCTL_PFN_INFO_H

/*
 * Codec for the info block that Linux writes 4 KiB into an fsdax ("pfn")
 * or devdax namespace to describe the page map reserved at the start of
 * the namespace and the data area after it.  One 4096-byte block:
 *
 *   off  size  field
 *     0   16   signature "NVDIMM_PFN_INFO\0" (fsdax) or "NVDIMM_DAX_INFO\0"
 *    16   16   uuid of the pfn/dax device
 *    32   16   parent uuid: the uuid of the namespace holding it
 *    48    4   flags
 *    52    2   version major (1)
 *    54    2   version minor (0..4; fields below are "since minor N")
 *    56    8   dataoff: data offset from the namespace base
 *    64    8   npfns: pages in the data area
 *    72    4   mode: 0 none, 1 page map in RAM, 2 page map in pmem
 *    76    4   start_pad (minor 1, deprecated)
 *    80    4   end_trunc (minor 1)
 *    84    4   align (minor 2)
 *    88    4   page_size (minor 4)
 *    92    2   page_struct_size (minor 4)
 *    94 3994   zero padding (guaranteed zero since minor 3)
 *  4088    8   checksum: Fletcher-64 of the block with this field zero
 *
 * All functions take untrusted bytes as (buf, len), never touch memory
 * outside them and never allocate.  Multi-byte fields are little endian.
 * Private to the project (not exported by libndctl.so): compiled into the
 * ndctl tool and the tests directly.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	ND_PFN_INFO_SIZE = 4096,
	ND_PFN_INFO_OFFSET = 4096, /* byte offset inside the namespace */
	ND_PFN_SIG_LEN = 16,
	ND_PFN_UUID_LEN = 16,
	ND_PFN_MODE_NONE = 0,
	ND_PFN_MODE_RAM = 1,
	ND_PFN_MODE_PMEM = 2,
	ND_PFN_DEFAULT_PAGE_STRUCT = 64, /* assumed before minor 4 */
};

enum nd_pfn_kind {
	ND_PFN_KIND_NONE = 0, /* neither signature */
	ND_PFN_KIND_PFN,      /* "NVDIMM_PFN_INFO": fsdax */
	ND_PFN_KIND_DAX,      /* "NVDIMM_DAX_INFO": devdax */
};

/* What was wrong with a block; the first problem found is returned. */
enum nd_pfn_err {
	ND_PFN_OK = 0,
	ND_PFN_ERR_TRUNCATED,    /* fewer than 4096 bytes */
	ND_PFN_ERR_SIGNATURE,    /* neither signature (e.g. zeroed block) */
	ND_PFN_ERR_CHECKSUM,     /* stored checksum differs from computed */
	ND_PFN_ERR_VERSION,      /* major not 1 */
	ND_PFN_ERR_PARENT_UUID,  /* parent uuid is not the expected one */
	ND_PFN_ERR_MODE,         /* mode neither RAM nor PMEM */
	ND_PFN_ERR_DATAOFF,      /* dataoff unaligned, or past the namespace */
	ND_PFN_ERR_NPFNS,        /* the data area overruns the namespace */
	ND_PFN_ERR_ALIGN,        /* align not a power of two / too large */
	ND_PFN_ERR_PAGE_SIZE,    /* page_size not a power of two >= 4096 */
	ND_PFN_ERR_PAGE_STRUCT,  /* page map too small for npfns pages */
	ND_PFN_ERR_PADDING,      /* minor >= 3 with non-zero padding */
	ND_PFN_ERR_MAX,
};

/*
 * Decoded block.  The stored fields are kept as read; the "effective"
 * ones apply the version rules the kernel applies on load (fields newer
 * than the block's minor version read as their defaults).
 */
struct nd_pfn_info {
	enum nd_pfn_kind kind;
	uint8_t signature[ND_PFN_SIG_LEN];
	uint8_t uuid[ND_PFN_UUID_LEN];
	uint8_t parent_uuid[ND_PFN_UUID_LEN];
	uint32_t flags;
	uint16_t version_major, version_minor;
	uint64_t dataoff, npfns;
	uint32_t mode;
	uint32_t start_pad, end_trunc, align, page_size;
	uint16_t page_struct_size;
	uint64_t checksum;          /* as stored */
	uint64_t checksum_computed; /* over the block with the field zero */
	/* effective values (version rules applied) */
	uint32_t eff_start_pad, eff_end_trunc, eff_align, eff_page_size;
	uint16_t eff_page_struct_size;
};

/* Human-readable text for @err ("ok" for ND_PFN_OK). */
const char *nd_pfn_err_str(enum nd_pfn_err err);

/* Fletcher-64 of a 4096-byte block as the kernel computes it, with the
 * checksum field (bytes 4088..4095) taken as zero. 0 if @len < 4096. */
uint64_t nd_pfn_info_checksum(const void *buf, size_t len);

/*
 * Decode the block at the start of @buf and check the things that depend
 * on nothing else: length, signature, checksum, major version, and for
 * minor >= 3 the zero padding.  *out is filled as far as the bytes allow
 * even on error (kind, fields, both checksums once len >= 4096).
 * Returns ND_PFN_OK or the first problem.
 */
enum nd_pfn_err nd_pfn_info_parse(const void *buf, size_t len,
				  struct nd_pfn_info *out);

/*
 * Check a parsed block against the namespace it was read from:
 * @ns_size bytes, and if @parent_uuid is not NULL the namespace uuid.
 * Checks mode, dataoff (4 KiB aligned, past the info block, inside the
 * namespace), the data area (dataoff + npfns pages + end_trunc within
 * the namespace), align and page_size (powers of two), and for PMEM
 * mode that the page map between 8 KiB and dataoff holds npfns pages of
 * page_struct_size bytes.  Returns ND_PFN_OK or the first problem.
 */
enum nd_pfn_err nd_pfn_info_check(const struct nd_pfn_info *info,
				  uint64_t ns_size,
				  const uint8_t *parent_uuid);

/*
 * Where a namespace sits and how its info block should lay it out: the
 * inputs of the kernel's nd_pfn_init() (drivers/nvdimm/pfn_devs.c).
 */
struct nd_pfn_geometry {
	uint64_t start;     /* physical address of the namespace */
	uint64_t size;      /* namespace size in bytes */
	uint32_t align;     /* the align to record (a power of two) */
	uint32_t mode;      /* ND_PFN_MODE_RAM or ND_PFN_MODE_PMEM */
	uint32_t page_size; /* the kernel's PAGE_SIZE */
};

enum {
	/*
	 * memremap_compat_align() on x86 (and every architecture without
	 * its own): the subsection size.  Data offset and end are rounded
	 * to at least this, and a namespace must start on it.
	 */
	ND_PFN_COMPAT_ALIGN = 2 << 20,
	/* the page map area is reserved at 64 bytes per page */
	ND_PFN_MAX_PAGE_STRUCT = 64,
};

/* Why nd_pfn_info_layout() refused a geometry. */
enum nd_pfn_layout_err {
	ND_PFN_LAYOUT_OK = 0,
	ND_PFN_LAYOUT_MODE,       /* mode neither RAM nor PMEM */
	ND_PFN_LAYOUT_PAGE_SIZE,  /* page size not a power of two >= 4096 */
	ND_PFN_LAYOUT_ALIGN,      /* align not a power of two >= page size */
	ND_PFN_LAYOUT_START,      /* start not ND_PFN_COMPAT_ALIGN aligned */
	ND_PFN_LAYOUT_SIZE,       /* size not a multiple of the page size */
	ND_PFN_LAYOUT_TOO_SMALL,  /* align larger than the namespace, or the
				     data would start at or past its end */
	ND_PFN_LAYOUT_MAX,
};

const char *nd_pfn_layout_err_str(enum nd_pfn_layout_err err);

/*
 * Fill @out's layout fields the way nd_pfn_init() does for a namespace
 * it initialises: version 1.4, mode, dataoff (the info block and, with
 * PMEM mode, 64 bytes per page of page map, rounded up to the larger of
 * align and ND_PFN_COMPAT_ALIGN), npfns, end_trunc (the tail past the
 * last such boundary), start_pad 0, align, page_size, page_struct_size 64.
 * Kind, uuids and flags are left as they are.  The kernel accepts the
 * result in nd_pfn_validate() for a namespace at g->start of g->size
 * bytes (for devdax also provided that align is a page size it maps).
 */
enum nd_pfn_layout_err nd_pfn_info_layout(struct nd_pfn_info *out,
					  const struct nd_pfn_geometry *g);

/*
 * Encode @in into a 4096-byte block at @buf: the signature from
 * in->kind, every stored field, zero padding and the checksum.
 * -ENOSPC when @len < 4096, -EINVAL for ND_PFN_KIND_NONE.
 */
int nd_pfn_info_build(void *buf, size_t len, const struct nd_pfn_info *in);

#endif
