/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_MONITOR_CONF_H
#define NDCTL_MONITOR_CONF_H

#include <stddef.h>

/* A monitor.conf is small; this is many times any real one. */
#define MONITOR_CONF_MAX (1 << 20)

/* The settings a monitor config file may give. */
enum mon_key { K_BUS, K_REGION, K_DIMM, K_NAMESPACE, K_EVENT, K_LOG, NKEYS };
extern const char *const mon_key_names[NKEYS];

/*
 * Parse the @len bytes at @buf (modified in place) as a monitor config:
 * "key = value" lines, '#' comments, an optional [monitor] section (other
 * sections belong to other commands and are skipped).  Fills @conf
 * (NKEYS malloc'd strings or NULL; a later line overrides an earlier one).
 * Returns 0, or a negative errno with @why set to "<line>: <problem>"
 * (and @conf freed).  No other side effects: the fuzzer calls it.
 */
int monitor_conf_parse(char *buf, size_t len, char **conf, char *why,
		       size_t why_len);

void monitor_conf_free(char **conf);

#endif
