// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/parse-options.h"
#include "util/size.h"
#include "util/sysfs.h"

static bool takes_value(const struct option *o)
{
	switch (o->type) {
	case OPTION_BOOLEAN:
	case OPTION_INCR:
		return false;
	case OPTION_CALLBACK:
		return o->argh != NULL;
	default:
		return true;
	}
}

static const char *display_name(const struct option *o, char *buf,
				size_t len, bool is_short, int unset)
{
	if (is_short)
		snprintf(buf, len, "-%c", o->short_name);
	else
		snprintf(buf, len, "--%s%s", unset ? "no-" : "",
			 o->long_name);
	return buf;
}

static int bad_value(const char *prog, const char *name, const char *arg,
		     const char *why)
{
	fprintf(stderr, "%s: option '%s': invalid value '%s'%s%s\n", prog,
		name, arg, why ? ": " : "", why ? why : "");
	return PARSE_OPT_ERROR;
}

/* Apply one option occurrence; @arg is its value (NULL if none). */
static int apply(const struct option *o, const char *arg, int unset,
		 const char *prog, const char *name)
{
	const char *why = NULL;
	int rc;

	switch (o->type) {
	case OPTION_BOOLEAN:
		*(bool *)o->value = !unset;
		return 0;
	case OPTION_INCR:
		*(int *)o->value = unset ? 0 : *(int *)o->value + 1;
		return 0;
	case OPTION_STRING:
		*(const char **)o->value = unset ? NULL : arg;
		return 0;
	case OPTION_INTEGER: {
		int64_t v;

		if (unset) {
			*(int *)o->value = 0;
			return 0;
		}
		rc = parse_s64(arg, 0, &v);
		if (rc == 0 && (v < INT_MIN || v > INT_MAX))
			rc = -ERANGE;
		if (rc)
			return bad_value(prog, name, arg,
					 rc == -ERANGE ? "out of range"
						       : "not an integer");
		*(int *)o->value = (int)v;
		return 0;
	}
	case OPTION_U64: {
		uint64_t v;

		if (unset) {
			*(uint64_t *)o->value = 0;
			return 0;
		}
		rc = parse_u64(arg, 0, &v);
		if (rc)
			return bad_value(prog, name, arg,
					 rc == -ERANGE ? "out of range"
					 : "not a non-negative integer");
		*(uint64_t *)o->value = v;
		return 0;
	}
	case OPTION_SIZE: {
		uint64_t v;

		if (unset) {
			*(uint64_t *)o->value = 0;
			return 0;
		}
		if (parse_size64(arg, &v, &why))
			return bad_value(prog, name, arg, why);
		*(uint64_t *)o->value = v;
		return 0;
	}
	case OPTION_CALLBACK:
		rc = o->callback(o, arg, unset);
		if (rc)
			return bad_value(prog, name, arg ? arg : "", NULL);
		return 0;
	default:
		return PARSE_OPT_ERROR;
	}
}

static const struct option *find_long(const struct option *opts,
				      const char *name, size_t len,
				      int *unset)
{
	const struct option *o;

	/* an exact name wins, so an option may itself be called no-x */
	for (o = opts; o->type != OPTION_END; o++)
		if (o->long_name && strlen(o->long_name) == len &&
		    strncmp(o->long_name, name, len) == 0) {
			*unset = 0;
			return o;
		}
	if (len > 3 && strncmp(name, "no-", 3) == 0) {
		for (o = opts; o->type != OPTION_END; o++)
			if (o->long_name && strlen(o->long_name) == len - 3 &&
			    strncmp(o->long_name, name + 3, len - 3) == 0) {
				*unset = 1;
				return o;
			}
	}
	/* --x given for an option named no-x: the positive form */
	for (o = opts; o->type != OPTION_END; o++)
		if (o->long_name && strncmp(o->long_name, "no-", 3) == 0 &&
		    strlen(o->long_name) == len + 3 &&
		    strncmp(o->long_name + 3, name, len) == 0 &&
		    (o->type == OPTION_BOOLEAN || o->type == OPTION_INCR)) {
			*unset = 1;
			return o;
		}
	return NULL;
}

static const struct option *find_short(const struct option *opts, char c)
{
	const struct option *o;

	for (o = opts; o->type != OPTION_END; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

/* Returns 0 or PARSE_OPT_*; *@i advances past a separate value. */
static int parse_long(const struct option *opts, int argc, const char **argv,
		      int *i, const char *prog)
{
	const char *arg = argv[*i] + 2, *eq = strchr(arg, '='), *val = NULL;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct option *o;
	char name[128];
	int unset = 0;

	o = find_long(opts, arg, len, &unset);
	if (!o) {
		fprintf(stderr, "%s: unknown option '--%.*s'\n", prog,
			(int)len, arg);
		return PARSE_OPT_ERROR;
	}
	display_name(o, name, sizeof(name), false, unset);
	if (unset && (o->flags & PARSE_OPT_NONEG)) {
		fprintf(stderr, "%s: option '--%s' cannot be negated\n", prog,
			o->long_name);
		return PARSE_OPT_ERROR;
	}
	if (unset || !takes_value(o)) {
		if (eq) {
			fprintf(stderr, "%s: option '%s' takes no value\n",
				prog, name);
			return PARSE_OPT_ERROR;
		}
		return apply(o, NULL, unset, prog, name);
	}
	if (eq)
		val = eq + 1;
	else if (!(o->flags & PARSE_OPT_OPTARG)) {
		if (*i + 1 >= argc) {
			fprintf(stderr, "%s: option '%s' requires a value\n",
				prog, name);
			return PARSE_OPT_ERROR;
		}
		val = argv[++*i];
	}
	return apply(o, val, 0, prog, name);
}

static int parse_short(const struct option *opts, int argc, const char **argv,
		       int *i, const char *prog)
{
	const char *p = argv[*i] + 1;

	/* bundled switches: -uv; a value may follow directly: -s1G */
	for (; *p; p++) {
		const struct option *o = find_short(opts, *p);
		char name[8];
		int rc;

		if (!o) {
			fprintf(stderr, "%s: unknown switch '-%c'\n", prog,
				*p);
			return PARSE_OPT_ERROR;
		}
		display_name(o, name, sizeof(name), true, 0);
		if (!takes_value(o)) {
			rc = apply(o, NULL, 0, prog, name);
			if (rc)
				return rc;
			continue;
		}
		if (p[1])
			return apply(o, p + 1, 0, prog, name);
		if (o->flags & PARSE_OPT_OPTARG)
			return apply(o, NULL, 0, prog, name);
		if (*i + 1 >= argc) {
			fprintf(stderr, "%s: option '%s' requires a value\n",
				prog, name);
			return PARSE_OPT_ERROR;
		}
		return apply(o, argv[++*i], 0, prog, name);
	}
	return 0;
}

int parse_options(int argc, const char **argv, const struct option *opts,
		  const char *const *usage, const char *prog)
{
	int i, n = 0, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				argv[n++] = argv[i];
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			argv[n++] = a;	/* operand ("-" alone is one too) */
			continue;
		}
		if (strcmp(a, "--help") == 0)
			return PARSE_OPT_HELP;
		if (strcmp(a, "-h") == 0 && !find_short(opts, 'h')) {
			usage_with_options(stdout, usage, opts);
			return PARSE_OPT_SHORT_HELP;
		}
		if (strcmp(a, "--list-opts") == 0) {
			list_options(stdout, opts);
			return PARSE_OPT_LISTED;
		}
		if (a[1] == '-')
			rc = parse_long(opts, argc, argv, &i, prog);
		else
			rc = parse_short(opts, argc, argv, &i, prog);
		if (rc)
			return rc;
	}
	argv[n] = NULL;
	return n;
}

#define USAGE_HELP_COLUMN 26

void usage_with_options(FILE *f, const char *const *usage,
			const struct option *opts)
{
	const struct option *o;
	int first = 1;

	for (; usage && *usage; usage++, first = 0)
		fprintf(f, "%s%s\n", first ? "usage: " : "   or: ", *usage);
	fputc('\n', f);
	for (o = opts; o->type != OPTION_END; o++) {
		int pos;

		if (o->type == OPTION_GROUP) {
			fprintf(f, "\n%s\n", o->help);
			continue;
		}
		if (o->flags & PARSE_OPT_HIDDEN)
			continue;
		pos = fprintf(f, "    ");
		if (o->short_name)
			pos += fprintf(f, "-%c", o->short_name);
		if (o->short_name && o->long_name)
			pos += fprintf(f, ", ");
		else if (!o->short_name)
			pos += fprintf(f, "    ");	/* line up long names */
		if (o->long_name)
			pos += fprintf(f, "--%s", o->long_name);
		if (takes_value(o)) {
			const char *argh = o->argh ? o->argh : "n";

			if (o->flags & PARSE_OPT_OPTARG)
				pos += fprintf(f, "[=<%s>]", argh);
			else
				pos += fprintf(f, " <%s>", argh);
		}
		if (pos >= USAGE_HELP_COLUMN - 1) {
			fputc('\n', f);
			pos = 0;
		}
		fprintf(f, "%*s%s\n", USAGE_HELP_COLUMN - pos, "",
			o->help ? o->help : "");
	}
	fputc('\n', f);
}

void list_options(FILE *f, const struct option *opts)
{
	const struct option *o;
	const char *sep = "";

	for (o = opts; o->type != OPTION_END; o++) {
		if (!o->long_name || (o->flags & PARSE_OPT_HIDDEN))
			continue;
		fprintf(f, "%s--%s%s", sep, o->long_name,
			takes_value(o) ? "=" : "");
		sep = " ";
	}
	fputc('\n', f);
}
