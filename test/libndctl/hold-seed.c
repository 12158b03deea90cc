// SPDX-License-Identifier: GPL-2.0-only
/*
 * An application in the middle of configuring a namespace, for
 * hold-seed.sh: with its own libndctl context it sizes the idle seed of
 * region @argv[1] (the library takes the region's lock at that first
 * configuring write), says "holding" on stdout, and waits for a line on
 * stdin.  Then, with "fill" as @argv[2], it grows the namespace to take
 * all the region's free capacity, so a create that chose this region
 * while it waited finds no room once it has the lock.  Then it enables
 * the namespace as raw (which releases the lock),
 * re-reads its context and prints the region's namespaces as
 * "name size" lines, the view an application gets after the CLI ran
 * beside it.  Exit 0, or 1 with the failing step on stderr.
 */
#include <stdio.h>
#include <string.h>
#include <uuid/uuid.h>
#include <ndctl/libndctl.h>

static struct ndctl_region *find_region(struct ndctl_ctx *ctx,
					const char *name)
{
	struct ndctl_region *region;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus)
		ndctl_region_foreach(bus, region)
			if (!strcmp(ndctl_region_get_devname(region), name))
				return region;
	return NULL;
}

int main(int argc, char **argv)
{
	struct ndctl_namespace *ndns;
	struct ndctl_region *region;
	struct ndctl_ctx *ctx;
	char line[16];
	uuid_t uu;
	int rc;

	if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "fill")) ||
	    ndctl_new(&ctx) < 0)
		return 1;
	region = find_region(ctx, argv[1]);
	ndns = region ? ndctl_region_get_namespace_seed(region) : NULL;
	if (!ndns) {
		fprintf(stderr, "hold-seed: no idle namespace in %s\n", argv[1]);
		return 1;
	}
	uuid_generate(uu);
	rc = ndctl_namespace_set_uuid(ndns, uu);
	if (!rc)
		rc = ndctl_namespace_set_size(ndns, 16 << 20);
	if (rc) {
		fprintf(stderr, "hold-seed: configuring %s: %s\n",
			ndctl_namespace_get_devname(ndns), strerror(-rc));
		return 1;
	}
	printf("holding %s\n", ndctl_namespace_get_devname(ndns));
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	if (argc == 3) {
		unsigned long long more =
			ndctl_region_get_max_available_extent(region);

		rc = ndctl_namespace_set_size(ndns, (16 << 20) + more);
		if (rc) {
			fprintf(stderr, "hold-seed: filling %s: %s\n",
				argv[1], strerror(-rc));
			return 1;
		}
	}
	rc = ndctl_namespace_enable(ndns);
	if (rc) {
		fprintf(stderr, "hold-seed: enabling: %s\n", strerror(-rc));
		return 1;
	}
	ndctl_invalidate(ctx);
	region = find_region(ctx, argv[1]);
	if (!region)
		return 1;
	ndctl_namespace_foreach(region, ndns)
		if (ndctl_namespace_get_size(ndns))
			printf("%s %llu\n", ndctl_namespace_get_devname(ndns),
			       ndctl_namespace_get_size(ndns));
	ndctl_unref(ctx);
	return 0;
}
