// SPDX-License-Identifier: GPL-2.0-only
/* The names of the namespace modes; see ns-mode.h */
#include <stddef.h>
#include <strings.h>

#include "ndctl/ns-mode.h"

const char *nd_mode_name(enum ndctl_namespace_mode mode)
{
	switch (mode) {
	case NDCTL_NS_MODE_FSDAX:
		return "fsdax";
	case NDCTL_NS_MODE_DEVDAX:
		return "devdax";
	case NDCTL_NS_MODE_SECTOR:
		return "sector";
	case NDCTL_NS_MODE_RAW:
		return "raw";
	default:
		return "unknown";
	}
}

enum ndctl_namespace_mode nd_mode_parse(const char *s)
{
	static const struct {
		const char *name;
		enum ndctl_namespace_mode mode;
	} names[] = {
		{ "fsdax", NDCTL_NS_MODE_FSDAX },
		{ "memory", NDCTL_NS_MODE_FSDAX },
		{ "devdax", NDCTL_NS_MODE_DEVDAX },
		{ "dax", NDCTL_NS_MODE_DEVDAX },
		{ "sector", NDCTL_NS_MODE_SECTOR },
		{ "safe", NDCTL_NS_MODE_SECTOR },
		{ "raw", NDCTL_NS_MODE_RAW },
	};
	size_t i;

	for (i = 0; s && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i].name) == 0)
			return names[i].mode;
	return NDCTL_NS_MODE_UNKNOWN;
}
