// SPDX-License-Identifier: GPL-2.0-only
#include <limits.h>
#include <string.h>

#include <daxctl/libdaxctl.h>

#include "daxctl/json.h"

static void add(struct json_object *o, const char *key, struct json_object *v)
{
	/* json-c ignores a NULL value; an allocation failure drops the key */
	if (v)
		json_object_object_add(o, key, v);
}

static struct json_object *mappings_to_json(struct daxctl_dev *dev,
					    unsigned long flags)
{
	struct json_object *arr = json_object_new_array();
	struct daxctl_mapping *m;

	if (!arr)
		return NULL;
	daxctl_mapping_foreach(dev, m) {
		struct json_object *jm = json_object_new_object();

		if (!jm)
			break;
		add(jm, "page_offset",
		    util_json_new_hex(daxctl_mapping_get_offset(m), flags));
		add(jm, "start",
		    util_json_new_hex(daxctl_mapping_get_start(m), flags));
		add(jm, "end", util_json_new_hex(daxctl_mapping_get_end(m), flags));
		add(jm, "size",
		    util_json_new_size(daxctl_mapping_get_size(m), flags));
		json_object_array_add(arr, jm);
	}
	if (json_object_array_length(arr) == 0) {
		json_object_put(arr);
		return NULL;
	}
	return arr;
}

struct json_object *dax_dev_to_json(struct daxctl_dev *dev,
				    unsigned long flags)
{
	struct json_object *o = json_object_new_object();
	struct daxctl_memory *mem;
	unsigned long align;
	int node, enabled;

	if (!o)
		return NULL;
	add(o, "chardev", json_object_new_string(daxctl_dev_get_devname(dev)));
	add(o, "size", util_json_new_size(daxctl_dev_get_size(dev), flags));
	node = daxctl_dev_get_target_node(dev);
	if (node >= 0)
		add(o, "target_node", json_object_new_int(node));
	align = daxctl_dev_get_align(dev);
	if (align && align != ULONG_MAX)
		add(o, "align", util_json_new_size(align, flags));

	enabled = daxctl_dev_is_enabled(dev);
	mem = enabled ? daxctl_dev_get_memory(dev) : NULL;
	add(o, "mode", json_object_new_string(mem ? "system-ram" : "devdax"));
	if (mem) {
		int total = daxctl_memory_num_sections(mem);
		int online = daxctl_memory_is_online(mem);
		int movable = daxctl_memory_is_movable(mem);

		if (online >= 0)
			add(o, "online_memblocks", json_object_new_int(online));
		if (total >= 0)
			add(o, "total_memblocks", json_object_new_int(total));
		if (movable >= 0 && online > 0)
			add(o, "movable", json_object_new_boolean(movable));
	}
	if (!enabled)
		add(o, "state", json_object_new_string("disabled"));
	if (flags & DAX_JSON_MAPPINGS)
		add(o, "mappings", mappings_to_json(dev, flags));
	return o;
}

struct json_object *dax_region_to_json(struct daxctl_region *region,
				       unsigned long flags)
{
	struct json_object *o = json_object_new_object();
	unsigned long long avail, size;
	unsigned long align;
	const char *path;

	if (!o)
		return NULL;
	/* printed relative to /sys/devices, as established */
	path = flags & DAX_JSON_NO_PATH ? NULL : daxctl_region_get_path(region);
	if (path && strncmp(path, "/sys/devices/", 13) == 0)
		path += 12;
	if (path)
		add(o, "path", json_object_new_string(path));
	add(o, "id", json_object_new_int(daxctl_region_get_id(region)));
	size = daxctl_region_get_size(region);
	if (size != ULLONG_MAX)
		add(o, "size", util_json_new_size(size, flags));
	avail = daxctl_region_get_available_size(region);
	if (avail && avail != ULLONG_MAX)
		add(o, "available_size", util_json_new_size(avail, flags));
	/* a number even with -u, unlike a device's align (established) */
	align = daxctl_region_get_align(region);
	if (align && align != ULONG_MAX)
		add(o, "align", util_json_new_u64(align));
	return o;
}

struct json_object *dax_region_devs_to_json(struct daxctl_region *region,
					    unsigned long flags)
{
	struct json_object *arr = NULL;
	struct daxctl_dev *dev;

	daxctl_dev_foreach(region, dev) {
		if (!(flags & UTIL_JSON_IDLE) && !daxctl_dev_get_size(dev))
			continue;
		if (!arr)
			arr = json_object_new_array();
		if (!arr)
			return NULL;
		json_object_array_add(arr, dax_dev_to_json(dev, flags));
	}
	return arr;
}
