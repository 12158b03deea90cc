/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_BUILTIN_H
#define NDCTL_BUILTIN_H

#include <ndctl/libndctl.h>

#include "util/cli.h"	/* EXIT_OK, EXIT_FAIL, EXIT_USAGE */

/*
 * A command returns 0; EXIT_USAGE after one line saying what is wrong with
 * its command line (nothing was changed); or any other non-zero value
 * after printing what failed, which the dispatcher turns into EXIT_FAIL.
 */
typedef int (*nd_cmd_fn)(int argc, const char **argv, struct ndctl_ctx *ctx);

int cmd_list(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_create_namespace(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_destroy_namespace(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_enable_namespace(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_disable_namespace(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_enable_region(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_disable_region(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_enable_dimm(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_disable_dimm(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_init_labels(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_read_labels(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_write_labels(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_zero_labels(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_check_labels(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_inject_error(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_clear_errors(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_start_scrub(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_wait_scrub(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_inject_smart(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_monitor(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_setup_passphrase(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_update_passphrase(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_remove_passphrase(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_freeze_security(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_sanitize_dimm(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_wait_overwrite(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_load_keys(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_update_firmware(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_activate_firmware(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_read_infoblock(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_write_infoblock(int argc, const char **argv, struct ndctl_ctx *ctx);
int cmd_check_namespace(int argc, const char **argv, struct ndctl_ctx *ctx);

/*
 * cli_parse_options(): --help shows the man page, -h and --list-opts exit
 * 0, a bad option exits EXIT_USAGE.  Returns the number of operands.
 */
int nd_parse_options(int argc, const char **argv, const struct option *opts,
		     const char *const *usage, const char *prog);

/*
 * create-namespace --autolabel: initialize labels (v1.1) on the DIMMs of
 * label-capable regions matching the filters that have no valid index
 * and no active namespace.  Prints what it did on stderr; returns the
 * number of regions relabeled.
 */
int nd_autolabel(struct ndctl_ctx *ctx, const char *bus, const char *region);

#endif
