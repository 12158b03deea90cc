/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_NS_MODE_H
#define NDCTL_NS_MODE_H

#include <ndctl/libndctl.h>

/*
 * Apart from the JSON code: the size rules (ns-limits.c) name modes too,
 * and their unit test links neither json.c nor json-c.
 */

/* "fsdax", "devdax", "sector", "raw" (or "unknown") */
const char *nd_mode_name(enum ndctl_namespace_mode mode);
/* Those names plus the aliases memory, dax, safe; UNKNOWN otherwise. */
enum ndctl_namespace_mode nd_mode_parse(const char *s);

#endif
