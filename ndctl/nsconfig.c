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

static int setup_btt(struct ndctl_region *region, struct ndctl_namespace *ndns,
		     const struct ns_config *cfg, const char **step)
{
	struct ndctl_btt *btt = ndctl_region_get_btt_seed(region);
	uuid_t uu;
	int rc;

	*step = "finding a btt seed";
	if (!btt)
		return -ENXIO;
	*step = "setting the btt uuid";
	uuid_copy(uu, cfg->uuid);
	rc = ndctl_btt_set_uuid(btt, uu);
	if (rc < 0)
		return rc;
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
	/* on failure the library has already released the seed */
	return ndctl_btt_enable(btt);
}

static int setup_pfn(struct ndctl_region *region, struct ndctl_namespace *ndns,
		     const struct ns_config *cfg, const char **step)
{
	struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);
	uuid_t uu;
	int rc;

	*step = "finding a pfn seed";
	if (!pfn)
		return -ENXIO;
	*step = "setting the fsdax uuid";
	uuid_copy(uu, cfg->uuid);
	rc = ndctl_pfn_set_uuid(pfn, uu);
	if (rc < 0)
		return rc;
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
	/* on failure the library has already released the seed */
	return ndctl_pfn_enable(pfn);
}

static int setup_dax(struct ndctl_region *region, struct ndctl_namespace *ndns,
		     const struct ns_config *cfg, const char **step)
{
	struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
	uuid_t uu;
	int rc;

	*step = "finding a dax seed";
	if (!dax)
		return -ENXIO;
	*step = "setting the devdax uuid";
	uuid_copy(uu, cfg->uuid);
	rc = ndctl_dax_set_uuid(dax, uu);
	if (rc < 0)
		return rc;
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
	/* on failure the library has already released the seed */
	return ndctl_dax_enable(dax);
}

int ns_config_apply(struct ndctl_region *region, struct ndctl_namespace *target,
		    const struct ns_config *cfg, struct ndctl_namespace **out,
		    const char **step)
{
	struct ndctl_namespace *ndns = target ? target :
		ndctl_region_get_namespace_seed(region);
	const char *ignore;
	uuid_t uu, cur;
	int rc;

	*step = "finding an idle namespace (labels not initialized?)";
	if (!ndns)
		return -ENXIO;

	/* a label-less namespace is its whole range: only the claim changes */
	if (ndctl_namespace_get_type(ndns) == ND_DEVICE_NAMESPACE_IO)
		goto claim;

	*step = "setting the namespace uuid";
	if (cfg->mode == NDCTL_NS_MODE_RAW)
		uuid_copy(uu, cfg->uuid);
	else if (cfg->have_raw_uuid)
		uuid_copy(uu, cfg->raw_uuid);
	else
		uuid_generate(uu);
	/*
	 * A namespace keeping its capacity is renamed (the kernel moves its
	 * labels to the new uuid); it refuses its own current uuid as busy.
	 */
	ndctl_namespace_get_uuid(ndns, cur);
	if (uuid_compare(cur, uu) != 0) {
		rc = ndctl_namespace_set_uuid(ndns, uu);
		if (rc < 0)
			goto fail;
	}
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
	switch (cfg->mode) {
	case NDCTL_NS_MODE_SECTOR:
		rc = setup_btt(region, ndns, cfg, step);
		break;
	case NDCTL_NS_MODE_FSDAX:
		rc = setup_pfn(region, ndns, cfg, step);
		break;
	case NDCTL_NS_MODE_DEVDAX:
		rc = setup_dax(region, ndns, cfg, step);
		break;
	default:
		*step = "enabling the namespace";
		rc = ndctl_namespace_enable(ndns);
		break;
	}
	if (rc >= 0) {
		*out = ndns;
		return 0;
	}
fail:
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
