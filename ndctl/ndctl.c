// SPDX-License-Identifier: GPL-2.0-only
/* ndctl: dispatch "ndctl <command> [options]" through a command table. */
#include <stdio.h>
#include <syslog.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "ndctl/builtin.h"

static const struct nd_cmd {
	const char *name;
	nd_cmd_fn fn;
} commands[] = {
	{ "version", NULL },
	{ "list", cmd_list },
	{ "create-namespace", cmd_create_namespace },
	{ "destroy-namespace", cmd_destroy_namespace },
	{ "enable-namespace", cmd_enable_namespace },
	{ "disable-namespace", cmd_disable_namespace },
	{ "enable-region", cmd_enable_region },
	{ "disable-region", cmd_disable_region },
	{ "enable-dimm", cmd_enable_dimm },
	{ "disable-dimm", cmd_disable_dimm },
	{ "init-labels", cmd_init_labels },
	{ "read-labels", cmd_read_labels },
	{ "write-labels", cmd_write_labels },
	{ "zero-labels", cmd_zero_labels },
	{ "check-labels", cmd_check_labels },
	{ "inject-error", cmd_inject_error },
	{ "clear-errors", cmd_clear_errors },
	{ "start-scrub", cmd_start_scrub },
	{ "wait-scrub", cmd_wait_scrub },
	{ "inject-smart", cmd_inject_smart },
	{ "monitor", cmd_monitor },
	{ "setup-passphrase", cmd_setup_passphrase },
	{ "update-passphrase", cmd_update_passphrase },
	{ "remove-passphrase", cmd_remove_passphrase },
	{ "freeze-security", cmd_freeze_security },
	{ "sanitize-dimm", cmd_sanitize_dimm },
	{ "wait-overwrite", cmd_wait_overwrite },
	{ "load-keys", cmd_load_keys },
	{ "update-firmware", cmd_update_firmware },
	{ "activate-firmware", cmd_activate_firmware },
	{ "read-infoblock", cmd_read_infoblock },
	{ "write-infoblock", cmd_write_infoblock },
	{ "check-namespace", cmd_check_namespace },
	{ "help", NULL },
};

#define NCMDS (sizeof(commands) / sizeof(commands[0]))

int nd_parse_options(int argc, const char **argv, const struct option *opts,
		     const char *const *usage, const char *prog)
{
	return cli_parse_options(argc, argv, opts, usage, prog);
}

static void usage_to(FILE *f)
{
	size_t i;

	fprintf(f, "usage: ndctl [--version] [--help] [--list-cmds] <command> [<args>]\n\ncommands:\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "    %s\n", commands[i].name);
	fprintf(f, "\nSee 'ndctl help <command>' or 'ndctl <command> --help'.\n");
}

static const struct nd_cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int run(const struct nd_cmd *cmd, int argc, const char **argv)
{
	struct ndctl_ctx *ctx;
	int rc;

	rc = ndctl_new(&ctx);
	if (rc < 0) {
		fprintf(stderr, "ndctl %s: cannot initialize libndctl: %s\n",
			cmd->name, strerror(-rc));
		return EXIT_FAIL;
	}
	/*
	 * The library's notices (a wait for another process holding a
	 * region's configuration lock) are news to the user; NDCTL_LOG, when
	 * set, decides instead.
	 */
	if (!getenv("NDCTL_LOG") && ndctl_get_log_priority(ctx) < LOG_NOTICE)
		ndctl_set_log_priority(ctx, LOG_NOTICE);
	rc = cmd->fn(argc, argv, ctx);
	ndctl_unref(ctx);
	/* a command returns 0, EXIT_USAGE, or anything else for a failure */
	if (rc == 0 || rc == EXIT_USAGE)
		return rc;
	return EXIT_FAIL;
}

/* "ndctl version": no options, no operands */
static int cmd_version(int argc, const char **argv)
{
	static const struct option opts[] = { OPT_END() };
	static const char *const usage[] = { "ndctl version", NULL };

	if (nd_parse_options(argc, argv, opts, usage, "ndctl version") > 0) {
		fprintf(stderr, "ndctl version: unexpected argument '%s'\n",
			argv[0]);
		return EXIT_USAGE;
	}
	printf("%s\n", VERSION);
	return EXIT_OK;
}

/*
 * "help" alone prints the usage, as "--help" and "-h" do; "help CMD" shows
 * ndctl-CMD(1), as "ndctl CMD --help" does.  "help" and "version" are
 * described in ndctl(1).
 */
static int cmd_help(int argc, const char **argv)
{
	static const struct option opts[] = { OPT_END() };
	static const char *const usage[] = { "ndctl help [<command>]", NULL };
	const struct nd_cmd *cmd;
	int n = nd_parse_options(argc, argv, opts, usage, "ndctl help");

	if (n == 0) {
		usage_to(stdout);
		return EXIT_OK;
	}
	if (n > 1) {
		fprintf(stderr, "ndctl help: unexpected argument '%s'\n", argv[1]);
		return EXIT_USAGE;
	}
	cmd = find_cmd(argv[0]);
	if (!cmd) {
		fprintf(stderr, "ndctl help: unknown command '%s' (see 'ndctl --list-cmds')\n",
			argv[0]);
		return EXIT_FAIL;
	}
	return cli_show_manual("ndctl", cmd->fn ? cmd->name : NULL);
}

int main(int argc, const char **argv)
{
	const struct nd_cmd *cmd;
	const char *name;
	size_t i;

	if (argc < 2) {
		/* as git and the established tools: usage, and a failure */
		usage_to(stderr);
		return EXIT_FAIL;
	}
	name = argv[1];
	if (strcmp(name, "--version") == 0)
		name = "version";
	if (strcmp(name, "--list-cmds") == 0) {
		for (i = 0; i < NCMDS; i++)
			printf("%s\n", commands[i].name);
		return EXIT_OK;
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		usage_to(stdout);
		return EXIT_OK;
	}
	cmd = find_cmd(name);
	if (!cmd) {
		fprintf(stderr, "ndctl: unknown command '%s' (see 'ndctl --list-cmds')\n",
			name);
		return EXIT_FAIL;
	}
	if (strcmp(name, "version") == 0)
		return cmd_version(argc - 1, argv + 1);
	if (strcmp(name, "help") == 0)
		return cmd_help(argc - 1, argv + 1);
	return run(cmd, argc - 1, argv + 1);
}
