// SPDX-License-Identifier: GPL-2.0-only
/*
 * migrate-device-model: make device-DAX come up on the dax bus
 * (/sys/bus/dax) rather than the old /sys/class/dax model, by having
 * modprobe prefer dax_pmem over dax_pmem_compat.  The packaged
 * <prefix>/lib/modprobe.d/daxctl.conf carries the same two directives
 * commented out; the copy written here, in /etc/modprobe.d, overrides it.
 * nd:t7 is the modalias of a namespace's dax personality (dax_pmem).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daxctl/builtin.h"

static const char modprobe_conf[] =
	"# Written by daxctl migrate-device-model: device-DAX on the dax bus\n"
	"blacklist dax_pmem_compat\n"
	"alias nd:t7* dax_pmem\n";

int cmd_migrate(int argc, const char **argv, struct daxctl_ctx *ctx)
{
	static const struct option opts[] = { OPT_END() };
	static const char *const usage[] = {
		"daxctl migrate-device-model", NULL };
	const char *dir = getenv("DAXCTL_MODPROBE_DIR");
	char path[4096], tmp[4200];
	size_t len = sizeof(modprobe_conf) - 1;
	int fd, n;

	n = cmd_parse_options(argc, argv, opts, usage, "migrate-device-model");
	if (n > 0) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", cmd_prefix,
			argv[0]);
		return EXIT_USAGE;
	}
	if (!dir || !*dir)
		dir = "/etc/modprobe.d";
	snprintf(path, sizeof(path), "%s/daxctl.conf", dir);
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	/* write aside and rename, so modprobe never sees half a file */
	fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: cannot write: %s\n", cmd_prefix, path,
			strerror(errno));
		return EXIT_FAIL;
	}
	if (write(fd, modprobe_conf, len) != (ssize_t)len ||
	    fchmod(fd, 0644) || close(fd) || rename(tmp, path)) {
		fprintf(stderr, "%s: %s: cannot write: %s\n", cmd_prefix, path,
			strerror(errno));
		unlink(tmp);
		return EXIT_FAIL;
	}
	fprintf(stderr, "wrote %s: dax_pmem is now preferred over dax_pmem_compat (takes effect on reboot or module reload)\n",
		path);
	return EXIT_OK;
}
