/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_STRNAT_H
#define UTIL_STRNAT_H

/*
 * Natural-order comparison: runs of digits compare by numeric value, so
 * "dax0.2" < "dax0.10" and "region9" < "region10".  Otherwise bytewise.
 */
int strnatcmp(const char *a, const char *b);

/* qsort() adapter for an array of const char * */
int strnatcmp_qsort(const void *a, const void *b);

#endif
