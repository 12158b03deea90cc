// SPDX-License-Identifier: LGPL-2.1-or-later
/* Prints the usage text and --list-opts line of a fixed option table. */
#include <stdio.h>

#include "util/parse-options.h"

int main(void)
{
	static bool b, hidden;
	static const char *s;
	static uint64_t sz;
	static int n;
	static const struct option opts[] = {
		OPT_STRING('r', "region", &s, "region-id", "filter by region"),
		OPT_BOOLEAN('u', "human", &b, "use human friendly numbers"),
		OPT_GROUP("sizing:"),
		OPT_SIZE('s', "size", &sz, "size", "size of the device"),
		OPT_INTEGER(0, "a-rather-long-option-name", &n, "n",
			    "help on the next line"),
		{ .type = OPTION_BOOLEAN, .long_name = "secret",
		  .value = &hidden, .flags = PARSE_OPT_HIDDEN },
		OPT_END(),
	};
	static const char *const usage[] = { "tool cmd [<options>] <dev>",
					     "tool cmd --other", NULL };

	usage_with_options(stdout, usage, opts);
	list_options(stdout, opts);
	return 0;
}
