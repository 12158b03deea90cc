// SPDX-License-Identifier: LGPL-2.1-or-later
/* What the ndctl and daxctl command lines share: exit statuses, manuals. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/cli.h"

int cli_show_manual(const char *tool, const char *cmd)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	char page[96];
	int status;
	pid_t pid;

	snprintf(page, sizeof(page), "%s%s%s", tool, cmd ? "-" : "",
		 cmd ? cmd : "");
	fflush(stdout);
	fflush(stderr);
	/*
	 * man runs as a child rather than replacing us, so that its own exit
	 * codes (16: no such page) become ours and the user is told where
	 * the usage text is when there is no manual.  As system(3) does, a
	 * ^C or ^\ typed at the pager is left to man and the pager: dying
	 * here would hand the terminal back to the shell while the pager
	 * still runs.
	 */

	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		execlp("man", "man", page, (char *)NULL);
		_exit(127);
	}
	if (pid < 0) {
		status = -errno;
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		fprintf(stderr, "%s: cannot show the manual %s: %s\n", tool,
			page, strerror(-status));
		return EXIT_FAIL;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);

	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return EXIT_OK;
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 127)
		fprintf(stderr, "%s: cannot show the manual %s: man(1) is not installed; '%s%s%s -h' prints the usage\n",
			tool, page, tool, cmd ? " " : "", cmd ? cmd : "");
	else if (status != -1 && WIFEXITED(status))
		fprintf(stderr, "%s: cannot show the manual %s (man exited %d); '%s%s%s -h' prints the usage\n",
			tool, page, WEXITSTATUS(status), tool, cmd ? " " : "",
			cmd ? cmd : "");
	else
		fprintf(stderr, "%s: cannot show the manual %s (man did not finish); '%s%s%s -h' prints the usage\n",
			tool, page, tool, cmd ? " " : "", cmd ? cmd : "");
	return EXIT_FAIL;
}

int cli_parse_options(int argc, const char **argv, const struct option *opts,
		      const char *const *usage, const char *prog)
{
	int n = parse_options(argc, argv, opts, usage, prog);
	const char *space;
	char tool[32];

	switch (n) {
	case PARSE_OPT_HELP:
		/* prog is "<tool> <command>" */
		space = strchr(prog, ' ');
		snprintf(tool, sizeof(tool), "%.*s",
			 space ? (int)(space - prog) : (int)strlen(prog), prog);
		/* help and version have no page of their own: the tool's */
		if (space && (strcmp(space + 1, "help") == 0 ||
			      strcmp(space + 1, "version") == 0))
			space = NULL;
		exit(cli_show_manual(tool, space ? space + 1 : NULL));

	case PARSE_OPT_SHORT_HELP:
	case PARSE_OPT_LISTED:
		exit(EXIT_OK);
	default:
		if (n < 0)
			exit(EXIT_USAGE);
		return n;
	}
}
