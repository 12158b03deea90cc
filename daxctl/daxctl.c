// SPDX-License-Identifier: GPL-2.0-only
/* daxctl: dispatch "daxctl <command> [<options>]" to a command function. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <daxctl/libdaxctl.h>

#include "daxctl/builtin.h"

const char *cmd_prefix = "daxctl";

static int cmd_version(int argc, const char **argv, struct daxctl_ctx *ctx);
static int cmd_help(int argc, const char **argv, struct daxctl_ctx *ctx);

static const struct command {
	const char *name;
	cmd_fn fn;
	bool needs_ctx;
} commands[] = {
	{ "version", cmd_version, false },
	{ "list", cmd_list, true },
	{ "help", cmd_help, false },
	{ "create-device", cmd_create_device, true },
	{ "destroy-device", cmd_destroy_device, true },
	{ "enable-device", cmd_enable_device, true },
	{ "disable-device", cmd_disable_device, true },
	{ "reconfigure-device", cmd_reconfigure_device, true },
	{ "online-memory", cmd_online_memory, true },
	{ "offline-memory", cmd_offline_memory, true },
	{ "migrate-device-model", cmd_migrate, false },
};

#define NUM_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char *const main_usage =
	"usage: daxctl [--version] [--help] [--list-cmds] <command> [<args>]\n"
	"\n"
	"commands:\n"
	"    list                  list regions and devices (JSON)\n"
	"    create-device         carve a device out of a dynamic region\n"
	"    destroy-device        give a device's capacity back to its region\n"
	"    enable-device         bind a device's driver\n"
	"    disable-device        unbind a device's driver\n"
	"    reconfigure-device    change mode, size or alignment\n"
	"    online-memory         online a system-ram device's memory\n"
	"    offline-memory        offline a system-ram device's memory\n"
	"    migrate-device-model  prefer the dax bus device model (modprobe)\n"
	"    version               print the version\n"
	"    help                  show a command's manual\n"
	"\n"
	"See 'daxctl help <command>' or 'daxctl <command> --help'.\n";

int cmd_parse_options(int argc, const char **argv, const struct option *opts,
		      const char *const *usage, const char *cmd)
{
	(void)cmd;	/* cmd_prefix, set by main(), already names it */
	return cli_parse_options(argc, argv, opts, usage, cmd_prefix);
}

/*
 * The library reports errors on stderr itself; the CLI prints its own
 * one-line error with more context, so by default only critical library
 * messages pass.  DAXCTL_LOG or -v turn them back on.
 */
/*
 * The commands print their own line for every failure, so the library's
 * errors would only repeat them; its notices (a wait for another
 * process) are news, and -v shows everything.
 */
static void __attribute__((format(printf, 6, 0)))
cli_log(struct daxctl_ctx *ctx, int priority, const char *file, int line,
	const char *fn, const char *format, va_list args)
{
	(void)file;
	(void)line;
	(void)fn;
	if (priority != LOG_NOTICE && daxctl_get_log_priority(ctx) <= LOG_NOTICE)
		return;
	fprintf(stderr, "%s: ", cmd_prefix);
	vfprintf(stderr, format, args);
}

void cmd_set_verbose(struct daxctl_ctx *ctx, int verbose)
{
	if (verbose)
		daxctl_set_log_priority(ctx, verbose > 1 ? LOG_DEBUG : LOG_INFO);
}

static int cmd_version(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	static const struct option opts[] = { OPT_END() };
	static const char *const usage[] = { "daxctl version", NULL };

	if (cmd_parse_options(argc, argv, opts, usage, "version") != 0) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", cmd_prefix,
			argv[0]);
		return EXIT_USAGE;
	}
	printf("%s\n", VERSION);
	return EXIT_OK;
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NUM_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/*
 * "help" alone prints the usage, as "--help" and "-h" do; "help CMD" shows
 * daxctl-CMD(1), as "daxctl CMD --help" does.  "help" and "version" are
 * described in daxctl(1).
 */
static int cmd_help(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	static const struct option opts[] = { OPT_END() };
	static const char *const usage[] = { "daxctl help [<command>]", NULL };
	const struct command *c;
	int n = cmd_parse_options(argc, argv, opts, usage, "help");

	if (n == 0) {
		fputs(main_usage, stdout);
		return EXIT_OK;
	}
	if (n > 1) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", cmd_prefix,
			argv[1]);
		return EXIT_USAGE;
	}
	c = find_command(argv[0]);
	if (!c) {
		fprintf(stderr, "%s: unknown command '%s' (see 'daxctl --list-cmds')\n",
			cmd_prefix, argv[0]);
		return EXIT_FAIL;
	}
	if (c->fn == cmd_help || c->fn == cmd_version)
		return cli_show_manual("daxctl", NULL);
	return cli_show_manual("daxctl", c->name);
}

int main(int argc, const char **argv)
{
	static char prefix[64];
	const struct command *c;
	struct daxctl_ctx *ctx = NULL;
	int rc;

	argv++, argc--;
	if (argc == 0) {
		/* as git and the established tools: usage, and a failure */
		fputs(main_usage, stderr);
		return EXIT_FAIL;
	}
	if (strcmp(argv[0], "--list-cmds") == 0) {
		size_t i;

		for (i = 0; i < NUM_COMMANDS; i++)
			printf("%s\n", commands[i].name);
		return EXIT_OK;
	}
	if (strcmp(argv[0], "--version") == 0 || strcmp(argv[0], "-v") == 0)
		argv[0] = "version";
	else if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
		fputs(main_usage, stdout);
		return EXIT_OK;
	}
	c = find_command(argv[0]);
	if (!c) {
		fprintf(stderr, "daxctl: unknown command '%s' (see 'daxctl --list-cmds')\n",
			argv[0]);
		return EXIT_FAIL;
	}
	snprintf(prefix, sizeof(prefix), "daxctl %s", c->name);
	cmd_prefix = prefix;
	if (c->needs_ctx) {
		rc = daxctl_new(&ctx);
		if (rc < 0) {
			fprintf(stderr, "%s: failed to initialize libdaxctl: %s\n",
				cmd_prefix, strerror(-rc));
			return EXIT_FAIL;
		}
		if (!getenv("DAXCTL_LOG")) {
			daxctl_set_log_fn(ctx, cli_log);
			daxctl_set_log_priority(ctx, LOG_NOTICE);
		}
	}
	rc = c->fn(argc, argv, ctx);
	if (ctx)
		daxctl_unref(ctx);
	return rc;
}
