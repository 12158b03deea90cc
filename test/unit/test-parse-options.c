// SPDX-License-Identifier: LGPL-2.1-or-later
/* parse_options(): every option type, negation, errors, operands. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/parse-options.h"

static int failures;

#define expect(cond, ...)                                                    \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stdout, "FAIL %s:%d: ", __FILE__, __LINE__); \
			fprintf(stdout, __VA_ARGS__);                        \
			fputc('\n', stdout);                                 \
			failures++;                                          \
		}                                                            \
	} while (0)

static bool human, movable = true, no_online;
static int verbose, count;
static const char *region, *mode;
static uint64_t size, u64;
static int cb_calls;
static const char *cb_arg;

static int mode_cb(const struct option *opt, const char *arg, int unset)
{
	cb_calls++;
	cb_arg = arg;
	if (arg && strcmp(arg, "bad") == 0)
		return -22;
	*(const char **)opt->value = arg;
	return 0;
}

static const struct option opts[] = {
	OPT_GROUP("filters:"),
	OPT_STRING('r', "region", &region, "region-id", "filter by region"),
	OPT_BOOLEAN('u', "human", &human, "human friendly output"),
	OPT_INCR('v', "verbose", &verbose, "more output"),
	OPT_INTEGER('c', "count", &count, "n", "how many"),
	OPT_SIZE('s', "size", &size, "size", "the size"),
	OPT_U64(0, "u64", &u64, "n", "a number"),
	OPT_BOOLEAN(0, "no-movable", &movable, "online as normal memory"),
	OPT_BOOLEAN('N', "no-online", &no_online, "don't online"),
	OPT_CALLBACK('m', "mode", &mode, "mode", "the mode", mode_cb),
	OPT_END(),
};

static const char *const usage[] = { "test [<options>] <operand>", NULL };

static void reset(void)
{
	human = no_online = false;
	movable = true;
	verbose = count = cb_calls = 0;
	region = mode = cb_arg = NULL;
	size = u64 = 0;
}

/* Run the parser over a NULL-terminated list; stderr goes to @err. */
static int run(char *err, size_t errlen, const char **out, ...)
{
	const char *argv[32] = { "test" };
	int argc = 1, rc, saved = dup(2);
	FILE *tmp = tmpfile();
	const char *a;
	va_list ap;
	size_t n;

	va_start(ap, out);
	while ((a = va_arg(ap, const char *)))
		argv[argc++] = a;
	va_end(ap);
	reset();
	fflush(stderr);
	dup2(fileno(tmp), 2);
	rc = parse_options(argc, argv, opts, usage, "test cmd");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(err, 1, errlen - 1, tmp);
	err[n] = '\0';
	fclose(tmp);
	if (out)
		for (int i = 0; i <= (rc > 0 ? rc : -1); i++)
			out[i] = argv[i];
	return rc;
}


int main(void)
{
	const char *out[32];
	char err[512];
	int rc;

	rc = run(err, sizeof(err), out, "-r", "1", "--human", "x", "-vv",
		 "--size=2M", "y", NULL);
	expect(rc == 2, "rc %d", rc);
	expect(region && strcmp(region, "1") == 0, "region");
	expect(human && verbose == 2 && size == (2 << 20), "values");
	expect(rc == 2 && strcmp(out[0], "x") == 0 &&
	       strcmp(out[1], "y") == 0 && out[2] == NULL, "operands");
	expect(!*err, "stderr '%s'", err);

	rc = run(err, sizeof(err), out, "-uvs", "1G", "--count", "-3",
		 "--u64", "0x10", NULL);
	expect(rc == 0 && human && verbose == 1 && size == (1ULL << 30) &&
	       count == -3 && u64 == 16, "bundled: rc %d", rc);

	rc = run(err, sizeof(err), out, "-s4K", "--region=all", NULL);
	expect(rc == 0 && size == 4096 && strcmp(region, "all") == 0,
	       "attached values");

	rc = run(err, sizeof(err), out, "--human", "--no-human", "-r", "1",
		 "--no-region", NULL);
	expect(rc == 0 && !human && region == NULL, "negation");

	rc = run(err, sizeof(err), out, "--no-movable", NULL);
	expect(rc == 0 && movable, "option named no-x sets its variable");
	rc = run(err, sizeof(err), out, "--no-movable", "--movable", NULL);
	expect(rc == 0 && !movable, "--x unsets an option named no-x");

	rc = run(err, sizeof(err), out, "-N", "--", "--human", "-x", NULL);
	expect(rc == 2 && no_online && !human && strcmp(out[0], "--human") == 0
	       && strcmp(out[1], "-x") == 0, "-- ends options");

	rc = run(err, sizeof(err), out, "-m", "system-ram", NULL);
	expect(rc == 0 && cb_calls == 1 && strcmp(mode, "system-ram") == 0,
	       "callback");

	rc = run(err, sizeof(err), out, "--bogus", NULL);
	expect(rc == PARSE_OPT_ERROR &&
	       strcmp(err, "test cmd: unknown option '--bogus'\n") == 0,
	       "unknown long: '%s'", err);
	rc = run(err, sizeof(err), out, "-uq", NULL);
	expect(rc == PARSE_OPT_ERROR &&
	       strcmp(err, "test cmd: unknown switch '-q'\n") == 0,
	       "unknown short: '%s'", err);
	rc = run(err, sizeof(err), out, "--size", NULL);
	expect(rc == PARSE_OPT_ERROR &&
	       strcmp(err, "test cmd: option '--size' requires a value\n") == 0,
	       "missing value: '%s'", err);
	rc = run(err, sizeof(err), out, "-r", NULL);
	expect(rc == PARSE_OPT_ERROR &&
	       strcmp(err, "test cmd: option '-r' requires a value\n") == 0,
	       "missing short value: '%s'", err);
	rc = run(err, sizeof(err), out, "--size=4Q", NULL);
	expect(rc == PARSE_OPT_ERROR && size == 0 &&
	       strstr(err, "option '--size': invalid value '4Q': unknown suffix"),
	       "bad size: '%s'", err);
	rc = run(err, sizeof(err), out, "-s", "99999999999999999999G", NULL);
	expect(rc == PARSE_OPT_ERROR && strstr(err, "too large"),
	       "overflow: '%s'", err);
	rc = run(err, sizeof(err), out, "--count=12x", NULL);
	expect(rc == PARSE_OPT_ERROR && strstr(err, "not an integer"),
	       "bad int: '%s'", err);
	rc = run(err, sizeof(err), out, "--count=99999999999", NULL);
	expect(rc == PARSE_OPT_ERROR && strstr(err, "out of range"),
	       "int range: '%s'", err);
	rc = run(err, sizeof(err), out, "--u64=-1", NULL);
	expect(rc == PARSE_OPT_ERROR, "negative u64");
	rc = run(err, sizeof(err), out, "--human=yes", NULL);
	expect(rc == PARSE_OPT_ERROR && strstr(err, "takes no value"),
	       "value to a switch: '%s'", err);
	rc = run(err, sizeof(err), out, "--mode=bad", NULL);
	expect(rc == PARSE_OPT_ERROR && strstr(err, "invalid value 'bad'"),
	       "callback failure: '%s'", err);
	expect(strchr(err, '\n') == err + strlen(err) - 1,
	       "error is one line: '%s'", err);

	rc = run(err, sizeof(err), out, "--help", NULL);
	expect(rc == PARSE_OPT_HELP, "--help: %d", rc);
	rc = run(err, sizeof(err), out, "-h", NULL);
	expect(rc == PARSE_OPT_SHORT_HELP, "-h: %d", rc);
	rc = run(err, sizeof(err), out, "--list-opts", NULL);
	expect(rc == PARSE_OPT_LISTED, "--list-opts: %d", rc);
	return failures ? 1 : 0;
}
