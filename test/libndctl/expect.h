/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The unit tests' one assertion: expect(cond, fmt, ...) reports a failed
 * condition with its place and goes on, so one run shows every failure;
 * main() returns failures ? 1 : 0.  One header per test program.
 */
#ifndef TEST_LIBNDCTL_EXPECT_H
#define TEST_LIBNDCTL_EXPECT_H
#include <stdio.h>

static int failures;

#define expect(cond, ...)                                                    \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "FAIL %s:%d: ", __func__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);                        \
			fputc('\n', stderr);                                 \
			failures++;                                          \
		}                                                            \
	} while (0)

#endif
