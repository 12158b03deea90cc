// SPDX-License-Identifier: GPL-2.0-only
/* read-labels --json: the label area as the library's codec decodes it */
#include <stdint.h>
#include <string.h>
#include <uuid/uuid.h>

#include "util/json.h"
#include "lib/ndctl/labels.h"
#include "ndctl/label-json.h"

static struct json_object *index_json(const struct nd_label_index *idx,
				      const struct nd_label_geom *g)
{
	struct json_object *j = json_object_new_object();

	if (!j)
		return NULL;
	json_object_object_add(j, "signature",
			       json_object_new_string("NAMESPACE_INDEX"));
	json_object_object_add(j, "major", json_object_new_int(idx->major));
	json_object_object_add(j, "minor", json_object_new_int(idx->minor));
	json_object_object_add(j, "labelsize", json_object_new_int(g->label_size));
	json_object_object_add(j, "seq", json_object_new_int64(idx->seq));
	json_object_object_add(j, "nslot", json_object_new_int64(idx->nslot));
	return j;
}

static struct json_object *guid_json(const uint8_t *p)
{
	char buf[40];

	uuid_unparse(p, buf);
	return json_object_new_string(buf);
}

static struct json_object *label_json(const struct nd_label *l,
				      const struct nd_label_geom *g,
				      unsigned long flags)
{
	struct json_object *j = json_object_new_object();

	if (!j)
		return NULL;
	json_object_object_add(j, "uuid", guid_json(l->uuid));
	json_object_object_add(j, "name", json_object_new_string(l->name));
	json_object_object_add(j, "slot", json_object_new_int64(l->slot));
	json_object_object_add(j, "position", json_object_new_int(l->position));
	json_object_object_add(j, "nlabel", json_object_new_int(l->nlabel));
	json_object_object_add(j, "flags", util_json_new_hex(l->flags, flags));
	json_object_object_add(j, "isetcookie",
			       util_json_new_hex(l->isetcookie, flags));
	json_object_object_add(j, "lbasize", util_json_new_u64(l->lbasize));
	json_object_object_add(j, "dpa", util_json_new_hex(l->dpa, flags));
	json_object_object_add(j, "rawsize", util_json_new_size(l->rawsize, flags));
	/* only v1.2 labels carry the type and abstraction (claim) guids */
	if (g->label_size >= 256) {
		json_object_object_add(j, "type_guid", guid_json(l->type_guid));
		json_object_object_add(j, "abstraction_guid",
				       guid_json(l->abstraction_guid));
	}
	return j;
}

struct json_object *nd_label_area_to_json(const unsigned char *buf,
					  size_t len, bool index_only,
					  unsigned long flags)
{
	struct json_object *jarea, *jindex, *jlabels;
	struct nd_label_area area;
	struct nd_label_index idx;
	struct nd_label l;
	uint32_t slot;
	int which;

	if (nd_label_area_validate(buf, len, &area) < 0)
		return NULL;
	jarea = json_object_new_object();
	jindex = json_object_new_array();
	if (!jarea || !jindex) {
		json_object_put(jarea);
		json_object_put(jindex);
		return NULL;
	}
	for (which = 0; which < 2; which++)
		if (nd_label_index_parse(buf, len, &area.geom, which, &idx) == 0)
			json_object_array_add(jindex, index_json(&idx, &area.geom));
	json_object_object_add(jarea, "index", jindex);
	if (index_only)
		return jarea;

	jlabels = json_object_new_array();
	if (!jlabels)
		return jarea;
	for (slot = 0; slot < area.geom.nslot; slot++) {
		if (nd_label_slot_is_free(buf, len, &area.geom, area.current,
					  slot) != 0)
			continue;
		/* a busy slot that does not decode is reported by check-labels */
		if (nd_label_parse(buf, len, &area.geom, slot, &l) < 0)
			continue;
		json_object_array_add(jlabels, label_json(&l, &area.geom, flags));
	}
	json_object_object_add(jarea, "label", jlabels);
	return jarea;
}
