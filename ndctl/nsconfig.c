// SPDX-License-Identifier: GPL-2.0-only
/*
 * Applying and capturing namespace configurations.  Kept apart from the
 * commands so that create, reconfigure and the rollback of a failed
 * reconfigure all go through the same few steps.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <ndctl/ndctl.h>

#include "ndctl/nsconfig.h"

void ns_config_save(struct ndctl_namespace *ndns, struct ns_config *cfg)
{
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	const char *name = ndctl_namespace_get_alt_name(ndns);
	unsigned int ss;

	memset(cfg, 0, sizeof(*cfg));
	cfg->mode = ndctl_namespace_get_mode(ndns);
	cfg->size = ndctl_namespace_get_size(ndns);
	ndctl_namespace_get_uuid(ndns, cfg->raw_uuid);
	cfg->have_raw_uuid = !uuid_is_null(cfg->raw_uuid);
	if (name)
		snprintf(cfg->name, sizeof(cfg->name), "%s", name);
	cfg->loc = NDCTL_PFN_LOC_PMEM;
	if (btt) {
		ndctl_btt_get_uuid(btt, cfg->uuid);
		cfg->sector_size = ndctl_btt_get_sector_size(btt);
	} else if (pfn) {
		ndctl_pfn_get_uuid(pfn, cfg->uuid);
		cfg->align = ndctl_pfn_get_align(pfn);
		cfg->loc = ndctl_pfn_get_location(pfn);
	} else if (dax) {
		ndctl_dax_get_uuid(dax, cfg->uuid);
		cfg->align = ndctl_dax_get_align(dax);
		cfg->loc = ndctl_dax_get_location(dax);
	} else {
		/*
		 * Unclaimed, the kernel reports a namespace of a region that
		 * maps pages (e820) as "memory" (fsdax, map mem): what it
		 * really is, and what restoring it means, is raw.
		 */
		if (cfg->mode == NDCTL_NS_MODE_FSDAX)
			cfg->mode = NDCTL_NS_MODE_RAW;
		uuid_copy(cfg->uuid, cfg->raw_uuid);
		ss = ndctl_namespace_get_sector_size(ndns);
		/* only v1.2 labels record a sector size worth restoring */
		if (ndctl_namespace_get_num_sector_sizes(ndns) > 0 &&
		    ss && ss != UINT_MAX)
			cfg->sector_size = ss;
	}
	if (cfg->align == ULONG_MAX)
		cfg->align = 0;
}

void ns_config_set_uuids(struct ns_config *cfg, const unsigned char *given)
{
	if (given)
		uuid_copy(cfg->raw_uuid, given);
	else
		uuid_generate(cfg->raw_uuid);
	cfg->have_raw_uuid = true;
	/* raw mode has no claim: its uuid is the namespace's */
	if (cfg->mode == NDCTL_NS_MODE_RAW)
		uuid_copy(cfg->uuid, cfg->raw_uuid);
	else
		uuid_generate(cfg->uuid);
}

/*
 * Overwrite the personality's info block so that the next enable of the
 * raw namespace does not find and re-attach the old btt/pfn/dax.
 */
static int zero_info_block(struct ndctl_namespace *ndns)
{
	static const char zero[8192];
	char path[64];
	const char *bdev;
	int fd, rc;

	rc = ndctl_namespace_set_raw_mode(ndns, 1);
	if (rc < 0)
		return rc;
	rc = ndctl_namespace_enable(ndns);
	if (rc < 0)
		goto out;
	bdev = ndctl_namespace_get_block_device(ndns);
	if (!bdev || !bdev[0]) {
		rc = -ENXIO;
		goto out_disable;
	}
	snprintf(path, sizeof(path), "/dev/%s", bdev);
	fd = open(path, O_RDWR | O_EXCL | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		goto out_disable;
	}
	if (pwrite(fd, zero, sizeof(zero), 0) != (ssize_t)sizeof(zero))
		rc = -EIO;
	else if (fsync(fd) < 0)
		rc = -errno;
	close(fd);
out_disable:
	ndctl_namespace_disable_invalidate(ndns);
out:
	ndctl_namespace_set_raw_mode(ndns, 0);
	return rc;
}

int ns_release(struct ndctl_namespace *ndns, const char **step)
{
	bool claimed;
	int rc;

	claimed = ndctl_namespace_get_btt(ndns) || ndctl_namespace_get_pfn(ndns) ||
		  ndctl_namespace_get_dax(ndns);
	*step = "disabling the namespace";
	rc = ndctl_namespace_disable_invalidate(ndns);
	if (rc < 0)
		return rc;
	/*
	 * disable_invalidate normally drops the personality too; release
	 * whatever still claims the namespace (the objects are re-read here
	 * since the old ones may be gone).
	 */
	*step = "releasing the namespace personality";
	{
		struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
		struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
		struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);

		if (btt && (rc = ndctl_btt_delete(btt)) < 0)
			return rc;
		if (pfn && (rc = ndctl_pfn_delete(pfn)) < 0)
			return rc;
		if (dax && (rc = ndctl_dax_delete(dax)) < 0)
			return rc;
	}
	if (claimed) {
		*step = "clearing the old info block";
		rc = zero_info_block(ndns);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int ns_reset(struct ndctl_namespace *ndns, const char **step)
{
	int rc = ns_release(ndns, step);

	if (rc < 0)
		return rc;
	*step = "freeing the namespace capacity";
	rc = ndctl_namespace_delete(ndns);
	return rc < 0 ? rc : 0;
}

/*
 * Seeds are read before the library's region lock is taken (by the first
 * configuring write), so one may have been claimed meanwhile by another
 * process: the kernel then refuses the write on the device it enabled
 * (-EBUSY).  Nothing of ours is on it, so nothing is rolled back: take
 * the seed again, now under the lock.
 */
#define SEED_TRIES 3

/*
 * A btt, pfn or dax claim: the same steps with each kind's library calls.
 * The claim is a void pointer and its calls are a row of this table
 * (claim_ops_of()), so the steps below are written once.  A NULL call is
 * a setting the kind does not have.
 */
struct claim_ops {
	const char *uuid_step, *attach_step, *enable_step;
	void *(*seed)(struct ndctl_region *region);
	int (*set_uuid)(void *c, uuid_t uu);
	void (*get_uuid)(void *c, uuid_t uu);
	int (*is_enabled)(void *c);
	struct ndctl_namespace *(*get_namespace)(void *c);
	int (*set_namespace)(void *c, struct ndctl_namespace *ndns);
	int (*enable)(void *c);
	int (*set_sector_size)(void *c, unsigned int sector_size);
	int (*set_location)(void *c, enum ndctl_pfn_loc loc);
	int (*has_align)(void *c);
	int (*set_align)(void *c, unsigned long align);
};

/* the calls every kind has, typed for the table */
#define CLAIM_CALLS(k)							\
static void *k##_seed(struct ndctl_region *region)			\
{									\
	return ndctl_region_get_##k##_seed(region);			\
}									\
static int k##_set_uuid(void *c, uuid_t uu)				\
{									\
	return ndctl_##k##_set_uuid(c, uu);				\
}									\
static void k##_get_uuid(void *c, uuid_t uu)				\
{									\
	ndctl_##k##_get_uuid(c, uu);					\
}									\
static int k##_is_enabled(void *c)					\
{									\
	return ndctl_##k##_is_enabled(c);				\
}									\
static struct ndctl_namespace *k##_get_namespace(void *c)		\
{									\
	return ndctl_##k##_get_namespace(c);				\
}									\
static int k##_set_namespace(void *c, struct ndctl_namespace *ndns)	\
{									\
	return ndctl_##k##_set_namespace(c, ndns);			\
}									\
static int k##_enable(void *c)						\
{									\
	return ndctl_##k##_enable(c);					\
}

/* and those of the two that place a page map */
#define PAGE_MAP_CALLS(k)						\
static int k##_set_location(void *c, enum ndctl_pfn_loc loc)		\
{									\
	return ndctl_##k##_set_location(c, loc);			\
}									\
static int k##_has_align(void *c)					\
{									\
	return ndctl_##k##_has_align(c);				\
}									\
static int k##_set_align(void *c, unsigned long align)			\
{									\
	return ndctl_##k##_set_align(c, align);				\
}

CLAIM_CALLS(btt)
CLAIM_CALLS(pfn)
CLAIM_CALLS(dax)
PAGE_MAP_CALLS(pfn)
PAGE_MAP_CALLS(dax)

static int btt_set_sector_size(void *c, unsigned int sector_size)
{
	return ndctl_btt_set_sector_size(c, sector_size);
}

#define COMMON_CALLS(k)							\
	.seed = k##_seed, .set_uuid = k##_set_uuid,			\
	.get_uuid = k##_get_uuid, .is_enabled = k##_is_enabled,		\
	.get_namespace = k##_get_namespace,				\
	.set_namespace = k##_set_namespace, .enable = k##_enable

static const struct claim_ops btt_ops = {
	.uuid_step = "setting the btt uuid",
	.attach_step = "attaching the btt to the namespace",
	.enable_step = "enabling the btt",
	COMMON_CALLS(btt),
	.set_sector_size = btt_set_sector_size,
};

static const struct claim_ops pfn_ops = {
	.uuid_step = "setting the fsdax uuid",
	.attach_step = "attaching the pfn to the namespace",
	.enable_step = "enabling the fsdax personality",
	COMMON_CALLS(pfn),
	.set_location = pfn_set_location, .has_align = pfn_has_align,
	.set_align = pfn_set_align,
};

static const struct claim_ops dax_ops = {
	.uuid_step = "setting the devdax uuid",
	.attach_step = "attaching the dax personality to the namespace",
	.enable_step = "enabling the devdax personality",
	COMMON_CALLS(dax),
	.set_location = dax_set_location, .has_align = dax_has_align,
	.set_align = dax_set_align,
};

/* sector: a btt; fsdax: a pfn; devdax (and only it reaches here): a dax */
static const struct claim_ops *claim_ops_of(enum ndctl_namespace_mode mode)
{
	switch (mode) {
	case NDCTL_NS_MODE_SECTOR:
		return &btt_ops;
	case NDCTL_NS_MODE_FSDAX:
		return &pfn_ops;
	default:
		return &dax_ops;
	}
}

/* A claim seed of @o's kind with @uu written, or NULL (*@rc set). */
static void *claim_seed_with_uuid(struct ndctl_region *region,
				  const struct claim_ops *o, uuid_t uu,
				  int *rc)
{
	void *c = NULL;
	int i;

	*rc = -ENXIO;
	for (i = 0; i < SEED_TRIES; i++) {
		c = o->seed(region);
		*rc = c ? o->set_uuid(c, uu) : -ENXIO;
		if (*rc != -EBUSY)
			break;
	}
	return *rc < 0 ? NULL : c;
}

/*
 * A claim we wrote a uuid to but did not enable goes back to what a seed
 * looks like (no namespace, the null uuid: the kernel cannot forget a
 * uuid), so no claim with a uuid and no namespace is left behind.
 */
static void claim_reset(const struct claim_ops *o, void *c)
{
	uuid_t zero;

	uuid_clear(zero);
	if (o->is_enabled(c))
		return;
	if (o->get_namespace(c))
		o->set_namespace(c, NULL);
	o->set_uuid(c, zero);
}

/* Claim @mode's seed for @ndns as @cfg says; *@claim gets the claim. */
static int setup_claim(struct ndctl_region *region, struct ndctl_namespace *ndns,
		       const struct ns_config *cfg, void **claim,
		       const char **step)
{
	const struct claim_ops *o = claim_ops_of(cfg->mode);
	uuid_t uu;
	int rc;

	*step = o->uuid_step;
	uuid_copy(uu, cfg->uuid);
	*claim = claim_seed_with_uuid(region, o, uu, &rc);
	if (!*claim)
		return rc;
	if (o->set_sector_size) {
		*step = "setting the sector size";
		rc = o->set_sector_size(*claim, cfg->sector_size ?
					cfg->sector_size : 4096);
		if (rc < 0)
			return rc;
	}
	if (o->set_location) {
		*step = "setting the memmap location";
		rc = o->set_location(*claim, cfg->loc);
		if (rc < 0)
			return rc;
	}
	if (cfg->align && o->has_align && o->has_align(*claim)) {
		*step = "setting the alignment";
		rc = o->set_align(*claim, cfg->align);
		if (rc < 0)
			return rc;
	}
	*step = o->attach_step;
	rc = o->set_namespace(*claim, ndns);
	if (rc < 0)
		return rc;
	*step = o->enable_step;
	return o->enable(*claim);
}

/*
 * After the fact: is what we enabled still what we wrote?  A program that
 * does not take the region lock can still race us; then the namespace is
 * not ours to report (or to roll back).
 */
static bool still_ours(struct ndctl_namespace *ndns, const struct ns_config *cfg,
		       const unsigned char *ns_uuid, void *claim)
{
	const struct claim_ops *o = claim_ops_of(cfg->mode);
	uuid_t cur;

	if (ndctl_namespace_get_type(ndns) != ND_DEVICE_NAMESPACE_IO) {
		ndctl_namespace_get_uuid(ndns, cur);
		if (uuid_compare(cur, ns_uuid) != 0 ||
		    ndctl_namespace_get_size(ndns) != cfg->size)
			return false;
	}
	if (!claim)
		return true;
	o->get_uuid(claim, cur);
	return o->get_namespace(claim) == ndns &&
	       uuid_compare(cur, cfg->uuid) == 0;
}

int ns_config_apply(struct ndctl_region *region, struct ndctl_namespace *target,
		    const struct ns_config *cfg, struct ndctl_namespace **out,
		    const char **step)
{
	struct ndctl_namespace *ndns = target;
	bool claimed = cfg->mode == NDCTL_NS_MODE_SECTOR ||
		       cfg->mode == NDCTL_NS_MODE_FSDAX ||
		       cfg->mode == NDCTL_NS_MODE_DEVDAX;
	void *claim = NULL;
	const char *ignore;
	uuid_t uu, cur;
	int rc, i;

	if (cfg->mode == NDCTL_NS_MODE_RAW)
		uuid_copy(uu, cfg->have_raw_uuid ? cfg->raw_uuid : cfg->uuid);
	else if (cfg->have_raw_uuid)
		uuid_copy(uu, cfg->raw_uuid);
	else
		uuid_generate(uu);

	*step = "finding an idle namespace (labels not initialized?)";
	if (!ndns)
		ndns = ndctl_region_get_namespace_seed(region);
	if (!ndns)
		return -ENXIO;

	/* a label-less namespace is its whole range: only the claim changes */
	if (ndctl_namespace_get_type(ndns) == ND_DEVICE_NAMESPACE_IO)
		goto claim;

	*step = "setting the namespace uuid";
	/*
	 * A namespace keeping its capacity is renamed (the kernel moves its
	 * labels to the new uuid); it refuses its own current uuid as busy.
	 */
	ndctl_namespace_get_uuid(ndns, cur);
	if (target && uuid_compare(cur, uu) == 0)
		rc = 0;
	else
		rc = ndctl_namespace_set_uuid(ndns, uu);
	/* a stale seed: another process enabled it; we hold the lock now */
	for (i = 0; !target && rc == -EBUSY && i < SEED_TRIES; i++) {
		ndns = ndctl_region_get_namespace_seed(region);
		if (!ndns) {
			*step = "finding an idle namespace";
			return -ENXIO;
		}
		rc = ndctl_namespace_set_uuid(ndns, uu);
	}
	/* nothing of ours is on a namespace whose first write failed */
	if (rc < 0)
		return target ? (ns_release(ndns, &ignore), rc) : rc;
	*step = "setting the namespace name";
	rc = ndctl_namespace_set_alt_name(ndns, cfg->name);
	if (rc < 0)
		goto fail;
	if (cfg->mode == NDCTL_NS_MODE_RAW && cfg->sector_size &&
	    ndctl_namespace_get_num_sector_sizes(ndns) > 0) {
		*step = "setting the sector size";
		rc = ndctl_namespace_set_sector_size(ndns, cfg->sector_size);
		if (rc < 0)
			goto fail;
	}
	*step = "setting the namespace size";
	rc = ndctl_namespace_set_size(ndns, cfg->size);
	if (rc < 0)
		goto fail;

claim:
	if (claimed) {
		rc = setup_claim(region, ndns, cfg, &claim, step);
	} else {
		*step = "enabling the namespace";
		rc = ndctl_namespace_enable(ndns);
	}
	if (rc >= 0) {
		*step = "checking the result (another process changed it)";
		if (!still_ours(ndns, cfg, uu, claim))
			return -EBUSY;
		*out = ndns;
		return 0;
	}
fail:
	if (claim)
		claim_reset(claim_ops_of(cfg->mode), claim);
	/*
	 * Never leave a half-configured namespace: a new one goes back to
	 * idle; one configured in place keeps its capacity (freeing it would
	 * make the kernel drop the device) for the caller to restore.
	 */
	if (target)
		ns_release(ndns, &ignore);
	else
		ns_reset(ndns, &ignore);
	return rc;
}
