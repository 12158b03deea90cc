// SPDX-License-Identifier: LGPL-2.1-or-later
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "util/interrupt.h"

static const int deferred[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction saved[sizeof(deferred) / sizeof(deferred[0])];
static volatile sig_atomic_t pending;
static int active;

static void record(int sig)
{
	if (!pending)
		pending = sig;
}

void cli_interrupt_defer(void)
{
	struct sigaction sa;
	size_t i;

	if (active++)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a wait in progress returns and can look */
	for (i = 0; i < sizeof(deferred) / sizeof(deferred[0]); i++) {
		sigaction(deferred[i], NULL, &saved[i]);
		/* an ignored signal (nohup, a background job) stays ignored */
		if (saved[i].sa_handler != SIG_IGN)
			sigaction(deferred[i], &sa, NULL);
	}
}

int cli_interrupted(void)
{
	return pending;
}

void cli_interrupt_deliver(const char *prog, const char *what)
{
	int sig = pending;
	size_t i;

	if (!active || --active)
		return;
	/*
	 * What was printed is out before a signal can end the process
	 * (stdout to a file is buffered): a kill from now on ends a command
	 * whose result is complete.
	 */
	fflush(NULL);
	for (i = 0; i < sizeof(deferred) / sizeof(deferred[0]); i++)
		sigaction(deferred[i], &saved[i], NULL);
	if (!sig)
		return;
	fprintf(stderr, "%s: interrupted (SIG%s)%s%s\n", prog,
		sig == SIGINT ? "INT" : sig == SIGTERM ? "TERM" : "HUP",
		what ? ": " : "", what ? what : "");
	fflush(NULL);
	pending = 0;
	raise(sig);
}
