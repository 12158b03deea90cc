/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef DAXCTL_DAXCONF_H
#define DAXCTL_DAXCONF_H

#include <limits.h>
#include <stddef.h>

/*
 * One [reconfigure-device <label>] section of a daxctl.conf.d .conf file,
 * selected by the uuid of the pmem namespace under the device (see
 * dax_dev_namespace_uuids()):
 *
 *   [reconfigure-device db-cache]
 *   nvdimm.uuid = 48d8e42c-a2f0-4312-9e70-a837faafe862
 *   mode = system-ram
 *   online = true
 *   movable = false
 */
struct dax_conf {
	char label[128];
	char file[PATH_MAX];
	char mode[32];	/* "" when not given */
	int online;	/* -1 when not given, else 0/1 */
	int movable;
};

/*
 * Find the section for device @devname among the .conf files of @dir (files in
 * natural order; the first match wins).  Returns 0 and fills @out, -ENOENT
 * when the device has no namespace uuid or no section names it, or
 * -EINVAL after printing the file, line and problem of a malformed entry.
 */
int dax_conf_lookup(const char *dir, const char *devname,
		    struct dax_conf *out);

/* A .conf file is a few lines; anything past this is not one. */
#define DAX_CONF_MAX (1 << 20)

/*
 * Parse the @len bytes of one .conf file at @buf (modified in place) and
 * find the first [reconfigure-device] section whose nvdimm.uuid is one of
 * @uuids.  The whole file is checked: every section needs a uuid, every key
 * is known and valid and given once.  Returns 0 with @out filled (but for
 * out->file), -ENOENT when no section matches, or -EINVAL with @why set to
 * "<line>: <problem>".  No side effects: the fuzzer and unit tests call it.
 */
int dax_conf_parse(char *buf, size_t len, char uuids[2][64],
		   struct dax_conf *out, char *why, size_t why_len);

/*
 * The uuids naming the pmem namespace behind @devname: its dax info block
 * uuid (what ndctl list prints) and the namespace label uuid; unused
 * entries are "".  -ENOENT when it has none (e.g. hmem devices).
 */
int dax_dev_namespace_uuids(const char *devname, char uuids[2][64]);

#endif
