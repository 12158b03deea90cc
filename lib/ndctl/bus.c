// SPDX-License-Identifier: LGPL-2.1-or-later
/* Buses: one per NVDIMM provider (ACPI.NFIT, nfit_test.N, of_pmem, ...). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private.h"


void nd_bus_free_regions(struct ndctl_bus *bus)
{
	struct ndctl_region *region, *r_tmp;

	list_for_each_safe(&bus->regions, region, r_tmp, node) {
		list_del(&region->node);
		nd_region_free(region);
	}
	bus->regions_scanned = false;
}

void nd_bus_free(struct ndctl_bus *bus)
{
	struct ndctl_dimm *dimm, *d_tmp;

	nd_bus_free_regions(bus);
	list_for_each_safe(&bus->dimms, dimm, d_tmp, node) {
		list_del(&dimm->node);
		nd_dimm_free(dimm);
	}
	free(bus->provider);
	free(bus->devname);
	free(bus->path);
	free(bus);
}

void nd_ctx_free_buses(struct ndctl_ctx *ctx)
{
	struct ndctl_bus *bus, *tmp;

	list_for_each_safe(&ctx->buses, bus, tmp, node) {
		list_del(&bus->node);
		nd_bus_free(bus);
	}
	ctx->buses_scanned = false;
}

static struct ndctl_bus *add_bus(struct ndctl_ctx *ctx, const char *name)
{
	char buf[SYSFS_ATTR_SIZE];
	struct ndctl_bus *bus;
	char *nfit;

	bus = calloc(1, sizeof(*bus));
	if (!bus)
		return NULL;
	bus->ctx = ctx;
	bus->major = bus->minor = -1;
	list_head_init(&bus->dimms);
	list_head_init(&bus->regions);
	if (nd_name_id(name, "ndbus", &bus->id) < 0)
		goto err;
	bus->devname = strdup(name);
	bus->path = nd_path_join(ND_SYSFS_DEVICES, name);
	if (!bus->devname || !bus->path)
		goto err;
	if (nd_read_attr(ctx, bus->path, "provider", buf) < 0) {
		nd_dbg(ctx, "%s: no provider, skipped\n", name);
		goto err;
	}
	bus->provider = strdup(buf);
	if (!bus->provider)
		goto err;
	nfit = nd_path_join(bus->path, "nfit");
	bus->has_nfit = nfit && access(nfit, F_OK) == 0;
	free(nfit);
	return bus;
err:
	free(bus->provider);
	free(bus->devname);
	free(bus->path);
	free(bus);
	return NULL;
}

static void scan_buses(struct ndctl_ctx *ctx)
{
	char **names;
	int n, i;

	if (ctx->buses_scanned)
		return;
	ctx->buses_scanned = true;
	n = nd_scan_dir(ND_SYSFS_DEVICES, "ndbus", &names);
	if (n < 0) {
		nd_dbg(ctx, "no libnvdimm buses: %s\n", strerror(-n));
		return;
	}
	for (i = 0; i < n; i++) {
		struct ndctl_bus *bus = add_bus(ctx, names[i]);

		if (bus)
			list_add_tail(&ctx->buses, &bus->node);
	}
	nd_free_names(names, n);
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_first(struct ndctl_ctx *ctx)
{
	if (!ctx)
		return NULL;
	scan_buses(ctx);
	return list_first(&ctx->buses, struct ndctl_bus, node);
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_next(struct ndctl_bus *bus)
{
	return bus ? list_next(&bus->ctx->buses, bus, node) : NULL;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_bus_get_ctx(struct ndctl_bus *bus)
{
	return bus ? bus->ctx : NULL;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_by_provider(struct ndctl_ctx *ctx,
							 const char *provider)
{
	struct ndctl_bus *bus;

	if (!provider)
		return NULL;
	ndctl_bus_foreach(ctx, bus)
		if (strcmp(bus->provider, provider) == 0)
			return bus;
	return NULL;
}

NDCTL_EXPORT const char *ndctl_bus_get_provider(struct ndctl_bus *bus)
{
	return bus ? bus->provider : NULL;
}

NDCTL_EXPORT const char *ndctl_bus_get_devname(struct ndctl_bus *bus)
{
	return bus ? bus->devname : NULL;
}

NDCTL_EXPORT unsigned int ndctl_bus_get_id(struct ndctl_bus *bus)
{
	return bus ? bus->id : UINT_MAX;
}

static void read_devnum(struct ndctl_bus *bus)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	unsigned int maj, min;

	if (bus->major >= 0)
		return;
	snprintf(path, sizeof(path), "/sys/class/nd/ndctl%u", bus->id);
	if (nd_read_attr(bus->ctx, path, "dev", buf) == 0 &&
	    sscanf(buf, "%u:%u", &maj, &min) == 2) {
		bus->major = (int)maj;
		bus->minor = (int)min;
	}
}

NDCTL_EXPORT unsigned int ndctl_bus_get_major(struct ndctl_bus *bus)
{
	if (!bus)
		return 0;
	read_devnum(bus);
	return bus->major < 0 ? 0 : (unsigned int)bus->major;
}

NDCTL_EXPORT unsigned int ndctl_bus_get_minor(struct ndctl_bus *bus)
{
	if (!bus)
		return 0;
	read_devnum(bus);
	return bus->minor < 0 ? 0 : (unsigned int)bus->minor;
}

/* Command masks and the NFIT revision: read together on first use. */
static void load_details(struct ndctl_bus *bus)
{
	char buf[SYSFS_ATTR_SIZE], path[PATH_MAX];
	unsigned long long v;

	if (bus->details_read)
		return;
	bus->details_read = true;
	if (nd_read_attr(bus->ctx, bus->path, "commands", buf) == 0)
		bus->cmd_mask = nd_parse_cmd_mask(buf, false);
	if (!bus->has_nfit)
		return;
	snprintf(path, sizeof(path), "%s/nfit", bus->path);
	if (nd_read_u64(bus->ctx, path, "revision", &v) == 0)
		bus->revision = (unsigned int)v;
	if (nd_read_u64(bus->ctx, path, "dsm_mask", &v) == 0)
		bus->nfit_dsm_mask = (unsigned long)v;
}

NDCTL_EXPORT unsigned int ndctl_bus_get_revision(struct ndctl_bus *bus)
{
	if (!bus)
		return 0;
	load_details(bus);
	return bus->revision;
}

NDCTL_EXPORT int ndctl_bus_has_nfit(struct ndctl_bus *bus)
{
	return bus ? bus->has_nfit : 0;
}

static bool bus_has(struct ndctl_bus *bus, const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", bus->path, rel);
	return access(path, F_OK) == 0;
}

NDCTL_EXPORT int ndctl_bus_has_of_node(struct ndctl_bus *bus)
{
	return bus ? bus_has(bus, "of_node") : 0;
}

/* CXL's nvdimm bridge names its buses after the cxl port it serves. */
NDCTL_EXPORT int ndctl_bus_has_cxl(struct ndctl_bus *bus)
{
	return bus ? strncmp(bus->provider, "cxl", 3) == 0 : 0;
}

NDCTL_EXPORT int ndctl_bus_is_papr_scm(struct ndctl_bus *bus)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];

	if (!bus || !bus_has(bus, "of_node"))
		return 0;
	snprintf(path, sizeof(path), "%s/of_node", bus->path);
	if (nd_read_attr(bus->ctx, path, "compatible", buf) < 0)
		return 0;
	return strstr(buf, "ibm,pmemory") != NULL;
}

NDCTL_EXPORT const char *ndctl_bus_get_cmd_name(struct ndctl_bus *bus, int cmd)
{
	if (cmd < 0)
		return "unknown";
	return nvdimm_bus_cmd_name((unsigned int)cmd);
}

NDCTL_EXPORT int ndctl_bus_is_cmd_supported(struct ndctl_bus *bus, int cmd)
{
	if (!bus || cmd < 0 || cmd >= (int)(sizeof(bus->cmd_mask) * 8))
		return 0;
	load_details(bus);
	return !!(bus->cmd_mask & (1UL << cmd));
}

NDCTL_EXPORT int ndctl_bus_is_nfit_cmd_supported(struct ndctl_bus *bus,
						 int cmd)
{
	if (!bus || cmd < 0 || cmd >= (int)(sizeof(bus->nfit_dsm_mask) * 8))
		return 0;
	load_details(bus);
	return !!(bus->nfit_dsm_mask & (1UL << cmd));
}

/* The weakest guarantee any of the bus's regions gives. */
NDCTL_EXPORT enum ndctl_persistence_domain
ndctl_bus_get_persistence_domain(struct ndctl_bus *bus)
{
	enum ndctl_persistence_domain pd = PERSISTENCE_UNKNOWN, r;
	struct ndctl_region *region;

	if (!bus)
		return PERSISTENCE_UNKNOWN;
	ndctl_region_foreach(bus, region) {
		r = ndctl_region_get_persistence_domain(region);
		if (r < pd)
			pd = r;
	}
	return pd;
}

/*
 * Reading the attribute blocks until the kernel's probe queue drains;
 * then, when udev runs, wait for it to handle what the probes created
 * (the enable paths all end here, as in the established library).
 */
NDCTL_EXPORT int ndctl_bus_wait_probe(struct ndctl_bus *bus)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc;

	if (!bus)
		return -EINVAL;
	rc = nd_read_attr(bus->ctx, bus->path, "wait_probe", buf);
	if (rc < 0) {
		nd_err(bus->ctx, "%s: wait_probe failed: %s\n", bus->devname,
		       strerror(-rc));
		return rc;
	}
	nd_udev_settle(bus->ctx, bus->devname);
	return 0;
}

/* the nfit scrub attribute: "COUNT", with a '+' while a scrub runs */
static int parse_scrub(const char *text, unsigned int *count, bool *busy)
{
	char plus = 0;
	int n = sscanf(text, "%u%c", count, &plus);

	if (n < 1)
		return -EINVAL;
	*busy = n == 2 && plus == '+';
	return 0;
}

static int read_scrub(struct ndctl_bus *bus, unsigned int *count, bool *busy)
{
	char buf[SYSFS_ATTR_SIZE], path[PATH_MAX];
	int n;

	if (!bus->has_nfit)
		return -EOPNOTSUPP;
	snprintf(path, sizeof(path), "%s/nfit", bus->path);
	n = nd_read_attr(bus->ctx, path, "scrub", buf);
	if (n < 0)
		return n;
	return parse_scrub(buf, count, busy);
}

NDCTL_EXPORT unsigned int ndctl_bus_get_scrub_count(struct ndctl_bus *bus)
{
	unsigned int count;
	bool busy;

	if (!bus || read_scrub(bus, &count, &busy) < 0)
		return UINT_MAX;
	return count;
}

NDCTL_EXPORT int ndctl_bus_get_scrub_state(struct ndctl_bus *bus)
{
	unsigned int count;
	bool busy;
	int rc;

	if (!bus)
		return -EINVAL;
	rc = read_scrub(bus, &count, &busy);
	return rc < 0 ? rc : busy;
}

NDCTL_EXPORT struct ndctl_region *
ndctl_bus_get_region_by_physical_address(struct ndctl_bus *bus,
					 unsigned long long address)
{
	struct ndctl_region *region;

	ndctl_region_foreach(bus, region) {
		unsigned long long start = ndctl_region_get_resource(region);
		unsigned long long size = ndctl_region_get_size(region);

		if (start == ULLONG_MAX)
			continue;
		if (address >= start && address - start < size)
			return region;
	}
	return NULL;
}

NDCTL_EXPORT struct ndctl_dimm *
ndctl_bus_get_dimm_by_physical_address(struct ndctl_bus *bus,
				       unsigned long long address)
{
	struct ndctl_region *region =
		ndctl_bus_get_region_by_physical_address(bus, address);

	/*
	 * The interleave geometry of a multi-DIMM region is not published
	 * in sysfs, so only a single-DIMM region answers unambiguously.
	 */
	if (!region || ndctl_region_get_mappings(region) != 1)
		return NULL;
	return ndctl_region_get_first_dimm(region);
}

/* Ask the platform for a fresh address range scrub (ARS) of the bus. */
NDCTL_EXPORT int ndctl_bus_start_scrub(struct ndctl_bus *bus)
{
	char path[PATH_MAX];

	if (!bus)
		return -EINVAL;
	if (!bus->has_nfit)
		return -EOPNOTSUPP;
	snprintf(path, sizeof(path), "%s/nfit", bus->path);
	return nd_write_attr(bus->ctx, path, "scrub", "1");
}

/* sysfs_wait_attr callback: the scrub attribute reads "COUNT" or "COUNT+" */
static int scrub_idle(const char *text, void *arg)
{
	unsigned int count;
	bool busy;

	(void)arg;
	if (parse_scrub(text, &count, &busy))
		return -EINVAL;
	return !busy;
}

/*
 * The kernel notifies the scrub attribute when a scrub finishes, so sleep
 * in poll() on it; @poll_interval (seconds) only bounds each wait in case
 * a notification is missed.  @timeout 0 waits for as long as it takes.
 */
NDCTL_EXPORT int ndctl_bus_poll_scrub_completion(struct ndctl_bus *bus,
						 unsigned int poll_interval,
						 unsigned int timeout)
{
	char path[PATH_MAX];
	int rc;

	if (!bus)
		return -EINVAL;
	if (!bus->has_nfit)
		return -EOPNOTSUPP;
	snprintf(path, sizeof(path), "%s/nfit/scrub", bus->path);
	rc = sysfs_wait_attr(path, scrub_idle, NULL,
			     (poll_interval ? poll_interval : 1) * 1000,
			     timeout * 1000LL);
	if (rc == -ETIMEDOUT)
		nd_dbg(bus->ctx, "%s: scrub still running\n", bus->devname);
	return rc;
}

NDCTL_EXPORT int ndctl_bus_wait_for_scrub_completion(struct ndctl_bus *bus)
{
	return ndctl_bus_poll_scrub_completion(bus, 0, 0);
}
