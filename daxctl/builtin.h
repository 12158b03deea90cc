/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef DAXCTL_BUILTIN_H
#define DAXCTL_BUILTIN_H

#include <stdbool.h>

#include "util/cli.h"	/* EXIT_OK, EXIT_FAIL, EXIT_USAGE */

struct daxctl_ctx;

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
 * cli_parse_options() for a subcommand: "--help" shows the man page, "-h"
 * and "--list-opts" exit 0 after printing, a bad option exits EXIT_USAGE.
 * Returns the operand count.  @cmd is the subcommand name.
 */
int cmd_parse_options(int argc, const char **argv, const struct option *opts,
		      const char *const *usage, const char *cmd);

/* "daxctl <cmd>" for message prefixes, set by the dispatcher. */
extern const char *cmd_prefix;

/* Raise library logging for -v; keep it quiet otherwise (see daxctl.c). */
void cmd_set_verbose(struct daxctl_ctx *ctx, int verbose);

#endif
