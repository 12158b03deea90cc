/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef UTIL_INTENT_H
#define UTIL_INTENT_H
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A record of a reconfiguration in progress, for the invocation after one
 * that was killed (SIGKILL, a crash, a power cut of the job runner but not
 * of the machine): a small JSON file per object in a run-time directory
 * (tmpfs /run: it must not outlive the boot whose sysfs state it
 * describes).  It names the command, the process, what the object was and
 * the two commands that finish or undo the change.  Written before the
 * first step that changes the object, removed when the change finished or
 * was rolled back; a record whose process is gone explains the half-state
 * it left.  Only our tools write records: a change by another program
 * leaves none.
 */
struct intent {
	char path[PATH_MAX];
	bool held;
};

/* what the record says, for the commands that write one */
struct intent_desc {
	const char *command; /* the interrupted command line */
	const char *was;     /* the configuration before, in words */
	const char *finish;  /* the command that completes the change */
	const char *undo;    /* the command that restores @was */
};

/*
 * Record that this process is changing @object (a device name) and
 * create @dir when needed.  0, or -errno (the caller may go on without a
 * record, after saying so).
 */
int intent_begin(struct intent *in, const char *dir, const char *object,
		 const struct intent_desc *d);

/* The change finished or was rolled back: remove the record. */
void intent_end(struct intent *in);

/*
 * Say on stderr, as "@prog: <object>: ...", what each record left by a
 * process that is gone explains (@object NULL: every record in @dir).
 * Returns how many were reported.
 */
int intent_report(const char *dir, const char *object, const char *prog);

/* Remove the record of @object left by a process that is gone. */
void intent_forget(const char *dir, const char *object);

/*
 * intent_forget() every record whose object is no longer in the
 * directory @objects (e.g. /sys/bus/dax/devices): a half-made device
 * that was deleted since leaves nothing to finish or undo.
 */
void intent_forget_missing(const char *dir, const char *objects);

/* Quote @arg for a shell into @buf when it needs it: 0 or -ENOSPC. */
int intent_quote(char *buf, size_t len, const char *arg);

/*
 * "@prog argv[1] ... argv[argc-1]", each quoted as needed, into @buf:
 * the command line as the user could type it again.  0 or -ENOSPC.
 */
int intent_join(char *buf, size_t len, const char *prog, int argc,
		const char **argv);

/*
 * Build a record's finish and undo commands piece by piece: append what
 * @fmt says to the string in @buf (of @len).  0, or -ENOSPC when it did
 * not fit (the string then holds what fits, cut at @len - 1).
 */
int intent_add(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* intent_add() of @opt and then @bytes as format_size_exact() has it */
int intent_add_size(char *buf, size_t len, const char *opt, uint64_t bytes);

#endif
