// SPDX-License-Identifier: LGPL-2.1-or-later
/* Memory blocks of a device in system-ram mode: online/offline/zones. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private.h"

enum zone_want {
	ZONE_MOVABLE,
	ZONE_NORMAL,
};

/* written to memoryN/state, and read back from memoryN/valid_zones */
static const char *const zone_state[] = {
	[ZONE_MOVABLE] = "online_movable",
	[ZONE_NORMAL] = "online_kernel",
};
static const char *const zone_name[] = {
	[ZONE_MOVABLE] = "Movable",
	[ZONE_NORMAL] = "Normal",
};

void dax_memory_free(struct daxctl_memory *mem)
{
	if (!mem)
		return;
	free(mem->node_path);
	free(mem);
}

static struct daxctl_ctx *mem_ctx(struct daxctl_memory *mem)
{
	return mem->dev->region->ctx;
}

DAXCTL_EXPORT struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *dev)
{
	struct daxctl_memory *mem;
	struct daxctl_ctx *ctx;
	char buf[SYSFS_ATTR_SIZE];
	uint64_t bs;
	int node;

	/* only a device bound to kmem has memory blocks */
	if (!dev || !dax_dev_bound_to(dev, DAXCTL_DEV_MODE_RAM))
		return NULL;
	if (dev->mem)
		return dev->mem;
	ctx = dev->region->ctx;
	if (sysfs_read_attr(&ctx->log, MEMORY_DIR "/block_size_bytes", buf) ||
	    parse_u64(buf, 16, &bs) || bs == 0 || bs > ULONG_MAX) {
		dax_err(ctx, "%s: cannot read the memory block size from "
			MEMORY_DIR "/block_size_bytes\n", dev->devname);
		return NULL;
	}
	mem = calloc(1, sizeof(*mem));
	if (!mem)
		return NULL;
	mem->dev = dev;
	mem->block_size = (unsigned long)bs;
	node = daxctl_dev_get_target_node(dev);
	if (node >= 0 &&
	    asprintf(&mem->node_path, NODE_DIR "/node%d", node) < 0) {
		free(mem);
		return NULL;
	}
	dev->mem = mem;
	return mem;
}

DAXCTL_EXPORT struct daxctl_dev *daxctl_memory_get_dev(struct daxctl_memory *mem)
{
	return mem ? mem->dev : NULL;
}

DAXCTL_EXPORT const char *daxctl_memory_get_node_path(struct daxctl_memory *mem)
{
	return mem ? mem->node_path : NULL;
}

DAXCTL_EXPORT unsigned long daxctl_memory_get_block_size(struct daxctl_memory *mem)
{
	return mem ? mem->block_size : 0;
}

/*
 * The ids of the memory blocks backing the device.  kmem hot-adds each
 * device range trimmed to whole blocks; a block's id is its start address
 * divided by the block size (memoryN, N == phys_index).  Computing them
 * from the device's ranges reads only this device's blocks instead of
 * every block of the node.
 */
struct block_list {
	unsigned long *ids;
	size_t n, cap;
};

static int add_block(struct block_list *bl, unsigned long id)
{
	char path[PATH_MAX];
	unsigned long *grown;

	snprintf(path, sizeof(path), MEMORY_DIR "/memory%lu", id);
	if (access(path, F_OK) != 0)
		return 0;
	if (bl->n == bl->cap) {
		bl->cap = bl->cap ? bl->cap * 2 : 16;
		grown = realloc(bl->ids, bl->cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		bl->ids = grown;
	}
	bl->ids[bl->n++] = id;
	return 0;
}

static int add_range(struct block_list *bl, unsigned long long start,
		     unsigned long long end, unsigned long bs)
{
	unsigned long long first = (start + bs - 1) / bs;
	unsigned long long stop = (end + 1) / bs;	/* exclusive */
	unsigned long long id;
	int rc;

	for (id = first; id < stop; id++) {
		rc = add_block(bl, (unsigned long)id);
		if (rc)
			return rc;
	}
	return 0;
}

static int dev_blocks(struct daxctl_memory *mem, struct block_list *bl)
{
	struct daxctl_dev *dev = mem->dev;
	struct daxctl_mapping *m;
	unsigned long long start, size;
	int rc = 0, n;

	memset(bl, 0, sizeof(*bl));
	n = dax_dev_scan_mappings(dev);
	if (n > 0) {
		for (m = list_first(&dev->mappings, struct daxctl_mapping, node);
		     m && m->index < dev->nr_mappings && !rc;
		     m = list_next(&dev->mappings, m, node))
			rc = add_range(bl, m->start, m->end, mem->block_size);
		return rc;
	}
	/* a static device has a single range and no mapping children */
	start = daxctl_dev_get_resource(dev);
	size = daxctl_dev_get_size(dev);
	if (!start || !size) {
		dax_err(mem_ctx(mem), "%s: cannot determine the device's "
			"physical range\n", dev->devname);
		return -ENXIO;
	}
	return add_range(bl, start, start + size - 1, mem->block_size);
}

static int block_attr_path(unsigned long id, const char *attr, char *buf,
			   size_t len)
{
	int n = snprintf(buf, len, MEMORY_DIR "/memory%lu/%s", id, attr);

	return (n < 0 || (size_t)n >= len) ? -ENAMETOOLONG : 0;
}

/* 1 online, 0 offline, negative errno */
static int block_online(struct daxctl_memory *mem, unsigned long id)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	int rc;

	rc = block_attr_path(id, "state", path, sizeof(path));
	if (!rc)
		rc = sysfs_read_attr(&mem_ctx(mem)->log, path, buf);
	if (rc) {
		dax_err(mem_ctx(mem), "%s: reading memory%lu/state: %s\n",
			mem->dev->devname, id, strerror(-rc));
		return rc;
	}
	return strncmp(buf, "online", 6) == 0;
}

static int block_set(struct daxctl_memory *mem, unsigned long id,
		     const char *state)
{
	char path[PATH_MAX];
	int rc;

	rc = block_attr_path(id, "state", path, sizeof(path));
	if (!rc)
		rc = sysfs_write_attr_quiet(&mem_ctx(mem)->log, path, state);
	return rc;
}

/* Zone of an online block: its valid_zones names just the current one. */
static int block_zone(struct daxctl_memory *mem, unsigned long id, char *buf)
{
	char path[PATH_MAX];
	int rc;

	rc = block_attr_path(id, "valid_zones", path, sizeof(path));
	if (!rc)
		rc = sysfs_read_attr(&mem_ctx(mem)->log, path, buf);
	if (rc)
		dax_err(mem_ctx(mem), "%s: reading memory%lu/valid_zones: "
			"%s\n", mem->dev->devname, id, strerror(-rc));
	return rc;
}

static int online_with_zone(struct daxctl_memory *mem, enum zone_want zone)
{
	struct daxctl_ctx *ctx;
	struct block_list bl;
	char buf[SYSFS_ATTR_SIZE];
	unsigned long *done;
	size_t i, ndone = 0;
	int rc, on;

	if (!mem)
		return -EINVAL;
	ctx = mem_ctx(mem);
	rc = dev_blocks(mem, &bl);
	if (rc)
		goto out;
	done = calloc(bl.n ? bl.n : 1, sizeof(*done));
	if (!done) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < bl.n; i++) {
		on = block_online(mem, bl.ids[i]);
		if (on < 0) {
			rc = on;
			break;
		}
		if (on) {
			/* onlined earlier (or by the auto-online policy) */
			if (block_zone(mem, bl.ids[i], buf) == 0 &&
			    strcmp(buf, zone_name[zone]) != 0) {
				dax_err(ctx, "%s: memory%lu is already online "
					"in zone %s, not %s\n",
					mem->dev->devname, bl.ids[i], buf,
					zone_name[zone]);
				rc = -EBUSY;
				break;
			}
			continue;
		}
		rc = block_set(mem, bl.ids[i], zone_state[zone]);
		if (rc) {
			/* another agent may have onlined it meanwhile */
			if (block_online(mem, bl.ids[i]) == 1) {
				rc = 0;
				continue;
			}
			dax_err(ctx, "%s: onlining memory%lu as %s failed: "
				"%s\n", mem->dev->devname, bl.ids[i],
				zone_state[zone], strerror(-rc));
			break;
		}
		done[ndone++] = bl.ids[i];
		/* the kernel may pick another zone than asked under races */
		if (block_zone(mem, bl.ids[i], buf) == 0 &&
		    strcmp(buf, zone_name[zone]) != 0) {
			dax_err(ctx, "%s: memory%lu came online in zone %s "
				"instead of %s\n", mem->dev->devname,
				bl.ids[i], buf, zone_name[zone]);
			rc = -EBUSY;
			break;
		}
	}
	if (rc) {
		/* put back the blocks this call onlined */
		while (ndone--)
			block_set(mem, done[ndone], "offline");
	} else {
		rc = (int)ndone;
	}
	free(done);
out:
	free(bl.ids);
	return rc;
}

DAXCTL_EXPORT int daxctl_memory_online(struct daxctl_memory *mem)
{
	return online_with_zone(mem, ZONE_MOVABLE);
}

DAXCTL_EXPORT int daxctl_memory_online_no_movable(struct daxctl_memory *mem)
{
	return online_with_zone(mem, ZONE_NORMAL);
}

DAXCTL_EXPORT int daxctl_memory_offline(struct daxctl_memory *mem)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	struct daxctl_ctx *ctx;
	struct block_list bl;
	unsigned long *done;
	char **zones = NULL;
	size_t i, ndone = 0;
	int rc, on;

	if (!mem)
		return -EINVAL;
	ctx = mem_ctx(mem);
	rc = dev_blocks(mem, &bl);
	if (rc)
		goto out;
	done = calloc(bl.n ? bl.n : 1, sizeof(*done));
	zones = calloc(bl.n ? bl.n : 1, sizeof(*zones));
	if (!done || !zones) {
		free(done);
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < bl.n; i++) {
		on = block_online(mem, bl.ids[i]);
		if (on <= 0) {
			rc = on;
			if (rc)
				break;
			continue;
		}
		/* 'removable' is 0 only where the kernel knows it can't */
		if (block_attr_path(bl.ids[i], "removable", path,
				    sizeof(path)) == 0 &&
		    sysfs_read_attr(&ctx->log, path, buf) == 0 &&
		    strcmp(buf, "0") == 0) {
			dax_err(ctx, "%s: memory%lu is not removable\n",
				mem->dev->devname, bl.ids[i]);
			rc = -EOPNOTSUPP;
			break;
		}
		/* remember the zone to restore it if a later block fails */
		if (block_zone(mem, bl.ids[i], buf) == 0)
			zones[ndone] = strdup(buf);
		rc = block_set(mem, bl.ids[i], "offline");
		if (rc) {
			free(zones[ndone]);
			zones[ndone] = NULL;
			if (block_online(mem, bl.ids[i]) == 0) {
				rc = 0;
				continue;
			}
			dax_err(ctx, "%s: offlining memory%lu failed: %s%s\n",
				mem->dev->devname, bl.ids[i], strerror(-rc),
				rc == -EBUSY ? " (pages in use that the kernel "
					       "cannot migrate)" : "");
			break;
		}
		done[ndone++] = bl.ids[i];
	}
	if (rc) {
		while (ndone--)
			block_set(mem, done[ndone],
				  zones[ndone] &&
				  strcmp(zones[ndone], zone_name[ZONE_MOVABLE])
				  == 0 ? zone_state[ZONE_MOVABLE] :
					 zone_state[ZONE_NORMAL]);
		ndone = 0;
	} else {
		rc = (int)ndone;
	}
	for (i = 0; i < bl.n; i++)
		free(zones[i]);
	free(zones);
	free(done);
out:
	free(bl.ids);
	return rc;
}

DAXCTL_EXPORT int daxctl_memory_is_online(struct daxctl_memory *mem)
{
	struct block_list bl;
	int rc, on, count = 0;
	size_t i;

	if (!mem)
		return -EINVAL;
	rc = dev_blocks(mem, &bl);
	for (i = 0; !rc && i < bl.n; i++) {
		on = block_online(mem, bl.ids[i]);
		if (on < 0)
			rc = on;
		else
			count += on;
	}
	free(bl.ids);
	return rc ? rc : count;
}

DAXCTL_EXPORT int daxctl_memory_num_sections(struct daxctl_memory *mem)
{
	struct block_list bl;
	int rc;

	if (!mem)
		return -EINVAL;
	rc = dev_blocks(mem, &bl);
	free(bl.ids);
	return rc ? rc : (int)bl.n;
}

DAXCTL_EXPORT int daxctl_memory_is_movable(struct daxctl_memory *mem)
{
	char buf[SYSFS_ATTR_SIZE];
	struct block_list bl;
	int rc, on, online = 0, movable = 0;
	size_t i;

	if (!mem)
		return -EINVAL;
	rc = dev_blocks(mem, &bl);
	for (i = 0; !rc && i < bl.n; i++) {
		on = block_online(mem, bl.ids[i]);
		if (on <= 0) {
			rc = on;
			continue;
		}
		online++;
		rc = block_zone(mem, bl.ids[i], buf);
		if (!rc && strcmp(buf, zone_name[ZONE_MOVABLE]) == 0)
			movable++;
	}
	free(bl.ids);
	if (rc)
		return rc;
	return online > 0 && movable == online;
}

DAXCTL_EXPORT int daxctl_dev_will_auto_online_memory(struct daxctl_dev *dev)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc;

	if (!dev)
		return 0;
	rc = sysfs_read_attr(&dev->region->ctx->log,
			     MEMORY_DIR "/auto_online_blocks", buf);
	if (rc) {
		/* without the policy, assume nothing onlines by itself */
		dax_dbg(dev->region->ctx, "%s: auto_online_blocks: %s\n",
			dev->devname, strerror(-rc));
		return 0;
	}
	/* "online", "online_kernel", "online_movable" all auto-online */
	return strncmp(buf, "online", 6) == 0;
}

DAXCTL_EXPORT int daxctl_dev_has_online_memory(struct daxctl_dev *dev)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);

	return mem ? daxctl_memory_is_online(mem) : 0;
}
