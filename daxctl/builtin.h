/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef DAXCTL_BUILTIN_H
#define DAXCTL_BUILTIN_H

#include <stdbool.h>

#include "util/parse-options.h"

struct daxctl_ctx;

/* Exit statuses, documented in every man page. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,	/* the operation failed, or did only part of its work */
	EXIT_USAGE = 2,	/* bad option, argument or value; nothing was done */
};

typedef int (*cmd_fn)(int argc, const char **argv, struct daxctl_ctx *ctx);

int cmd_list(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_create_device(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_destroy_device(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_enable_device(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_disable_device(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_reconfigure_device(int argc, const char **argv,
			   struct daxctl_ctx *ctx);
int cmd_online_memory(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_offline_memory(int argc, const char **argv, struct daxctl_ctx *ctx);
int cmd_migrate(int argc, const char **argv, struct daxctl_ctx *ctx);

/*
 * parse_options() for a subcommand: "--help" opens the man page, "-h" and
 * "--list-opts" exit 0 after printing, a bad option exits EXIT_USAGE.
 * Returns the operand count.  @cmd is the subcommand name.
 */
int cmd_parse_options(int argc, const char **argv, const struct option *opts,
		      const char *const *usage, const char *cmd);

/* "daxctl <cmd>" for message prefixes, set by the dispatcher. */
extern const char *cmd_prefix;

/* Raise library logging for -v; keep it quiet otherwise (see daxctl.c). */
void cmd_set_verbose(struct daxctl_ctx *ctx, int verbose);

/* Show the man page of @cmd ("daxctl-<cmd>", or "daxctl" when NULL). */
int show_man_page(const char *cmd);

#endif
