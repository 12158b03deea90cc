/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_LABEL_JSON_H
#define NDCTL_LABEL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

/*
 * Decode a label storage area (the two index blocks then the label slots,
 * UEFI 2.7 / NVDIMM Namespace Specification v1.1 and v1.2) into the
 * "index" and "label" arrays read-labels --json prints.  Only labels the
 * current index marks as in use are listed (none with @index_only).
 * Decoding is the library's label codec (lib/ndctl/labels.c).  Returns
 * NULL when no index block of @buf is valid.
 */
struct json_object *nd_label_area_to_json(const unsigned char *buf,
					  size_t len, bool index_only,
					  unsigned long flags);

#endif
