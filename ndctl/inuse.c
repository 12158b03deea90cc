// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>
#include <daxctl/libdaxctl.h>

#include "ndctl/inuse.h"

/* The mount point of /dev/@bdev from /proc/self/mounts, if mounted. */
static int mounted(const char *bdev, char *buf, size_t len)
{
	char src[256], dir[256], want[64];
	FILE *f;
	int hit = 0;

	if (!bdev || !bdev[0])
		return 0;
	f = fopen("/proc/self/mounts", "re");
	if (!f)
		return 0;
	snprintf(want, sizeof(want), "/dev/%s", bdev);
	while (!hit && fscanf(f, "%255s %255s %*[^\n]", src, dir) == 2)
		if (strcmp(src, want) == 0) {
			snprintf(buf, len, "%s is mounted on %s", bdev, dir);
			hit = 1;
		}
	fclose(f);
	return hit;
}

int nd_namespace_user(struct ndctl_namespace *ndns, char *buf, size_t len)
{
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	struct daxctl_region *dregion;
	struct daxctl_dev *dev;

	if (btt)
		return mounted(ndctl_btt_get_block_device(btt), buf, len);
	if (pfn)
		return mounted(ndctl_pfn_get_block_device(pfn), buf, len);
	if (!dax)
		return mounted(ndctl_namespace_get_block_device(ndns), buf, len);

	dregion = ndctl_dax_get_daxctl_region(dax);
	if (!dregion)
		return 0;
	daxctl_dev_foreach(dregion, dev) {
		struct daxctl_memory *mem = daxctl_dev_get_memory(dev);

		if (mem && daxctl_memory_is_online(mem) > 0) {
			snprintf(buf, len, "%s is online as system memory",
				 daxctl_dev_get_devname(dev));
			return 1;
		}
	}
	return 0;
}
