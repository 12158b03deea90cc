// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target: ndctl monitor's config file parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ndctl/monitor-conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *conf[NKEYS] = { NULL };
	char why[192] = "";
	char *buf = malloc(size + 1);
	int k, rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	rc = monitor_conf_parse(buf, size, conf, why, sizeof(why));
	for (k = 0; k < NKEYS; k++)
		if ((rc && conf[k]) || (conf[k] && !conf[k][0]))
			abort();	/* freed on error, never empty */
	if (rc && !why[0])
		abort();
	monitor_conf_free(conf);
	free(buf);
	return 0;
}
