// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The records of changes in progress (util/intent.h) and deferred
 * signals (util/interrupt.h): a record of a live process is not
 * reported, one of a killed process is, with its finish and undo
 * commands; a later record keeps the first "was"; damaged records are
 * named; quoting round-trips through sh; a deferred SIGTERM waits for
 * cli_interrupt_deliver() and then ends the process by that signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "test/libndctl/expect.h"
#include "util/intent.h"
#include "util/interrupt.h"


static char dir[64];

/* intent_report()'s stderr, captured through a file */
static int report(const char *object, char *out, size_t len)
{
	char path[96];
	int fd, saved, n;
	ssize_t got;

	snprintf(path, sizeof(path), "%s/stderr", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	n = intent_report(dir, object, "prog");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	got = pread(fd, out, len - 1, 0);
	out[got > 0 ? got : 0] = '\0';
	close(fd);
	unlink(path);
	return n;
}

static const struct intent_desc first = {
	.command = "tool reconfigure -m b dev0",
	.was = "mode a",
	.finish = "tool reconfigure -m b dev0",
	.undo = "tool reconfigure -m a dev0",
};

/* a child writes a record and is killed: the record stays, stale */
static void killed_writer(const struct intent_desc *d)
{
	int pipefd[2], status;
	char c;
	pid_t pid;

	expect(pipe(pipefd) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		struct intent in;

		close(pipefd[0]);
		if (intent_begin(&in, dir, "dev0", d))
			_exit(2);
		c = 'w';
		if (write(pipefd[1], &c, 1) != 1)
			_exit(2);
		pause();
		_exit(0);
	}
	close(pipefd[1]);
	expect(read(pipefd[0], &c, 1) == 1, "the writer did not write");
	close(pipefd[0]);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

static void test_records(void)
{
	struct intent_desc second = {
		.command = "tool reconfigure -m c dev0",
		.was = "mode b",
		.finish = "tool reconfigure -m c dev0",
		.undo = "tool reconfigure -m b dev0",
	};
	char out[2048], path[96];
	struct intent in;
	int fd;

	/* our own, live record: a change in progress, not a half-state */
	expect(intent_begin(&in, dir, "dev0", &first) == 0, "begin");
	expect(report("dev0", out, sizeof(out)) == 0,
	       "a live record reported: %s", out);
	intent_end(&in);
	expect(report(NULL, out, sizeof(out)) == 0, "ended but reported");

	killed_writer(&first);
	expect(report("dev0", out, sizeof(out)) == 1, "stale not reported");
	expect(strstr(out, "prog: dev0: 'tool reconfigure -m b dev0' was killed before it finished; it was mode a.") != NULL,
	       "report: %s", out);
	expect(strstr(out, "Finish it with: tool reconfigure -m b dev0; or undo it with: tool reconfigure -m a dev0") != NULL,
	       "report: %s", out);
	expect(report(NULL, out, sizeof(out)) == 1, "not found by the walk");
	expect(report("dev1", out, sizeof(out)) == 0, "another object");

	/* finishing is killed too: undo still restores the first "was" */
	killed_writer(&second);
	expect(report("dev0", out, sizeof(out)) == 1, "second not reported");
	expect(strstr(out, "it was mode a.") && strstr(out, "'tool reconfigure -m c dev0'") &&
	       strstr(out, "or undo it with: tool reconfigure -m a dev0"),
	       "second report: %s", out);

	intent_forget(dir, "dev0");
	expect(report(NULL, out, sizeof(out)) == 0, "forgotten but reported");

	/* damaged, or not ours: named, never trusted */
	snprintf(path, sizeof(path), "%s/dev2.json", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	expect(write(fd, "{\"pid\":", 7) == 7, "write");
	close(fd);
	expect(report(NULL, out, sizeof(out)) == 1, "damaged not reported");
	expect(strstr(out, "dev2.json") != NULL, "damaged: %s", out);
	unlink(path);

	/* object names are device names, never paths */
	expect(intent_begin(&in, dir, "../x", &first) == -EINVAL, "path");
	expect(intent_begin(&in, dir, "", &first) == -EINVAL, "empty");
}

/*
 * intent_forget_missing(): a stale record whose object is gone is
 * removed, one whose object is still there stays for the next report.
 */
static void test_forget_missing(void)
{
	char out[2048], objects[96], obj[128];

	snprintf(objects, sizeof(objects), "%s/objects", dir);
	snprintf(obj, sizeof(obj), "%s/dev0", objects);
	expect(mkdir(objects, 0755) == 0 && mkdir(obj, 0755) == 0, "mkdir");
	killed_writer(&first);
	intent_forget_missing(dir, objects);
	expect(report(NULL, out, sizeof(out)) == 1,
	       "forgotten though its object is there");
	expect(rmdir(obj) == 0, "rmdir");
	intent_forget_missing(dir, objects);
	expect(report(NULL, out, sizeof(out)) == 0,
	       "kept though its object is gone: %s", out);
	rmdir(objects);
}

static void test_quote(void)
{
	const char *argv[] = { "x", "-n", "it's a name", "-s", "32M", "" };
	char buf[256], out[256];
	FILE *p;
	size_t n;

	expect(intent_join(buf, sizeof(buf), "printf '%s|'", 6, argv) == 0,
	       "join");
	expect(strcmp(buf, "printf '%s|' -n 'it'\\''s a name' -s 32M ''") == 0,
	       "joined: %s", buf);
	/* the shell gives the words back as they were */
	p = popen(buf, "r");
	n = p ? fread(out, 1, sizeof(out) - 1, p) : 0;
	out[n] = '\0';
	if (p)
		pclose(p);
	expect(strcmp(out, "-n|it's a name|-s|32M||") == 0, "sh read: %s", out);
	expect(intent_join(buf, 8, "prog", 6, argv) == -ENOSPC, "overflow");
}

/* the pieces of finish and undo commands, and when they do not fit */
static void test_add(void)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "tool -m x");
	expect(intent_add_size(buf, sizeof(buf), " -s ", 32ULL << 20) == 0 &&
	       strcmp(buf, "tool -m x -s 32M") == 0, "add: '%s'", buf);
	expect(intent_add_size(buf, sizeof(buf), " -a ", 4097) == -ENOSPC &&
	       strcmp(buf, "tool -m x -s 32M -a 409") == 0,
	       "a cut string holds what fits: '%s'", buf);
	expect(intent_add(buf, sizeof(buf), " %s", "d0") == -ENOSPC &&
	       strcmp(buf, "tool -m x -s 32M -a 409") == 0, "full: '%s'", buf);
	snprintf(buf, sizeof(buf), "tool");
	expect(intent_add_size(buf, sizeof(buf), ", size ", 3ULL << 40) == 0 &&
	       strcmp(buf, "tool, size 3T") == 0, "size: '%s'", buf);
	expect(intent_add(buf, sizeof(buf), " -a %s", "2M") == 0 &&
	       strcmp(buf, "tool, size 3T -a 2M") == 0, "add: '%s'", buf);
}

static void test_deferred_signal(void)
{
	int status, pipefd[2];
	char c = 0;
	pid_t pid;

	expect(pipe(pipefd) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		cli_interrupt_defer();
		raise(SIGTERM);
		/* still alive: the step in progress may finish */
		c = cli_interrupted() == SIGTERM ? 'y' : 'n';
		if (write(pipefd[1], &c, 1) != 1)
			_exit(3);
		cli_interrupt_deliver("prog", "test");
		_exit(4); /* not reached: the signal ends the process */
	}
	close(pipefd[1]);
	expect(read(pipefd[0], &c, 1) == 1 && c == 'y',
	       "SIGTERM not recorded (%c)", c);
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	       "not ended by SIGTERM (status %#x)", status);

	/* an ignored signal stays ignored */
	pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_IGN);
		cli_interrupt_defer();
		raise(SIGTERM);
		cli_interrupt_deliver("prog", NULL);
		_exit(cli_interrupted() ? 5 : 0);
	}
	waitpid(pid, &status, 0);
	expect(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "an ignored SIGTERM was acted on (status %#x)", status);
}

int main(void)
{
	char cleanup[96];

	snprintf(dir, sizeof(dir), "/tmp/intent-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_records();
	test_forget_missing();
	test_quote();
	test_add();
	test_deferred_signal();
	snprintf(cleanup, sizeof(cleanup), "rm -rf %s", dir);
	if (system(cleanup))
		fprintf(stderr, "could not remove %s\n", dir);
	return failures ? 1 : 0;
}
