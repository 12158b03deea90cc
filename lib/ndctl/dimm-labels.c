// SPDX-License-Identifier: LGPL-2.1-or-later
/* DIMM label area operations built on the cfg ioctls and labels.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "cmd.h"
#include "labels.h"

/* v1.1 geometry constants, as the established library reports them */
NDCTL_EXPORT size_t ndctl_sizeof_namespace_index(void)
{
	return ND_LABEL_INDEX_ALIGN;
}

NDCTL_EXPORT size_t ndctl_sizeof_namespace_label(void)
{
	return 128;
}

static struct ndctl_cmd *size_cmd(struct ndctl_dimm *dimm)
{
	struct ndctl_cmd *cmd = ndctl_dimm_cmd_new_cfg_size(dimm);

	if (!cmd)
		return NULL;
	if (ndctl_cmd_submit(cmd) < 0) {
		ndctl_cmd_unref(cmd);
		return NULL;
	}
	return cmd;
}

NDCTL_EXPORT struct ndctl_cmd *
ndctl_dimm_read_label_extent(struct ndctl_dimm *dimm, unsigned int len,
			     unsigned int offset)
{
	struct ndctl_cmd *sz, *rd;
	unsigned int size;

	sz = size_cmd(dimm);
	if (!sz)
		return NULL;
	rd = ndctl_dimm_cmd_new_cfg_read(sz);
	size = ndctl_cmd_cfg_size_get_size(sz);
	ndctl_cmd_unref(sz);
	if (!rd)
		return NULL;
	if (offset >= size) {
		ndctl_cmd_unref(rd);
		return NULL;
	}
	/* 0, or past the end, means "to the end of the area" */
	if (!len || len > size - offset)
		len = size - offset;
	if (ndctl_cmd_cfg_read_set_extent(rd, len, offset) < 0 ||
	    ndctl_cmd_submit(rd) < 0) {
		ndctl_cmd_unref(rd);
		return NULL;
	}
	return rd;
}

NDCTL_EXPORT struct ndctl_cmd *ndctl_dimm_read_labels(struct ndctl_dimm *dimm)
{
	return ndctl_dimm_read_label_extent(dimm, 0, 0);
}

/*
 * Both index blocks, sized for the larger (128-byte label) layout so the
 * read covers them whichever version is on the DIMM.
 */
NDCTL_EXPORT struct ndctl_cmd *
ndctl_dimm_read_label_index(struct ndctl_dimm *dimm)
{
	struct nd_label_geom g;
	struct ndctl_cmd *sz;
	unsigned int size;

	sz = size_cmd(dimm);
	if (!sz)
		return NULL;
	size = ndctl_cmd_cfg_size_get_size(sz);
	ndctl_cmd_unref(sz);
	if (nd_label_geometry(size, 128, &g) < 0)
		return NULL;
	return ndctl_dimm_read_label_extent(dimm, 2 * g.index_size, 0);
}

NDCTL_EXPORT int ndctl_dimm_validate_labels(struct ndctl_dimm *dimm)
{
	struct nd_label_area area;
	struct ndctl_cmd *rd;
	int rc;

	if (!dimm)
		return -EINVAL;
	rd = ndctl_dimm_read_labels(dimm);
	if (!rd)
		return -ENXIO;
	rc = nd_label_area_validate(rd->data, rd->config_size, &area);
	ndctl_cmd_unref(rd);
	if (rc < 0) {
		nd_dbg(dimm->bus->ctx, "%s: no valid label index\n",
		       dimm->devname);
		dimm->label_size = dimm->nsindex_size = 0;
		return rc;
	}
	dimm->label_size = area.geom.label_size;
	dimm->nsindex_size = area.geom.index_size;
	return rc;
}

NDCTL_EXPORT unsigned int
ndctl_dimm_sizeof_namespace_label(struct ndctl_dimm *dimm)
{
	if (!dimm)
		return 0;
	if (!dimm->label_size)
		ndctl_dimm_validate_labels(dimm);
	return dimm->label_size;
}

NDCTL_EXPORT unsigned int
ndctl_dimm_sizeof_namespace_index(struct ndctl_dimm *dimm)
{
	if (!dimm)
		return 0;
	if (!dimm->nsindex_size)
		ndctl_dimm_validate_labels(dimm);
	return dimm->nsindex_size;
}

/*
 * The DIMM driver caches the label area when it binds, so rewrite it
 * unbound and rebind afterwards.  Refused while a region uses the DIMM.
 */
static int write_area(struct ndctl_dimm *dimm,
		      int (*fill)(struct ndctl_cmd *wr, void *arg), void *arg)
{
	struct ndctl_ctx *ctx = dimm->bus->ctx;
	struct ndctl_cmd *rd, *wr = NULL;
	bool was_enabled;
	int rc;

	if (ndctl_dimm_is_active(dimm)) {
		nd_err(ctx, "%s: in use by an enabled region\n", dimm->devname);
		return -EBUSY;
	}
	rd = ndctl_dimm_read_labels(dimm);
	if (!rd)
		return -ENXIO;
	was_enabled = ndctl_dimm_is_enabled(dimm);
	rc = ndctl_dimm_disable(dimm);
	if (rc < 0)
		goto out;
	wr = ndctl_dimm_cmd_new_cfg_write(rd);
	if (!wr) {
		rc = -ENXIO;
		goto out;
	}
	rc = fill(wr, arg);
	if (rc >= 0)
		rc = ndctl_cmd_submit(wr);
out:
	if (was_enabled) {
		int rc2 = ndctl_dimm_enable(dimm);

		if (rc >= 0 && rc2 < 0)
			rc = rc2;
	}
	ndctl_cmd_unref(wr);
	ndctl_cmd_unref(rd);
	dimm->label_size = dimm->nsindex_size = 0;
	return rc < 0 ? rc : 0;
}

struct extent {
	unsigned int len, offset;
};

static int fill_zero(struct ndctl_cmd *wr, void *arg)
{
	struct extent *e = arg;
	int rc = ndctl_cmd_cfg_write_set_extent(wr, e->len, e->offset);

	if (rc < 0)
		return rc;
	return (int)ndctl_cmd_cfg_write_zero_data(wr);
}

NDCTL_EXPORT int ndctl_dimm_zero_label_extent(struct ndctl_dimm *dimm,
					      unsigned int len,
					      unsigned int offset)
{
	struct extent e = { len, offset };
	struct ndctl_cmd *sz;
	unsigned int size;

	if (!dimm)
		return -EINVAL;
	sz = size_cmd(dimm);
	if (!sz)
		return -ENXIO;
	size = ndctl_cmd_cfg_size_get_size(sz);
	ndctl_cmd_unref(sz);
	if (offset >= size)
		return -EINVAL;
	if (!e.len || e.len > size - offset)
		e.len = size - offset;
	return write_area(dimm, fill_zero, &e);
}

NDCTL_EXPORT int ndctl_dimm_zero_labels(struct ndctl_dimm *dimm)
{
	return ndctl_dimm_zero_label_extent(dimm, 0, 0);
}

static int fill_init(struct ndctl_cmd *wr, void *arg)
{
	uint32_t label_size = *(uint32_t *)arg;
	struct nd_label_geom g;
	int rc;

	rc = nd_label_area_init(wr->data, wr->config_size, label_size, &g);
	if (rc < 0)
		return rc;
	/* only the index blocks matter: every slot is marked free */
	return ndctl_cmd_cfg_write_set_extent(wr, 2 * g.index_size, 0);
}

NDCTL_EXPORT int ndctl_dimm_init_labels(struct ndctl_dimm *dimm,
					enum ndctl_namespace_version v)
{
	uint32_t label_size;

	if (!dimm)
		return -EINVAL;
	switch (v) {
	case NDCTL_NS_VERSION_1_1:
		label_size = 128;
		break;
	case NDCTL_NS_VERSION_1_2:
		label_size = 256;
		break;
	default:
		nd_err(dimm->bus->ctx, "%s: unknown label version %d\n",
		       dimm->devname, (int)v);
		return -EINVAL;
	}
	return write_area(dimm, fill_init, &label_size);
}
