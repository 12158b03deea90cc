// SPDX-License-Identifier: GPL-2.0-only
/* ndctl: dispatch "ndctl <command> [options]" through a command table. */
#include <errno.h>
#include <stdio.h>
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
	{ "check-namespace", cmd_check_namespace },
	{ "help", NULL },
};

#define NCMDS (sizeof(commands) / sizeof(commands[0]))

int nd_show_manpage(const char *cmd)
{
	char page[64];

	if (cmd)
		snprintf(page, sizeof(page), "ndctl-%s", cmd);
	else
		snprintf(page, sizeof(page), "ndctl");
	fflush(stdout);
	execlp("man", "man", page, (char *)NULL);
	fprintf(stderr, "ndctl: cannot run man for %s: %s\n", page,
		strerror(errno));
	return 1;
}

int nd_parse_options(int argc, const char **argv, const struct option *opts,
		     const char *const *usage, const char *prog)
{
	int n = parse_options(argc, argv, opts, usage, prog);

	switch (n) {
	case PARSE_OPT_HELP:
		/* prog is "ndctl <command>" */
		exit(nd_show_manpage(strchr(prog, ' ') ? strchr(prog, ' ') + 1
						       : NULL));
	case PARSE_OPT_SHORT_HELP:
	case PARSE_OPT_LISTED:
		exit(0);
	case PARSE_OPT_ERROR:
		exit(129);
	default:
		if (n < 0)
			exit(129);
		return n;
	}
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: ndctl [--version] [--help] [--list-cmds] <command> [<args>]\n\ncommands:\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "    %s\n", commands[i].name);
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
		return 1;
	}
	rc = cmd->fn(argc, argv, ctx);
	ndctl_unref(ctx);
	return rc ? 1 : 0;
}

int main(int argc, const char **argv)
{
	const struct nd_cmd *cmd;
	const char *name;
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 1;
	}
	name = argv[1];
	if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
		printf("%s\n", VERSION);
		return 0;
	}
	if (strcmp(name, "--list-cmds") == 0) {
		for (i = 0; i < NCMDS; i++)
			printf("%s\n", commands[i].name);
		return 0;
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(name, "help") == 0) {
		if (argc > 2 && !find_cmd(argv[2])) {
			fprintf(stderr, "ndctl help: unknown command '%s'\n",
				argv[2]);
			return 1;
		}
		return nd_show_manpage(argc > 2 ? argv[2] : NULL);
	}
	cmd = find_cmd(name);
	if (!cmd || !cmd->fn) {
		fprintf(stderr, "ndctl: unknown command '%s' (see ndctl --list-cmds)\n",
			name);
		return 1;
	}
	return run(cmd, argc - 1, argv + 1);
}
