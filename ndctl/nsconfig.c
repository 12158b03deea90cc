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

/* A claim seed of @mode's kind with @uu written, or NULL (*@rc set). */
static void *claim_seed_with_uuid(struct ndctl_region *region,
				  enum ndctl_namespace_mode mode, uuid_t uu,
				  int *rc)
{
	void *c = NULL;
	int i;

	*rc = -ENXIO;
	for (i = 0; i < SEED_TRIES; i++) {
		switch (mode) {
		case NDCTL_NS_MODE_SECTOR:
			c = ndctl_region_get_btt_seed(region);
			*rc = c ? ndctl_btt_set_uuid(c, uu) : -ENXIO;
			break;
		case NDCTL_NS_MODE_FSDAX:
			c = ndctl_region_get_pfn_seed(region);
			*rc = c ? ndctl_pfn_set_uuid(c, uu) : -ENXIO;
			break;
		default:
			c = ndctl_region_get_dax_seed(region);
			*rc = c ? ndctl_dax_set_uuid(c, uu) : -ENXIO;
			break;
		}
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
static void claim_reset(enum ndctl_namespace_mode mode, void *c)
{
	uuid_t zero;

	uuid_clear(zero);
	switch (mode) {
	case NDCTL_NS_MODE_SECTOR:
		if (ndctl_btt_is_enabled(c))
			return;
		if (ndctl_btt_get_namespace(c))
			ndctl_btt_set_namespace(c, NULL);
		ndctl_btt_set_uuid(c, zero);
		break;
	case NDCTL_NS_MODE_FSDAX:
		if (ndctl_pfn_is_enabled(c))
			return;
		if (ndctl_pfn_get_namespace(c))
			ndctl_pfn_set_namespace(c, NULL);
		ndctl_pfn_set_uuid(c, zero);
		break;
	default:
		if (ndctl_dax_is_enabled(c))
			return;
		if (ndctl_dax_get_namespace(c))
			ndctl_dax_set_namespace(c, NULL);
		ndctl_dax_set_uuid(c, zero);
		break;
	}
}

static int setup_btt(struct ndctl_btt *btt, struct ndctl_namespace *ndns,
		     const struct ns_config *cfg, const char **step)
{
	int rc;

	*step = "setting the sector size";
	rc = ndctl_btt_set_sector_size(btt, cfg->sector_size ? cfg->sector_size
							    : 4096);
	if (rc < 0)
		return rc;
	*step = "attaching the btt to the namespace";
	rc = ndctl_btt_set_namespace(btt, ndns);
	if (rc < 0)
		return rc;
	*step = "enabling the btt";
	return ndctl_btt_enable(btt);
}

static int setup_pfn(struct ndctl_pfn *pfn, struct ndctl_namespace *ndns,
		     const struct ns_config *cfg, const char **step)
{
	int rc;

	*step = "setting the memmap location";
	rc = ndctl_pfn_set_location(pfn, cfg->loc);
	if (rc < 0)
		return rc;
	if (cfg->align && ndctl_pfn_has_align(pfn)) {
		*step = "setting the alignment";
		rc = ndctl_pfn_set_align(pfn, cfg->align);
		if (rc < 0)
			return rc;
	}
	*step = "attaching the pfn to the namespace";
	rc = ndctl_pfn_set_namespace(pfn, ndns);
	if (rc < 0)
		return rc;
	*step = "enabling the fsdax personality";
	return ndctl_pfn_enable(pfn);
}

static int setup_dax(struct ndctl_dax *dax, struct ndctl_namespace *ndns,
		     const struct ns_config *cfg, const char **step)
{
	int rc;

	*step = "setting the memmap location";
	rc = ndctl_dax_set_location(dax, cfg->loc);
	if (rc < 0)
		return rc;
	if (cfg->align && ndctl_dax_has_align(dax)) {
		*step = "setting the alignment";
		rc = ndctl_dax_set_align(dax, cfg->align);
		if (rc < 0)
			return rc;
	}
	*step = "attaching the dax personality to the namespace";
	rc = ndctl_dax_set_namespace(dax, ndns);
	if (rc < 0)
		return rc;
	*step = "enabling the devdax personality";
	return ndctl_dax_enable(dax);
}

/* Claim @mode's seed for @ndns as @cfg says; *@claim gets the claim. */
static int setup_claim(struct ndctl_region *region, struct ndctl_namespace *ndns,
		       const struct ns_config *cfg, void **claim,
		       const char **step)
{
	uuid_t uu;
	int rc;

	*step = cfg->mode == NDCTL_NS_MODE_SECTOR ? "setting the btt uuid" :
		cfg->mode == NDCTL_NS_MODE_FSDAX ? "setting the fsdax uuid" :
		"setting the devdax uuid";
	uuid_copy(uu, cfg->uuid);
	*claim = claim_seed_with_uuid(region, cfg->mode, uu, &rc);
	if (!*claim)
		return rc;
	switch (cfg->mode) {
	case NDCTL_NS_MODE_SECTOR:
		return setup_btt(*claim, ndns, cfg, step);
	case NDCTL_NS_MODE_FSDAX:
		return setup_pfn(*claim, ndns, cfg, step);
	default:
		return setup_dax(*claim, ndns, cfg, step);
	}
}

/*
 * After the fact: is what we enabled still what we wrote?  A program that
 * does not take the region lock can still race us; then the namespace is
 * not ours to report (or to roll back).
 */
static bool still_ours(struct ndctl_namespace *ndns, const struct ns_config *cfg,
		       const unsigned char *ns_uuid, void *claim)
{
	uuid_t cur;

	if (ndctl_namespace_get_type(ndns) != ND_DEVICE_NAMESPACE_IO) {
		ndctl_namespace_get_uuid(ndns, cur);
		if (uuid_compare(cur, ns_uuid) != 0 ||
		    ndctl_namespace_get_size(ndns) != cfg->size)
			return false;
	}
	if (!claim)
		return true;
	switch (cfg->mode) {
	case NDCTL_NS_MODE_SECTOR:
		ndctl_btt_get_uuid(claim, cur);
		return ndctl_btt_get_namespace(claim) == ndns &&
		       uuid_compare(cur, cfg->uuid) == 0;
	case NDCTL_NS_MODE_FSDAX:
		ndctl_pfn_get_uuid(claim, cur);
		return ndctl_pfn_get_namespace(claim) == ndns &&
		       uuid_compare(cur, cfg->uuid) == 0;
	default:
		ndctl_dax_get_uuid(claim, cur);
		return ndctl_dax_get_namespace(claim) == ndns &&
		       uuid_compare(cur, cfg->uuid) == 0;
	}
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
		claim_reset(cfg->mode, claim);
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
