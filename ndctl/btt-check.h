/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_BTT_CHECK_H
#define NDCTL_BTT_CHECK_H
#include <stdbool.h>
#include <stdint.h>

struct btt_check_opts {
	bool repair, rewrite_log;
	int verbose; /* say each step on stderr */
};

/*
 * Check the BTT on @fd (a raw namespace, or an image of one; its size is
 * where it ends), whose arenas must name @parent_uuid.  Findings and
 * repairs are reported on stderr as "@dev: ...".  Nothing is written
 * unless @o->repair.  0 clean or repaired, 1 inconsistencies left (or
 * not a BTT), <0 an I/O or memory error (-errno).
 */
int btt_check_fd(int fd, const char *dev, const uint8_t parent_uuid[16],
		 const struct btt_check_opts *o);

#endif
