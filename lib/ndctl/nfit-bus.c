// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Functions of the NFIT bus family (ND_CMD_CALL on /dev/ndctlN): address
 * translation and the ACPI 6.2 error injection DSMs, and on top of the
 * latter the namespace view of injected errors, in 512-byte blocks from
 * the start of the namespace's data.
 *
 * Payloads as ACPI defines them (and the kernel's nfit_test emulates);
 * the kernel has no UAPI header for them, so they are spelt out here.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"
#include "data-range.h"
#include "cmd.h"

struct nfit_translate_spa {
	uint64_t spa;
	uint32_t status;
	uint8_t flags;
	uint8_t reserved[3];
	uint64_t translate_length;
	uint32_t num_nvdimms;
	struct {
		uint32_t handle;
		uint32_t reserved;
		uint64_t dpa;
	} __attribute__((packed)) devices[];
} __attribute__((packed));

struct nfit_inject_set {
	uint64_t base;
	uint64_t length;
	uint8_t options;
	uint32_t status;
} __attribute__((packed));

struct nfit_inject_clear {
	uint64_t base;
	uint64_t length;
	uint32_t status;
} __attribute__((packed));

struct nfit_inject_record {
	uint64_t base;
	uint64_t length;
} __attribute__((packed));

struct nfit_inject_get {
	uint32_t status;
	uint32_t count;
	struct nfit_inject_record record[];
} __attribute__((packed));

/* ACPI error injection option bit: tell the OS (as a machine check would) */
#define NFIT_INJECT_OPT_NOTIFY (1u << 0)
/*
 * Room for the injection status: ACPI leaves the count open; the kernel's
 * emulation fills 4 KiB of records plus one, so give it more.
 */
#define NFIT_INJECT_GET_RECORDS 512
/* Each translation may name several DIMMs (interleave); room for 16. */
#define NFIT_TRANSLATE_DIMMS 16
#define SECTOR 512ULL

NDCTL_EXPORT int ndctl_bus_nfit_translate_spa(struct ndctl_bus *bus,
					      unsigned long long addr,
					      unsigned int *handle,
					      unsigned long long *dpa)
{
	size_t out = sizeof(struct nfit_translate_spa) - sizeof(uint64_t) +
		     NFIT_TRANSLATE_DIMMS * 16;
	struct nfit_translate_spa *t;
	struct ndctl_cmd *cmd;
	int rc;

	if (!bus || !handle || !dpa)
		return -EINVAL;
	cmd = nd_cmd_new_bus_call(bus, NFIT_CMD_TRANSLATE_SPA, sizeof(uint64_t),
				  out, offsetof(struct nfit_translate_spa, status),
				  NULL);
	if (!cmd) {
		nd_dbg(bus->ctx, "%s: no address translation\n", bus->devname);
		return -EOPNOTSUPP;
	}
	t = nd_cmd_payload(cmd);
	t->spa = addr;
	t->translate_length = sizeof(uint64_t) + out;
	rc = ndctl_cmd_submit_xlat(cmd);
	if (rc == 0 && (!t->num_nvdimms || t->num_nvdimms > NFIT_TRANSLATE_DIMMS))
		rc = -ENXIO;
	if (rc < 0) {
		nd_dbg(bus->ctx, "%s: cannot translate %#llx: %s\n", bus->devname,
		       addr, strerror(-rc));
	} else {
		*handle = t->devices[0].handle;
		*dpa = t->devices[0].dpa;
	}
	ndctl_cmd_unref(cmd);
	return rc;
}

NDCTL_EXPORT int ndctl_bus_has_error_injection(struct ndctl_bus *bus)
{
	if (!bus || !ndctl_bus_is_cmd_supported(bus, ND_CMD_CALL))
		return 0;
	return ndctl_bus_is_nfit_cmd_supported(bus, NFIT_CMD_ARS_INJECT_SET) &&
	       ndctl_bus_is_nfit_cmd_supported(bus, NFIT_CMD_ARS_INJECT_CLEAR) &&
	       ndctl_bus_is_nfit_cmd_supported(bus, NFIT_CMD_ARS_INJECT_GET);
}

/* ---- namespace view ---- */

struct ndctl_bb {
	unsigned long long block;
	unsigned long long count;
};

static struct ndctl_bus *ns_bus(struct ndctl_namespace *ndns)
{
	return ndns->ch.region->bus;
}

static struct ndctl_ctx *ns_ctx(struct ndctl_namespace *ndns)
{
	return ns_bus(ndns)->ctx;
}

/* The system address range of @count blocks at @block, checked. */
static int blocks_to_spa(struct ndctl_namespace *ndns, unsigned long long block,
			 unsigned long long count, unsigned long long *base,
			 unsigned long long *len)
{
	unsigned long long start, size, blocks;
	int rc;

	if (!ndctl_bus_has_error_injection(ns_bus(ndns))) {
		nd_err(ns_ctx(ndns), "%s: bus %s has no error injection\n",
		       ndns->ch.devname, ns_bus(ndns)->devname);
		return -EOPNOTSUPP;
	}
	rc = nd_namespace_data_range(ndns, &start, &size);
	if (rc < 0) {
		nd_err(ns_ctx(ndns), "%s: no address range (disabled?)\n",
		       ndns->ch.devname);
		return rc;
	}
	blocks = size / SECTOR;
	if (!count || block >= blocks || count > blocks - block) {
		nd_err(ns_ctx(ndns),
		       "%s: blocks %llu+%llu outside the namespace's %llu blocks\n",
		       ndns->ch.devname, block, count, blocks);
		return -EINVAL;
	}
	*base = start + block * SECTOR;
	*len = count * SECTOR;
	return 0;
}

static int inject_set(struct ndctl_namespace *ndns, unsigned long long base,
		      unsigned long long len, bool notify)
{
	struct nfit_inject_set *p;
	struct ndctl_cmd *cmd;
	int rc;

	cmd = nd_cmd_new_bus_call(ns_bus(ndns), NFIT_CMD_ARS_INJECT_SET,
				  offsetof(struct nfit_inject_set, status),
				  sizeof(uint32_t),
				  offsetof(struct nfit_inject_set, status), NULL);
	if (!cmd)
		return -ENOMEM;
	p = nd_cmd_payload(cmd);
	p->base = base;
	p->length = len;
	p->options = notify ? NFIT_INJECT_OPT_NOTIFY : 0;
	rc = ndctl_cmd_submit_xlat(cmd);
	if (rc < 0)
		nd_err(ns_ctx(ndns), "%s: injecting %#llx+%#llx failed: %s\n",
		       ndns->ch.devname, base, len, strerror(-rc));
	ndctl_cmd_unref(cmd);
	return rc;
}

static int inject_clear(struct ndctl_namespace *ndns, unsigned long long base,
			unsigned long long len)
{
	struct nfit_inject_clear *p;
	struct ndctl_cmd *cmd;
	int rc;

	cmd = nd_cmd_new_bus_call(ns_bus(ndns), NFIT_CMD_ARS_INJECT_CLEAR,
				  offsetof(struct nfit_inject_clear, status),
				  sizeof(uint32_t),
				  offsetof(struct nfit_inject_clear, status), NULL);
	if (!cmd)
		return -ENOMEM;
	p = nd_cmd_payload(cmd);
	p->base = base;
	p->length = len;
	rc = ndctl_cmd_submit_xlat(cmd);
	if (rc < 0)
		nd_err(ns_ctx(ndns), "%s: uninjecting %#llx+%#llx failed: %s\n",
		       ndns->ch.devname, base, len, strerror(-rc));
	ndctl_cmd_unref(cmd);
	return rc;
}

/*
 * The unit errors are injected in when not saturating: the platform's
 * clear unit (a poisoned unit makes its whole block bad), else a block.
 */
static unsigned long long poison_unit(struct ndctl_namespace *ndns,
				      unsigned long long base)
{
	struct ndctl_cmd *cap;
	unsigned long long unit = SECTOR;

	cap = ndctl_bus_cmd_new_ars_cap(ns_bus(ndns), base, SECTOR);
	if (cap && ndctl_cmd_submit(cap) == 0) {
		unsigned int u = ndctl_cmd_ars_cap_get_clear_unit(cap);

		if (u && u < SECTOR && SECTOR % u == 0)
			unit = u;
	}
	ndctl_cmd_unref(cap);
	return unit;
}

static int inject_blocks(struct ndctl_namespace *ndns, unsigned long long block,
			 unsigned long long count, unsigned int flags,
			 bool uninject)
{
	bool notify = flags & (1u << NDCTL_NS_INJECT_NOTIFY);
	unsigned long long base, len, unit, i;
	int rc;

	if (!ndns)
		return -EINVAL;
	rc = blocks_to_spa(ndns, block, count, &base, &len);
	if (rc < 0)
		return rc;
	if (flags & (1u << NDCTL_NS_INJECT_SATURATE))
		return uninject ? inject_clear(ndns, base, len) :
				  inject_set(ndns, base, len, notify);
	/* the first unit of every block, one DSM each */
	unit = poison_unit(ndns, base);
	for (i = 0; i < count; i++) {
		unsigned long long at = base + i * SECTOR;

		rc = uninject ? inject_clear(ndns, at, unit) :
				inject_set(ndns, at, unit,
					   notify && i == count - 1);
		if (rc < 0)
			return rc;
	}
	return 0;
}

NDCTL_EXPORT int ndctl_namespace_inject_error2(struct ndctl_namespace *ndns,
					       unsigned long long block,
					       unsigned long long count,
					       unsigned int flags)
{
	return inject_blocks(ndns, block, count, flags, false);
}

NDCTL_EXPORT int ndctl_namespace_inject_error(struct ndctl_namespace *ndns,
					      unsigned long long block,
					      unsigned long long count,
					      bool notify)
{
	return inject_blocks(ndns, block, count,
			     notify ? 1u << NDCTL_NS_INJECT_NOTIFY : 0, false);
}

NDCTL_EXPORT int ndctl_namespace_uninject_error2(struct ndctl_namespace *ndns,
						 unsigned long long block,
						 unsigned long long count,
						 unsigned int flags)
{
	return inject_blocks(ndns, block, count, flags, true);
}

NDCTL_EXPORT int ndctl_namespace_uninject_error(struct ndctl_namespace *ndns,
						unsigned long long block,
						unsigned long long count)
{
	return inject_blocks(ndns, block, count, 0, true);
}

static int add_bb(struct ndctl_namespace *ndns, unsigned long long block,
		  unsigned long long count)
{
	struct ndctl_bb *bb;

	bb = realloc(ndns->injected, (ndns->num_injected + 1) * sizeof(*bb));
	if (!bb)
		return -ENOMEM;
	ndns->injected = bb;
	bb[ndns->num_injected].block = block;
	bb[ndns->num_injected].count = count;
	ndns->num_injected++;
	return 0;
}

static int bb_cmp(const void *a, const void *b)
{
	const struct ndctl_bb *x = a, *y = b;

	return x->block < y->block ? -1 : x->block > y->block;
}

/*
 * Blocks poisoned one unit each come back as one record per block: sort
 * and join touching ranges so that a run injected together reads as one.
 */
static void merge_bbs(struct ndctl_namespace *ndns)
{
	struct ndctl_bb *bb = ndns->injected;
	int i, n = 0;

	if (ndns->num_injected < 2)
		return;
	qsort(bb, (size_t)ndns->num_injected, sizeof(*bb), bb_cmp);
	for (i = 1; i < ndns->num_injected; i++) {
		unsigned long long end = bb[n].block + bb[n].count;

		if (bb[i].block <= end) {
			if (bb[i].block + bb[i].count > end)
				bb[n].count = bb[i].block + bb[i].count - bb[n].block;
		} else {
			bb[++n] = bb[i];
		}
	}
	ndns->num_injected = n + 1;
}

void nd_namespace_free_injected(struct ndctl_namespace *ndns)
{
	free(ndns->injected);
	ndns->injected = NULL;
	ndns->num_injected = 0;
}

/* The injected ranges that overlap the namespace, in its blocks. */
NDCTL_EXPORT int ndctl_namespace_injection_status(struct ndctl_namespace *ndns)
{
	size_t out = sizeof(struct nfit_inject_get) +
		     NFIT_INJECT_GET_RECORDS * sizeof(struct nfit_inject_record);
	unsigned long long start, size, end;
	struct nfit_inject_get *p;
	struct ndctl_cmd *cmd;
	unsigned int i, n;
	int rc;

	if (!ndns)
		return -EINVAL;
	nd_namespace_free_injected(ndns);
	if (!ndctl_bus_has_error_injection(ns_bus(ndns))) {
		nd_err(ns_ctx(ndns), "%s: bus %s has no error injection\n",
		       ndns->ch.devname, ns_bus(ndns)->devname);
		return -EOPNOTSUPP;
	}
	rc = nd_namespace_data_range(ndns, &start, &size);
	if (rc < 0)
		return rc;
	end = start + size;
	cmd = nd_cmd_new_bus_call(ns_bus(ndns), NFIT_CMD_ARS_INJECT_GET, 0, out,
				  offsetof(struct nfit_inject_get, status), NULL);
	if (!cmd)
		return -ENOMEM;
	rc = ndctl_cmd_submit_xlat(cmd);
	if (rc < 0) {
		nd_err(ns_ctx(ndns), "%s: injection status failed: %s\n",
		       ndns->ch.devname, strerror(-rc));
		goto out;
	}
	p = nd_cmd_payload(cmd);
	n = p->count < NFIT_INJECT_GET_RECORDS ? p->count : NFIT_INJECT_GET_RECORDS;
	for (i = 0; i < n && rc == 0; i++) {
		unsigned long long b = p->record[i].base, l = p->record[i].length;
		unsigned long long lo, hi;

		if (!l || b + l < b || b >= end || b + l <= start)
			continue;
		lo = b < start ? start : b;
		hi = b + l > end ? end : b + l;
		/* whole blocks touched by the range */
		lo = (lo - start) / SECTOR;
		hi = (hi - start + SECTOR - 1) / SECTOR;
		rc = add_bb(ndns, lo, hi - lo);
	}
	merge_bbs(ndns);
out:
	ndctl_cmd_unref(cmd);
	return rc;
}

NDCTL_EXPORT struct ndctl_bb *
ndctl_namespace_injection_get_first_bb(struct ndctl_namespace *ndns)
{
	return ndns && ndns->num_injected ? &ndns->injected[0] : NULL;
}

NDCTL_EXPORT struct ndctl_bb *
ndctl_namespace_injection_get_next_bb(struct ndctl_namespace *ndns,
				      struct ndctl_bb *bb)
{
	if (!ndns || !bb || bb < ndns->injected ||
	    bb + 1 >= ndns->injected + ndns->num_injected)
		return NULL;
	return bb + 1;
}

NDCTL_EXPORT unsigned long long ndctl_bb_get_block(struct ndctl_bb *bb)
{
	return bb ? bb->block : ULLONG_MAX;
}

NDCTL_EXPORT unsigned long long ndctl_bb_get_count(struct ndctl_bb *bb)
{
	return bb ? bb->count : ULLONG_MAX;
}
