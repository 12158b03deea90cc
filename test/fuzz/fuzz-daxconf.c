// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: the daxctl.conf.d file parser. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daxctl/daxconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the uuid of the seeds, and one the input cannot know */
	char uuids[2][64] = { "48d8e42c-a2f0-4312-9e70-a837faafe862", "" };
	struct dax_conf out;
	char why[192] = "";
	char *buf = malloc(size + 1);
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	rc = dax_conf_parse(buf, size, uuids, &out, why, sizeof(why));
	if (rc == 0 && (out.online < -1 || out.online > 1 ||
			out.movable < -1 || out.movable > 1 ||
			!memchr(out.label, '\0', sizeof(out.label))))
		abort();
	if (rc == -EINVAL && !why[0])
		abort();
	if (rc && rc != -EINVAL && rc != -ENOENT)
		abort();
	free(buf);
	return 0;
}
