/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_PARSE_OPTIONS_H
#define UTIL_PARSE_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * A git-style command line option parser.  Commands describe their options
 * in a table ending with OPT_END(); parse_options() fills the variables the
 * entries point at and leaves the operands in argv.
 */
enum parse_opt_type {
	OPTION_END,
	OPTION_GROUP,	/* a heading in the usage text */
	OPTION_BOOLEAN,	/* bool *; --no-NAME clears it */
	OPTION_INCR,	/* int *; each use adds one, --no-NAME resets */
	OPTION_INTEGER,	/* int */
	OPTION_U64,	/* uint64_t, decimal or 0x hex */
	OPTION_STRING,	/* const char *; --no-NAME sets NULL */
	OPTION_SIZE,	/* uint64_t, parse_size64() syntax */
	OPTION_CALLBACK,
};

/* per-option flags */
enum {
	PARSE_OPT_NONEG = 1 << 0,	/* no --no-NAME form */
	PARSE_OPT_OPTARG = 1 << 1,	/* value optional, only as --NAME=V */
	PARSE_OPT_HIDDEN = 1 << 2,	/* not in usage text */
};

struct option;
/*
 * @arg is NULL for a negated or value-less use; @unset is 1 for --no-NAME.
 * Return 0, or a negative errno to have the value reported as invalid.
 */
typedef int (*parse_opt_cb)(const struct option *opt, const char *arg,
			    int unset);

struct option {
	enum parse_opt_type type;
	int short_name;
	const char *long_name;
	void *value;
	const char *argh;	/* name of the value in the usage text */
	const char *help;
	int flags;
	parse_opt_cb callback;
};

#define OPT_END() { .type = OPTION_END }
#define OPT_GROUP(h) { .type = OPTION_GROUP, .help = (h) }
/* The ternaries make the compiler check the variable's type. */
#define OPT_BOOLEAN(s, l, v, h)                                              \
	{ .type = OPTION_BOOLEAN, .short_name = (s), .long_name = (l),       \
	  .value = (1 ? (v) : (bool *)0), .help = (h) }
#define OPT_INCR(s, l, v, h)                                                 \
	{ .type = OPTION_INCR, .short_name = (s), .long_name = (l),          \
	  .value = (1 ? (v) : (int *)0), .help = (h) }
#define OPT_INTEGER(s, l, v, a, h)                                           \
	{ .type = OPTION_INTEGER, .short_name = (s), .long_name = (l),       \
	  .value = (1 ? (v) : (int *)0), .argh = (a), .help = (h) }
#define OPT_U64(s, l, v, a, h)                                               \
	{ .type = OPTION_U64, .short_name = (s), .long_name = (l),           \
	  .value = (1 ? (v) : (uint64_t *)0), .argh = (a), .help = (h) }
#define OPT_STRING(s, l, v, a, h)                                            \
	{ .type = OPTION_STRING, .short_name = (s), .long_name = (l),        \
	  .value = (1 ? (v) : (const char **)0), .argh = (a), .help = (h) }
#define OPT_SIZE(s, l, v, a, h)                                              \
	{ .type = OPTION_SIZE, .short_name = (s), .long_name = (l),          \
	  .value = (1 ? (v) : (uint64_t *)0), .argh = (a), .help = (h) }
#define OPT_CALLBACK(s, l, v, a, h, f)                                       \
	{ .type = OPTION_CALLBACK, .short_name = (s), .long_name = (l),      \
	  .value = (v), .argh = (a), .help = (h), .callback = (f) }

/* Negative results of parse_options(); the caller decides how to exit. */
enum {
	PARSE_OPT_ERROR = -1,		/* one line already on stderr */
	PARSE_OPT_HELP = -2,		/* --help: show the manual */
	PARSE_OPT_SHORT_HELP = -3,	/* -h: usage printed to stdout */
	PARSE_OPT_LISTED = -4,		/* --list-opts: printed to stdout */
};

/*
 * Parse argv[1..argc-1] (argv[0] is the command name).  Options and
 * operands may be mixed; "--" ends the options.  On success the operands
 * are moved to argv[0..n-1], argv[n] = NULL, and n is returned.
 * @prog prefixes error messages, e.g. "daxctl list".
 */
int parse_options(int argc, const char **argv, const struct option *opts,
		  const char *const *usage, const char *prog);

/* The usage lines followed by the option table, git style. */
void usage_with_options(FILE *f, const char *const *usage,
			const struct option *opts);

/* All long options on one line, "--size=" for those taking a value. */
void list_options(FILE *f, const struct option *opts);

#endif
