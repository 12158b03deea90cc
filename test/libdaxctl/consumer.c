// SPDX-License-Identifier: GPL-2.0-only
/*
 * An ordinary libdaxctl application: it is compiled against the
 * distribution's header (and linked against the distribution's library),
 * then run on ours, and its output compared with the same source built
 * against our header.  It prints what a listing tool would, then does a
 * create / enable / destroy cycle that leaves the region as it found it.
 */
#include <stdio.h>
#include <string.h>

#include <daxctl/libdaxctl.h>

static void print_dev(struct daxctl_dev *dev)
{
	struct daxctl_mapping *m;
	struct daxctl_memory *mem;

	printf("  dev %s id %d size %llu align %lu resource %#llx node %d "
	       "enabled %d chr %d:%d\n",
	       daxctl_dev_get_devname(dev), daxctl_dev_get_id(dev),
	       daxctl_dev_get_size(dev), daxctl_dev_get_align(dev),
	       daxctl_dev_get_resource(dev), daxctl_dev_get_target_node(dev),
	       daxctl_dev_is_enabled(dev),
	       daxctl_dev_get_major(dev), daxctl_dev_get_minor(dev));
	daxctl_mapping_foreach(dev, m)
		printf("    mapping %#llx-%#llx offset %llu size %llu\n",
		       daxctl_mapping_get_start(m), daxctl_mapping_get_end(m),
		       daxctl_mapping_get_offset(m), daxctl_mapping_get_size(m));
	mem = daxctl_dev_get_memory(dev);
	if (mem)
		printf("    memory block %lu node %s sections %d online %d\n",
		       daxctl_memory_get_block_size(mem),
		       daxctl_memory_get_node_path(mem),
		       daxctl_memory_num_sections(mem),
		       daxctl_memory_is_online(mem));
}

static void print_all(struct daxctl_ctx *ctx)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev;

	daxctl_region_foreach(ctx, region) {
		dev = daxctl_region_get_dev_seed(region);
		printf("region %d %s size %llu align %lu available %llu "
		       "seed %s\n", daxctl_region_get_id(region),
		       daxctl_region_get_devname(region),
		       daxctl_region_get_size(region),
		       daxctl_region_get_align(region),
		       daxctl_region_get_available_size(region),
		       dev ? daxctl_dev_get_devname(dev) : "-");
		daxctl_dev_foreach(region, dev)
			print_dev(dev);
	}
}

#define step(call)                                                           \
	do {                                                                 \
		int __rc = (call);                                           \
		printf("%s = %d\n", #call, __rc < 0 ? -1 : __rc);            \
	} while (0)

static struct daxctl_region *dynamic_region(struct daxctl_ctx *ctx)
{
	struct daxctl_region *region;
	char path[4096];
	FILE *f;

	daxctl_region_foreach(ctx, region) {
		snprintf(path, sizeof(path), "%s/dax_region/create",
			 daxctl_region_get_path(region));
		f = fopen(path, "r");
		if (f) {
			fclose(f);
			return region;
		}
	}
	return NULL;
}

/*
 * The established library caches its device list, so a new device is
 * looked up in a fresh context, as applications written for it do.
 */
static int cycle(void)
{
	struct daxctl_region *region;
	struct daxctl_dev *dev0, *dev;
	struct daxctl_ctx *ctx;

	if (daxctl_new(&ctx))
		return 1;
	region = dynamic_region(ctx);
	if (!region) {
		printf("no dynamic region\n");
		daxctl_unref(ctx);
		return 0;
	}
	dev0 = daxctl_dev_get_first(region);
	step(daxctl_dev_disable(dev0));
	step(daxctl_dev_set_size(dev0, 0));
	step(daxctl_region_create_dev(region));
	daxctl_unref(ctx);

	if (daxctl_new(&ctx))
		return 1;
	region = dynamic_region(ctx);
	dev = region ? daxctl_region_get_dev_seed(region) : NULL;
	if (!dev) {
		printf("no seed\n");
		return 1;
	}
	printf("seed %s\n", daxctl_dev_get_devname(dev));
	step(daxctl_dev_set_align(dev, 2UL << 20));
	step(daxctl_dev_set_size(dev, 64ULL << 20));
	step(daxctl_dev_enable_devdax(dev));
	printf("size %llu align %lu enabled %d available %llu\n",
	       daxctl_dev_get_size(dev), daxctl_dev_get_align(dev),
	       daxctl_dev_is_enabled(dev),
	       daxctl_region_get_available_size(region));
	print_all(ctx);
	step(daxctl_dev_disable(dev));
	step(daxctl_dev_set_size(dev, 0));
	step(daxctl_region_destroy_dev(region, dev));
	dev0 = daxctl_dev_get_first(region);
	step(daxctl_dev_set_size(dev0, 512ULL << 20));
	step(daxctl_dev_enable_devdax(dev0));
	daxctl_unref(ctx);
	return 0;
}

int main(int argc, char **argv)
{
	struct daxctl_ctx *ctx;

	if (argc > 1 && strcmp(argv[1], "cycle") == 0)
		return cycle();
	if (daxctl_new(&ctx))
		return 1;
	print_all(ctx);
	daxctl_unref(ctx);
	return 0;
}
