/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_INTERRUPT_H
#define UTIL_INTERRUPT_H

/*
 * Interrupting a change half-way (SIGINT from a terminal, SIGTERM or
 * SIGHUP from a job runner's timeout) would leave the object in neither
 * configuration.  Between cli_interrupt_defer() and
 * cli_interrupt_deliver() those signals are only recorded: the operation
 * polls cli_interrupted() between its steps, rolls back or finishes the
 * step it is in, and then cli_interrupt_deliver() lets the signal take its
 * usual effect (the process ends as killed by it, so the caller's shell
 * sees 128 + the signal number).  SIGKILL cannot be caught: see intent.h
 * for what explains the state it leaves.
 */

/* Record SIGINT, SIGTERM and SIGHUP from now on, instead of dying. */
void cli_interrupt_defer(void);

/* The signal recorded since cli_interrupt_defer(), or 0. */
int cli_interrupted(void);

/*
 * Restore the previous dispositions; when a signal was recorded, say
 * "@prog: interrupted (SIGNAME): @what" on stderr (@what may be NULL)
 * and raise it again.
 */
void cli_interrupt_deliver(const char *prog, const char *what);

#endif
