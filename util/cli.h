/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_CLI_H
#define UTIL_CLI_H

#include "util/parse-options.h"

/*
 * The exit statuses of both tools, one table for ndctl and daxctl
 * (Documentation/exit-status.adoc, included by every man page):
 *
 * EXIT_OK     success, including a list whose filter matched nothing
 *             (a warning goes to stderr) and printed help
 * EXIT_FAIL   the operation failed for at least one object, no command or
 *             an unknown command was given, or a manual could not be shown
 * EXIT_USAGE  the command line was wrong: an unknown option, a missing or
 *             malformed value, missing or extra operands; nothing changed.
 *             129 is what git's option parser, and after it the established
 *             ndctl and daxctl, exit with, so scripts see the same code.
 */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 129,
};

/*
 * Show the manual page "@tool-@cmd" ("@tool" when @cmd is NULL) with man(1)
 * and wait for it.  Returns EXIT_OK when man succeeded; otherwise, after one
 * line on stderr saying which page could not be shown and where the usage
 * is, EXIT_FAIL.  man pages only to a terminal, so with none it cannot hang.
 */
int cli_show_manual(const char *tool, const char *cmd);

/*
 * parse_options() with the outcomes every command of both tools shares:
 * --help shows the command's manual and exits with cli_show_manual()'s
 * status, -h and --list-opts exit EXIT_OK after printing, a bad option
 * exits EXIT_USAGE (parse_options() has printed one line).  @prog is
 * "<tool> <command>"; returns the number of operands.
 */
int cli_parse_options(int argc, const char **argv, const struct option *opts,
		      const char *const *usage, const char *prog);

#endif
