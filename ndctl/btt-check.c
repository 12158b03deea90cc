// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BTT walk behind check-namespace, on an open file descriptor: find
 * the first arena, check (and with repair, fix) each arena's info blocks,
 * map and flog, follow nextoff.  The checks and repairs are the codec's
 * (lib/ndctl/btt.h); this file does the I/O and the talking.  It knows
 * nothing of namespaces, so the walk over a many-arena layout (arenas
 * are 512 GiB) can be tested on a sparse file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/ndctl/btt.h"
#include "ndctl/btt-check.h"
#include "ndctl/raw-access.h"

/* one image being checked */
struct chk {
	const struct btt_check_opts *o;
	const char *dev;
	int fd;
	uint64_t size;
	uint8_t parent[16];
	uint8_t uuid0[16]; /* the first arena's BTT uuid, for the others */
	/* changes to write, in the order the repair made them */
	struct chk_write {
		uint64_t off;
		const void *data;
		size_t len;
	} *w;
	size_t nw, wcap;
	bool oom;
};

#define step(c, ...)                                                   \
	do {                                                           \
		if ((c)->o->verbose) {                                 \
			fprintf(stderr, "%s: ", (c)->dev);             \
			fprintf(stderr, __VA_ARGS__);                  \
			fputc('\n', stderr);                           \
		}                                                      \
	} while (0)

static void finding(void *ctx, const struct nd_btt_finding *f)
{
	struct chk *c = ctx;
	bool warn = nd_btt_issue_is_warning(f->issue);

	/* warnings are states the kernel handles itself: only with -v */
	if (warn && !c->o->verbose)
		return;
	fprintf(stderr, "%s: arena %u: %s%s (offset %#llx", c->dev, f->arena,
		warn ? "warning: " : "", nd_btt_issue_str(f->issue),
		(unsigned long long)f->offset);
	if (f->issue >= ND_BTT_MAP_OUT_OF_RANGE)
		fprintf(stderr, ", %s %llu",
			f->issue >= ND_BTT_FLOG_PADDING ? "lane" : "map entry",
			(unsigned long long)f->index);
	fprintf(stderr, ")\n");
}

static void fix_done(void *ctx, const struct nd_btt_fix *f)
{
	struct chk *c = ctx;
	struct chk_write *grown;

	if (f->kind == ND_BTT_FIX_REFUSED) {
		fprintf(stderr, "%s: arena %u: not repaired: %s\n", c->dev,
			f->arena, f->why);
		return;
	}
	switch (f->kind) {
	case ND_BTT_FIX_MAP:
	case ND_BTT_FIX_UNFINISHED:
		fprintf(stderr, "%s: arena %u: map[%#llx] %#llx -> %#llx: %s\n",
			c->dev, f->arena, (unsigned long long)f->index,
			(unsigned long long)f->old, (unsigned long long)f->new,
			nd_btt_fix_str(f->kind));
		break;
	case ND_BTT_FIX_LANE:
		fprintf(stderr, "%s: arena %u: lane %llu: %s %#llx\n", c->dev,
			f->arena, (unsigned long long)f->index,
			nd_btt_fix_str(f->kind), (unsigned long long)f->new);
		break;
	case ND_BTT_FIX_PADDING:
	case ND_BTT_FIX_LOG_FORMAT:
		/* one line per lane would drown the rest: with -v only */
		step(c, "arena %u: lane %llu: %s", f->arena,
		     (unsigned long long)f->index, nd_btt_fix_str(f->kind));
		break;
	default:
		fprintf(stderr, "%s: arena %u: %s (offset %#llx)\n", c->dev,
			f->arena, nd_btt_fix_str(f->kind),
			(unsigned long long)f->offset);
	}
	if (c->nw == c->wcap) {
		c->wcap = c->wcap ? 2 * c->wcap : 16;
		grown = realloc(c->w, c->wcap * sizeof(*c->w));
		if (!grown) {
			c->oom = true;
			return;
		}
		c->w = grown;
	}
	c->w[c->nw++] = (struct chk_write){ f->offset, f->data, f->len };
}

static int rd(struct chk *c, void *buf, size_t len, uint64_t off,
	      const char *what)
{
	int rc;

	if (off > c->size || len > c->size - off) {
		fprintf(stderr, "%s: %s at %#llx lies past the end of the namespace\n",
			c->dev, what, (unsigned long long)off);
		return -ERANGE;
	}
	rc = nd_pread_full(c->fd, buf, len, off);
	if (rc < 0)
		fprintf(stderr, "%s: reading the %s at %#llx failed: %s\n",
			c->dev, what, (unsigned long long)off, strerror(-rc));
	return rc;
}

/* is the 4 KiB at @at a valid info block for an arena at @base? */
static bool backup_ok(const uint8_t *blk, uint64_t base, uint64_t at,
		      bool first)
{
	uint8_t copy[ND_BTT_INFO_SIZE];
	struct nd_btt_fixes fx = { 0 };

	/* nd_btt_info_repair's own test, on a scratch primary */
	memset(copy, 0, sizeof(copy));
	return nd_btt_info_repair(copy, (void *)blk, 0, base, at, first,
				  &fx) == 0;
}

/*
 * Where the backup of the arena at @base is, when its primary cannot
 * say: where the kernel puts it, or where the damaged primary's info2off
 * points.  0 when neither holds a backup for this arena.
 */
static uint64_t find_backup(struct chk *c, const uint8_t *primary,
			    uint64_t base, bool first, uint8_t *blk)
{
	struct nd_btt_report quiet = { 0 };
	struct nd_btt_info damaged;
	uint64_t cand[2];
	int i;

	cand[0] = nd_btt_backup_offset(c->size, base);
	nd_btt_info_parse(primary, ND_BTT_INFO_SIZE, &damaged, 0, base,
			  &quiet);
	cand[1] = damaged.info2off && damaged.info2off < c->size - base
			  ? base + damaged.info2off
			  : 0;
	for (i = 0; i < 2; i++) {
		if (!cand[i] || (i && cand[1] == cand[0]))
			continue;
		step(c, "looking for the backup info block at %#llx",
		     (unsigned long long)cand[i]);
		if (rd(c, blk, ND_BTT_INFO_SIZE, cand[i], "backup info block"))
			continue;
		if (backup_ok(blk, base, cand[i], first))
			return cand[i];
	}
	return 0;
}

static int write_changes(struct chk *c)
{
	size_t i;
	int rc;

	if (c->oom) {
		fprintf(stderr, "%s: out of memory recording the repairs\n",
			c->dev);
		return -ENOMEM;
	}
	for (i = 0; i < c->nw; i++) {
		rc = nd_pwrite_full(c->fd, c->w[i].data, c->w[i].len,
				    c->w[i].off);
		if (rc < 0) {
			fprintf(stderr, "%s: writing %zu bytes at %#llx failed: %s\n",
				c->dev, c->w[i].len,
				(unsigned long long)c->w[i].off, strerror(-rc));
			return rc;
		}
	}
	if (c->nw) {
		step(c, "wrote %zu change%s", c->nw, c->nw == 1 ? "" : "s");
		if (fsync(c->fd) < 0) {
			rc = -errno;
			fprintf(stderr, "%s: flushing the repairs failed: %s\n",
				c->dev, strerror(-rc));
			return rc;
		}
	}
	c->nw = 0;
	return 0;
}

struct arena_bufs {
	uint8_t info[ND_BTT_INFO_SIZE], info2[ND_BTT_INFO_SIZE];
	uint8_t *map, *flog;
	size_t map_len, flog_len;
};

static void arena_meta(const struct arena_bufs *b, uint32_t n, uint64_t base,
		       const uint8_t *parent, struct nd_btt_arena_meta *m)
{
	memset(m, 0, sizeof(*m));
	m->info = b->info;
	m->info_len = ND_BTT_INFO_SIZE;
	m->info2 = b->info2;
	m->info2_len = ND_BTT_INFO_SIZE;
	m->map = b->map;
	m->map_len = b->map_len;
	m->flog = b->flog;
	m->flog_len = b->flog_len;
	m->arena = n;
	m->base = base;
	m->parent_uuid = parent;
}

/*
 * The primary info block of arena @n (> 0) is valid but names another
 * BTT than the first arena.  When the backup is valid and names this
 * BTT, the primary is the damaged copy (a repair must not copy it over
 * the backup): say so and return true.
 */
static bool foreign_primary(struct chk *c, const struct arena_bufs *b,
			    uint32_t n, uint64_t base)
{
	struct nd_btt_report quiet = { 0 };
	uint8_t blk[ND_BTT_INFO_SIZE];
	struct nd_btt_info twin;
	uint64_t at;

	at = find_backup(c, b->info, base, false, blk);
	if (!at ||
	    nd_btt_info_parse(blk, sizeof(blk), &twin, n, at, &quiet) ||
	    memcmp(twin.uuid, c->uuid0, sizeof(twin.uuid)))
		return false;
	fprintf(stderr, "%s: arena %u: the info block names another BTT than arena 0, its backup at %#llx this one (offset %#llx)\n",
		c->dev, n, (unsigned long long)at, (unsigned long long)base);
	return true;
}

/*
 * Check (and repair) the arena at @base.  *next gets the next arena's
 * offset (0: last), *uuid the arena's BTT uuid.  0: clean or repaired;
 * 1: problems left; <0: could not be checked.
 */
static int check_arena(struct chk *c, uint32_t n, uint64_t base,
		       uint64_t *next, uint8_t *uuid)
{
	struct nd_btt_report rep = { .fn = finding, .ctx = c };
	struct nd_btt_report quiet = { 0 };
	struct nd_btt_fixes fx = { .fn = fix_done, .ctx = c };
	struct nd_btt_arena_meta m;
	struct nd_btt_info info;
	struct arena_bufs *b;
	uint64_t info2_at, room = c->size - base, asize;
	bool primary_ok;
	int rc;

	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	rc = rd(c, b->info, ND_BTT_INFO_SIZE, base, "info block");
	if (rc)
		goto out;
	primary_ok = nd_btt_info_parse(b->info, ND_BTT_INFO_SIZE, &info, n,
				       base, &quiet) == 0;
	if (primary_ok && n > 0 && memcmp(info.uuid, c->uuid0, 16) &&
	    foreign_primary(c, b, n, base)) {
		/* as if lost: the check reports it, the repair restores it */
		memset(b->info, 0, ND_BTT_INFO_SIZE);
		primary_ok = false;
	}
	if (primary_ok) {
		info2_at = base + info.info2off;
	} else {
		info2_at = find_backup(c, b->info, base, n == 0, b->info2);
		if (!info2_at) {
			/* say what is wrong with the primary, then give up */
			nd_btt_info_parse(b->info, ND_BTT_INFO_SIZE, &info, n,
					  base, &rep);
			fprintf(stderr, "%s: arena %u: no valid backup info block either\n",
				c->dev, n);
			rc = 1;
			goto out;
		}
		memset(&quiet, 0, sizeof(quiet));
		nd_btt_info_parse(b->info2, ND_BTT_INFO_SIZE, &info, n,
				  info2_at, &quiet);
		step(c, "arena %u: using the backup info block at %#llx", n,
		     (unsigned long long)info2_at);
	}
	asize = nd_btt_arena_size(&info);
	if (!asize || asize > room) {
		fprintf(stderr, "%s: arena %u: %s (arena of %#llx bytes at %#llx, namespace of %#llx)\n",
			c->dev, n, nd_btt_issue_str(ND_BTT_TRUNCATED),
			(unsigned long long)asize, (unsigned long long)base,
			(unsigned long long)c->size);
		rc = 1;
		goto out;
	}
	step(c, "arena %u at %#llx: %u blocks of %u bytes, %u lanes", n,
	     (unsigned long long)base, info.external_nlba,
	     info.external_lbasize, info.nfree);
	/* the primary was valid: read its backup; else we have it */
	if (primary_ok) {
		rc = rd(c, b->info2, ND_BTT_INFO_SIZE, info2_at,
			"backup info block");
		if (rc)
			goto out;
	}
	b->map_len = (size_t)info.external_nlba * ND_BTT_MAP_ENT_SIZE;
	b->flog_len = (size_t)info.nfree * ND_BTT_LOG_GRP_SIZE;
	b->map = malloc(b->map_len);
	b->flog = malloc(b->flog_len);
	if (!b->map || !b->flog) {
		fprintf(stderr, "%s: arena %u: no memory for a map of %zu bytes\n",
			c->dev, n, b->map_len);
		rc = -ENOMEM;
		goto out;
	}
	rc = rd(c, b->map, b->map_len, base + info.mapoff, "map");
	if (!rc)
		rc = rd(c, b->flog, b->flog_len, base + info.logoff, "flog");
	if (rc)
		goto out;

	arena_meta(b, n, base, c->parent, &m);
	rc = nd_btt_arena_check(&m, NULL, &rep);
	if (rc == -ENOMEM)
		goto out;
	step(c, "arena %u: %u error%s, %u warning%s", n, rep.errors,
	     rep.errors == 1 ? "" : "s", rep.warnings,
	     rep.warnings == 1 ? "" : "s");

	if (c->o->repair) {
		int r1, r2;

		r1 = nd_btt_info_repair(b->info, b->info2, n, base, info2_at,
					n == 0, &fx);
		memset(&quiet, 0, sizeof(quiet));
		if (!r1 && nd_btt_info_parse(b->info, ND_BTT_INFO_SIZE, &info,
					     n, base, &quiet) == 0)
			r2 = nd_btt_arena_repair(&info, b->map, b->map_len,
						 b->flog, b->flog_len, n,
						 base,
						 c->o->rewrite_log ?
						 ND_BTT_REPAIR_REWRITE_LOG : 0,
						 &fx);
		else
			r2 = -EINVAL;
		rc = write_changes(c);
		if (rc)
			goto out;
		if (r2 == -ENOMEM) {
			rc = r2;
			goto out;
		}
		/* what is left, on the repaired bytes (now on the media) */
		memset(&quiet, 0, sizeof(quiet));
		rc = nd_btt_arena_check(&m, NULL, &quiet);
		if (rc == -ENOMEM)
			goto out;
		if (fx.made && !quiet.errors)
			fprintf(stderr, "%s: arena %u: repaired\n", c->dev, n);
		rep = quiet;
	} else if (rep.errors) {
		fprintf(stderr, "%s: arena %u: run with --repair to repair what can be\n",
			c->dev, n);
	}
	rc = rep.errors ? 1 : 0;
	memset(&quiet, 0, sizeof(quiet));
	nd_btt_info_parse(b->info, ND_BTT_INFO_SIZE, &info, n, base, &quiet);
	if (quiet.errors) {
		/* still no primary: use what the backup says */
		memset(&quiet, 0, sizeof(quiet));
		nd_btt_info_parse(b->info2, ND_BTT_INFO_SIZE, &info, n,
				  info2_at, &quiet);
	}
	*next = info.nextoff;
	memcpy(uuid, info.uuid, ND_BTT_UUID_LEN);
out:
	if (b) {
		free(b->map);
		free(b->flog);
	}
	free(b);
	return rc;
}

static int check_btt(struct chk *c)
{
	uint8_t blk[ND_BTT_INFO_SIZE], uuid[16], first_uuid[16];
	struct nd_btt_report quiet;
	struct nd_btt_info info;
	uint64_t base = 0, next;
	bool found = false;
	uint32_t n;
	int rc, worst = 0;
	off_t end;

	end = lseek(c->fd, 0, SEEK_END);
	if (end < 0) {
		rc = -errno;
		fprintf(stderr, "%s: sizing the raw namespace failed: %s\n",
			c->dev, strerror(-rc));
		return rc;
	}
	c->size = (uint64_t)end;
	/* version 1.1 at 4096, 2.0 at 0; then the backups of either */
	{
		static const uint64_t starts[2] = { ND_BTT_V1_OFFSET, 0 };
		int i;

		for (i = 0; i < 2 && !found; i++) {
			if (rd(c, blk, sizeof(blk), starts[i], "info block"))
				continue;
			memset(&quiet, 0, sizeof(quiet));
			if (!nd_btt_info_parse(blk, sizeof(blk), &info, 0,
					       starts[i], &quiet) &&
			    info.version_major == (i ? 2 : 1)) {
				base = starts[i];
				found = true;
			}
		}
		for (i = 0; i < 2 && !found; i++) {
			uint8_t b2[ND_BTT_INFO_SIZE];

			if (rd(c, blk, sizeof(blk), starts[i], "info block"))
				continue;
			if (find_backup(c, blk, starts[i], true, b2)) {
				base = starts[i];
				found = true;
			}
		}
	}
	if (!found) {
		fprintf(stderr, "%s: no valid BTT info block (nor backup) at 0 or 4096: not a BTT, or both copies lost\n",
			c->dev);
		return 1;
	}
	step(c, "BTT version %s at %#llx, namespace of %#llx bytes",
	     base ? "1.1" : "2.0", (unsigned long long)base,
	     (unsigned long long)c->size);

	for (n = 0; n < ND_BTT_MAX_ARENAS; n++) {
		next = 0;
		rc = check_arena(c, n, base, &next, uuid);
		if (rc < 0)
			return rc;
		if (rc)
			worst = 1;
		if (n == 0) {
			memcpy(first_uuid, uuid, sizeof(uuid));
			memcpy(c->uuid0, uuid, sizeof(uuid));
		} else if (memcmp(uuid, first_uuid, sizeof(uuid))) {
			fprintf(stderr, "%s: arena %u: %s\n", c->dev, n,
				nd_btt_issue_str(ND_BTT_BAD_UUID));
			worst = 1;
		}
		if (rc && !next)
			break;
		if (!next) {
			step(c, "%u arena%s checked", n + 1, n ? "s" : "");
			return worst;
		}
		if (next > c->size - base ||
		    c->size - base - next < ND_BTT_INFO_SIZE) {
			fprintf(stderr, "%s: arena %u: %s (nextoff %#llx)\n",
				c->dev, n, nd_btt_issue_str(ND_BTT_BAD_NEXTOFF),
				(unsigned long long)next);
			return 1;
		}
		base += next;
	}
	if (n == ND_BTT_MAX_ARENAS) {
		fprintf(stderr, "%s: %s (more than %u arenas)\n", c->dev,
			nd_btt_issue_str(ND_BTT_BAD_NEXTOFF),
			(unsigned)ND_BTT_MAX_ARENAS);
		return 1;
	}
	return worst;
}

int btt_check_fd(int fd, const char *dev, const uint8_t parent_uuid[16],
		 const struct btt_check_opts *o)
{
	struct chk c = { .o = o, .dev = dev, .fd = fd };
	int rc;

	memcpy(c.parent, parent_uuid, sizeof(c.parent));
	rc = check_btt(&c);
	free(c.w);
	return rc;
}
