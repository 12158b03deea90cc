/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBNDCTL_LABELS_H
#define LIBNDCTL_LABELS_H

/*
 * Codec for the namespace label storage area of an NVDIMM (UEFI 2.7
 * "Label Storage Area"; versions 1.1 and 1.2 as Linux writes them):
 *
 *   [index block 0][index block 1][label slot 0][label slot 1]...
 *
 * Every function takes the raw area as (buf, len) of untrusted bytes and
 * never touches memory outside it.  Multi-byte fields are little endian
 * and read bytewise, so any alignment and host byte order work.  Private
 * to the project: used by libndctl, the ndctl CLI and the tests.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	ND_LABEL_SIG_LEN = 16,
	ND_LABEL_INDEX_ALIGN = 256,
	ND_LABEL_INDEX_HDR = 72, /* fixed part of an index block */
	ND_LABEL_UUID_LEN = 16,
	ND_LABEL_NAME_LEN = 64,
	ND_LABEL_FLAG_ROLABEL = 0x1,
	ND_LABEL_FLAG_LOCAL = 0x2,
	ND_LABEL_FLAG_BTT = 0x4,
	ND_LABEL_FLAG_UPDATING = 0x8,
};

/* Layout of an area, derived from its size and the label size. */
struct nd_label_geom {
	uint32_t config_size;
	uint32_t label_size; /* 128 (v1.1) or 256 (v1.2) */
	uint32_t nslot;
	uint32_t index_size; /* bytes per index block, 256-aligned */
};

/* Decoded index block. */
struct nd_label_index {
	uint32_t seq;
	uint64_t myoff, mysize, otheroff, labeloff;
	uint32_t nslot;
	uint16_t major, minor;
	uint8_t labelsize;
	uint64_t checksum;
};

/* Decoded namespace label; v1.2-only fields are zero for v1.1. */
struct nd_label {
	uint8_t uuid[ND_LABEL_UUID_LEN];
	char name[ND_LABEL_NAME_LEN + 1];
	uint32_t flags;
	uint16_t nlabel, position;
	uint64_t isetcookie, lbasize, dpa, rawsize;
	uint32_t slot;
	uint8_t align;
	uint8_t type_guid[16];
	uint8_t abstraction_guid[16];
	uint64_t checksum;
};

/* Result of validating a whole area. */
struct nd_label_area {
	struct nd_label_geom geom;
	int current;   /* index block in force: 0 or 1 */
	int num_valid; /* how many index blocks passed */
	struct nd_label_index index[2];
	uint32_t used; /* slots marked busy in the current free bitmap */
};

/* Fletcher-64 over little-endian 32-bit words (len rounded down to 4). */
uint64_t nd_label_fletcher64(const void *buf, size_t len);

/* Sequence numbers cycle 1 -> 2 -> 3 -> 1; 0 is invalid. */
uint32_t nd_label_next_seq(uint32_t seq);
/* The newer of two sequence numbers (either may be 0 = invalid). */
uint32_t nd_label_best_seq(uint32_t a, uint32_t b);

/*
 * Geometry for an area of @config_size bytes holding @label_size-byte
 * labels.  -EINVAL when the size is not 128/256 or the area cannot hold
 * two index blocks and two labels.
 */
int nd_label_geometry(uint32_t config_size, uint32_t label_size,
		      struct nd_label_geom *g);

/*
 * Decode index block @which (0/1) and check it against @g: signature,
 * version vs label size, checksum, sequence, offsets, size, slot count.
 * Returns 0 if valid, else a negative errno (-ENODATA: no signature,
 * -EBADMSG: checksum, -EINVAL: inconsistent field, -ENOSPC: short buf).
 */
int nd_label_index_parse(const void *buf, size_t len,
			 const struct nd_label_geom *g, int which,
			 struct nd_label_index *out);

/*
 * Validate an area of @len bytes, trying 128- then 256-byte labels as
 * the kernel does.  Returns the current index block (0/1) with *area
 * filled, or a negative errno when no index block is valid.
 */
int nd_label_area_validate(const void *buf, size_t len,
			   struct nd_label_area *area);

/*
 * Write index block @which with sequence @seq and an all-free bitmap.
 * -ENOSPC when @len is smaller than the two index blocks.
 */
int nd_label_index_build(void *buf, size_t len, const struct nd_label_geom *g,
			 int which, uint32_t seq);

/*
 * Format a fresh area: both index blocks (sequence 3 then 2, so block 0
 * is current), every slot free, label slots zeroed.  @label_size picks
 * the version: 128 -> v1.1, 256 -> v1.2.
 */
int nd_label_area_init(void *buf, size_t len, uint32_t label_size,
		       struct nd_label_geom *g);

/* Is @slot free in index block @which's bitmap?  1/0 or negative errno. */
int nd_label_slot_is_free(const void *buf, size_t len,
			  const struct nd_label_geom *g, int which,
			  uint32_t slot);
/* Mark @slot busy/free in index block @which and refresh its checksum. */
int nd_label_slot_set(void *buf, size_t len, const struct nd_label_geom *g,
		      int which, uint32_t slot, bool busy);

/*
 * Decode the label in @slot.  Checks that the label records its own slot
 * and, for 256-byte labels, its checksum.  0 or negative errno.
 */
int nd_label_parse(const void *buf, size_t len, const struct nd_label_geom *g,
		   uint32_t slot, struct nd_label *out);
/* Encode @in into @slot (slot field and v1.2 checksum filled in). */
int nd_label_build(void *buf, size_t len, const struct nd_label_geom *g,
		   uint32_t slot, const struct nd_label *in);

#endif
