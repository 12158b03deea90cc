/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBNDCTL_BTT_H
#define LIBNDCTL_BTT_H

/*
 * Codec for the Block Translation Table that backs a sector-mode
 * namespace (UEFI BTT layout; versions 1.1 and 2.0 as Linux writes them).
 *
 * The namespace holds one or more arenas, back to back, from byte 4096
 * (version 1.1) or byte 0 (version 2.0).  Each arena is
 *
 *   [info block][data blocks ...][map][flog][backup info block]
 *    infooff=0   dataoff          mapoff logoff info2off
 *
 * with the offsets stored in the info block relative to the arena start;
 * nextoff is the relative start of the next arena (0 for the last).
 *
 * Info block, 4096 bytes:
 *     0  16 signature "BTT_ARENA_INFO\0\0"   16 16 uuid
 *    32  16 parent uuid (namespace uuid)     48  4 flags (bit 0: error)
 *    52   2 version major                    54  2 version minor
 *    56   4 external lbasize                 60  4 external nlba
 *    64   4 internal lbasize                 68  4 internal nlba
 *    72   4 nfree                            76  4 infosize (4096)
 *    80   8 nextoff   88 8 dataoff   96 8 mapoff   104 8 logoff
 *   112   8 info2off  120..4087 zero   4088 8 checksum (Fletcher-64 with
 *                                           this field taken as zero)
 *
 * Map: external_nlba little-endian 32-bit entries indexed by premap
 * (external) LBA.  Bits 0-29 hold the postmap (internal) block, bit 30
 * the error flag (E), bit 31 the zero flag (Z).  Z=E=0 is the initial
 * state "postmap = premap"; Z=E=1 is a normal mapping; E alone marks a
 * block with a media error, Z alone a trimmed (reads as zero) block.
 *
 * Flog: nfree lanes of 64 bytes, each four 16-byte slots of
 * {lba, old_map, new_map, seq} (32-bit each).  Two slots are entries, two
 * zero padding: slots (0,1) in the current format, (0,2) in the format of
 * kernels before 4.15.  Sequence numbers cycle 1 -> 2 -> 3 -> 1, 0 means
 * never written; the newer of a lane's two entries is the one whose seq
 * follows the other's.  Its old_map is the lane's free block; when
 * old_map != new_map the map at lba should hold new_map (or still hold
 * old_map: a write interrupted between flog and map update, which the
 * kernel completes on the next load).
 *
 * Every function takes untrusted bytes as (buf, len) and never touches
 * memory outside them.  Multi-byte fields are read bytewise (any
 * alignment and host byte order).  Private to the project (not exported
 * by libndctl.so): compiled into the ndctl tool and the tests directly.
 *
 * Checking reports each finding through struct nd_btt_report (counts per
 * kind, optionally a callback); the check functions return 0 when no
 * error (warnings allowed) was found, -EINVAL when an error was, -ENOMEM
 * when a scratch bitmap could not be allocated.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	ND_BTT_INFO_SIZE = 4096,
	ND_BTT_SIG_LEN = 16,
	ND_BTT_UUID_LEN = 16,
	ND_BTT_MAP_ENT_SIZE = 4,
	ND_BTT_LOG_ENT_SIZE = 16,
	ND_BTT_LOG_GRP_SIZE = 64,
	ND_BTT_FLAG_ERROR = 0x1,        /* info block flags bit 0 */
	ND_BTT_V1_OFFSET = 4096,        /* first arena of a version 1.1 BTT */
	ND_BTT_MAX_LBASIZE = 65536,     /* larger lbasizes are refused */
	ND_BTT_MAX_ARENAS = 65536,      /* longer nextoff chains are refused */
};

/* the largest arena the UEFI layout allows (and Linux creates) */
#define ND_BTT_MAX_ARENA_SIZE (1ull << 39)

#define ND_BTT_MAP_LBA_MASK 0x3fffffffu
#define ND_BTT_MAP_E_FLAG 0x40000000u
#define ND_BTT_MAP_Z_FLAG 0x80000000u

/* Kinds of finding.  Those marked (w) are warnings, the rest errors. */
enum nd_btt_issue {
	ND_BTT_ISSUE_NONE = 0,
	ND_BTT_TRUNCATED,         /* a structure extends past the buffer */
	ND_BTT_NO_SIGNATURE,      /* no "BTT_ARENA_INFO" signature */
	ND_BTT_BAD_CHECKSUM,      /* info block checksum mismatch */
	ND_BTT_BAD_VERSION,       /* not 1.1/2.0, or not where it belongs */
	ND_BTT_BAD_UUID,          /* null uuid, parent uuid mismatch, or the
				   * arenas disagree */
	ND_BTT_BAD_INFOSIZE,      /* infosize not 4096 */
	ND_BTT_BAD_LBASIZE,       /* external/internal lbasize inconsistent */
	ND_BTT_BAD_NFREE,         /* nfree zero or larger than the blocks */
	ND_BTT_BAD_NLBA,          /* nlba vs nfree, map size or data size */
	ND_BTT_BAD_OFFSETS,       /* offsets unordered, overlapping, outside */
	ND_BTT_BAD_NEXTOFF,       /* next arena past the end or overlapping */
	ND_BTT_ERROR_FLAG,        /* (w) arena marked as being in error */
	ND_BTT_BACKUP_BAD,        /* the backup info block is invalid */
	ND_BTT_BACKUP_MISMATCH,   /* the backup differs from the primary */
	ND_BTT_MAP_OUT_OF_RANGE,  /* map entry past internal nlba */
	ND_BTT_MAP_DUPLICATE,     /* postmap block mapped twice */
	ND_BTT_FLOG_PADDING,      /* padding slots in an unknown layout */
	ND_BTT_FLOG_TORN,         /* lane's seq numbers give no newer entry */
	ND_BTT_FLOG_BAD_ENTRY,    /* lba/old/new of the entry out of range */
	ND_BTT_FLOG_MAP_MISMATCH, /* (w) map at lba holds neither old nor
				   * new: remapped since through another lane */
	ND_BTT_FLOG_UNFINISHED,   /* (w) map still holds old_map */
	ND_BTT_FREE_DUPLICATE,    /* free block also mapped or free twice */
	ND_BTT_ISSUE_MAX,
};

struct nd_btt_finding {
	enum nd_btt_issue issue;
	uint32_t arena;  /* arena index, 0 first */
	uint64_t offset; /* byte offset of the structure in the buffer given */
	uint64_t index;  /* premap LBA (map) or lane (flog), else 0 */
	uint64_t value;  /* the offending value, where there is one */
};

struct nd_btt_report {
	/* optional: called for every finding */
	void (*fn)(void *ctx, const struct nd_btt_finding *f);
	void *ctx;
	/* filled in by the checks (zero the struct before use) */
	unsigned int count[ND_BTT_ISSUE_MAX];
	unsigned int errors, warnings;
	struct nd_btt_finding first; /* first error (or warning) found */
};

/* Decoded info block. */
struct nd_btt_info {
	uint8_t signature[ND_BTT_SIG_LEN];
	uint8_t uuid[ND_BTT_UUID_LEN];
	uint8_t parent_uuid[ND_BTT_UUID_LEN];
	uint32_t flags;
	uint16_t version_major, version_minor;
	uint32_t external_lbasize, external_nlba;
	uint32_t internal_lbasize, internal_nlba;
	uint32_t nfree, infosize;
	uint64_t nextoff, dataoff, mapoff, logoff, info2off;
	uint64_t checksum;          /* as stored */
	uint64_t checksum_computed; /* over the block with the field zero */
};

/* One flog entry and a lane's decoded state. */
struct nd_btt_log_entry {
	uint32_t lba, old_map, new_map, seq;
};

struct nd_btt_lane {
	struct nd_btt_log_entry ent[2]; /* the two entry slots */
	int newer;  /* 0 or 1: index into ent of the newer entry, -1 torn */
};

/* Flog format: which slots of a 64-byte group hold entries. */
struct nd_btt_flog_format {
	int slot[2]; /* {0,1} (current) or {0,2} (before Linux 4.15) */
};

/* One arena as found in an image. */
struct nd_btt_arena {
	uint64_t base; /* offset of its info block in the image */
	uint64_t size; /* nextoff, or through the backup info block */
	struct nd_btt_info info;
	struct nd_btt_flog_format flog;
};

/* Result of walking an image. */
struct nd_btt_layout {
	uint64_t start;           /* 4096 (v1.1) or 0 (v2.0) */
	uint32_t narena;
	uint64_t external_nlba;   /* sum over the arenas */
	struct nd_btt_arena first; /* first arena's details */
};

/* Human-readable text for a finding kind. */
const char *nd_btt_issue_str(enum nd_btt_issue issue);
/* Is this kind only a warning? */
bool nd_btt_issue_is_warning(enum nd_btt_issue issue);

/* Fletcher-64 of a 4096-byte block with bytes 4088..4095 taken as zero
 * (the kernel's info block checksum); 0 when @len < 4096. */
uint64_t nd_btt_info_checksum(const void *buf, size_t len);

/*
 * Decode the info block at the start of @buf and check it by itself:
 * length, signature, checksum, version (1.1 or 2.0), infosize, uuid not
 * null, lbasizes, nfree, nlba, the order of the offsets and the arena
 * size (at most ND_BTT_MAX_ARENA_SIZE).  *out is
 * filled as far as the bytes allow even on error.  Findings carry
 * @arena and @offset.  0 or -EINVAL.
 */
int nd_btt_info_parse(const void *buf, size_t len, struct nd_btt_info *out,
		      uint32_t arena, uint64_t offset,
		      struct nd_btt_report *rep);

/*
 * Arena size implied by an info block: nextoff when set, else through
 * the backup info block (info2off + 4096).  0 when that overflows.
 */
uint64_t nd_btt_arena_size(const struct nd_btt_info *info);

/* Encode @in into a 4096-byte block with a fresh checksum (infosize and
 * the checksum fields of @in are ignored).  -ENOSPC when @len < 4096. */
int nd_btt_info_build(void *buf, size_t len, const struct nd_btt_info *in);

/* Map entry @premap of a map area (buf, len): raw value in *raw.
 * -ERANGE when the entry lies past @len. */
int nd_btt_map_get(const void *map, size_t len, uint32_t premap,
		   uint32_t *raw);
/* The postmap block an entry stands for (premap when Z=E=0). */
uint32_t nd_btt_map_postmap(uint32_t raw, uint32_t premap);

/*
 * Work out the flog format of @nfree lanes at (buf, len) the way the
 * kernel does (slots (0,1) unless used lanes show (0,2)).  0, or
 * -EINVAL for an unknown padding layout, -ERANGE when short.
 */
int nd_btt_flog_format(const void *flog, size_t len, uint32_t nfree,
		       struct nd_btt_flog_format *fmt);

/*
 * Decode lane @lane: both entries and which is newer (lane->newer = -1
 * when the sequence numbers are torn: equal, out of 0..3, or both 0).
 * 0, -ERANGE when the lane lies past @len, -EINVAL when torn.
 */
int nd_btt_flog_lane(const void *flog, size_t len,
		     const struct nd_btt_flog_format *fmt, uint32_t lane,
		     struct nd_btt_lane *out);

/* Pieces of one arena's metadata, each as (buf, len). */
struct nd_btt_arena_meta {
	const void *info;  size_t info_len;  /* primary info block */
	const void *info2; size_t info2_len; /* backup; NULL: not checked */
	const void *map;   size_t map_len;   /* from mapoff */
	const void *flog;  size_t flog_len;  /* from logoff */
	uint32_t arena;    /* index, for findings */
	uint64_t base;     /* image offset of the arena, for findings */
	/* parent uuid expected, NULL: not checked */
	const uint8_t *parent_uuid;
};

/*
 * Check one arena from its pieces: the info block (nd_btt_info_parse),
 * the backup (valid and byte-identical), every map entry in range and
 * no postmap block mapped twice, every flog lane (format, torn seq,
 * entries in range, map vs old/new), and that the free blocks are
 * neither mapped nor shared.  The map and flog must be at least
 * external_nlba * 4 and nfree * 64 bytes.  *out (may be NULL) gets the
 * arena's description.  0 when no error was found, -EINVAL or -ENOMEM.
 */
int nd_btt_arena_check(const struct nd_btt_arena_meta *m,
		       struct nd_btt_arena *out, struct nd_btt_report *rep);

/*
 * Walk a whole namespace image (buf, len): find the first arena at 0
 * (v2.0) or 4096 (v1.1), check every arena with nd_btt_arena_check and
 * follow nextoff (each arena must lie inside the image and after the
 * previous one).  0 when no error was found, -ENODATA when neither
 * location holds a BTT signature, -EINVAL or -ENOMEM.
 */
int nd_btt_image_check(const void *buf, size_t len,
		       const uint8_t *parent_uuid,
		       struct nd_btt_layout *layout,
		       struct nd_btt_report *rep);

/*
 * The metadata of one arena packed for transport (seed corpora, tests):
 *   [primary info 4096][backup info 4096][flog nfree*64][map ...]
 * Checks it like nd_btt_arena_check; the arena's data blocks are absent.
 */
int nd_btt_packed_check(const void *buf, size_t len,
			struct nd_btt_arena *out, struct nd_btt_report *rep);

/*
 * Repair.  Pure functions on writable copies of an arena's pieces; the
 * caller writes back the bytes each change names.  Only what is
 * unambiguous is changed:
 *   - an info block from its valid twin (primary from backup, backup
 *     from primary);
 *   - flog padding that contradicts the lanes' layout (zeroed);
 *   - an interrupted write the kernel would complete anyway (map[lba]
 *     set to the flog's new block);
 *   - lanes whose entries are torn or out of range, or whose free block
 *     another lane also holds: rebuilt around the internal blocks no one
 *     references (a free block holds no data, so any of them will do);
 *   - one map entry pointing past the internal blocks, when exactly one
 *     block is unreferenced (the only value that keeps every block
 *     referenced once).
 * A block referenced by two map entries, or by a map entry and a lane,
 * is left alone: either reference may be the damaged one, and guessing
 * wrong would hand live data out as free.
 */
enum nd_btt_fix_kind {
	ND_BTT_FIX_INFO,       /* primary info block restored from the backup */
	ND_BTT_FIX_INFO2,      /* backup info block restored from the primary */
	ND_BTT_FIX_PADDING,    /* a lane's padding slots cleared */
	ND_BTT_FIX_UNFINISHED, /* map[index] completed to the flog's new block */
	ND_BTT_FIX_MAP,        /* map[index] set to the unreferenced block */
	ND_BTT_FIX_LANE,       /* lane index rebuilt around a free block */
	ND_BTT_FIX_LOG_FORMAT, /* lane index moved to the current layout */
	ND_BTT_FIX_REFUSED,    /* not repaired: see why */
};

struct nd_btt_fix {
	enum nd_btt_fix_kind kind;
	uint32_t arena;
	uint64_t offset;     /* image offset of the bytes changed */
	const void *data;    /* the new bytes, inside the caller's buffer */
	size_t len;
	uint64_t index;      /* premap (map) or lane (flog) */
	uint64_t old, new;   /* map: raw entries; lane: free blocks */
	const char *why;     /* ND_BTT_FIX_REFUSED: the reason */
};

struct nd_btt_fixes {
	void (*fn)(void *ctx, const struct nd_btt_fix *f); /* optional */
	void *ctx;
	unsigned int made, refused; /* counted by the repair functions */
};

const char *nd_btt_fix_str(enum nd_btt_fix_kind kind);

/*
 * Where the kernel puts the backup info block of the arena starting at
 * image offset @base of an image of @size bytes: at the end of the arena,
 * which is the rest of the image up to ND_BTT_MAX_ARENA_SIZE, rounded
 * down to 4096.  0 when no arena fits there.
 */
uint64_t nd_btt_backup_offset(uint64_t size, uint64_t base);

/*
 * Make the two info blocks of the arena at image offset @base agree:
 * @info (primary) and @info2 (backup, read at image offset @info2_at),
 * 4096 bytes each.  A valid primary overwrites an invalid or different
 * backup.  An invalid primary is restored from a valid backup whose
 * info2off names the place it was read from and, for the first arena
 * (@first), whose version belongs at @base (1.1 at 4096, 2.0 at 0).
 * 0 when both are valid afterwards, -EINVAL when neither is usable.
 */
int nd_btt_info_repair(void *info, void *info2, uint32_t arena,
		       uint64_t base, uint64_t info2_at, bool first,
		       struct nd_btt_fixes *fx);

enum {
	ND_BTT_REPAIR_REWRITE_LOG = 1, /* rewrite every lane as (0,1) */
};

/*
 * Repair the map (external_nlba entries) and flog (nfree lanes) of an
 * arena described by the valid @info, in place, as described above.
 * @base: image offset of the arena, for the changes' offsets.  With
 * ND_BTT_REPAIR_REWRITE_LOG a flog in the layout of kernels before 4.15
 * is moved to the current one (only when nothing was refused).  0 when
 * nothing had to be refused, -EINVAL when something was (or the pieces
 * are short), -ENOMEM.
 */
int nd_btt_arena_repair(const struct nd_btt_info *info, void *map,
			size_t map_len, void *flog, size_t flog_len,
			uint32_t arena, uint64_t base, unsigned int flags,
			struct nd_btt_fixes *fx);

#endif
