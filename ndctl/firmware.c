// SPDX-License-Identifier: GPL-2.0-only
/*
 * update-firmware and activate-firmware.
 *
 * An update is: get info (limits of the DIMM), start (a context), send
 * the image in chunks of at most the DIMM's max send length, finish, and
 * query until the DIMM says the image is verified, sleeping the query
 * interval the DIMM asks for, up to its max query time.  Any failure
 * after start aborts the update so that the DIMM stays on its running
 * firmware.  Every DIMM is checked (info, image size, use) before any is
 * touched.  Activation is the bus's: every armed DIMM switches at once.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "ndctl/builtin.h"
#include "ndctl/dimm.h"
#include "ndctl/filter.h"
#include "ndctl/json.h"
#include "ndctl/json-firmware.h"
#include "util/read-file.h"

static const char *fw_status_words(enum ND_FW_STATUS st)
{
	switch (st) {
	case FW_SUCCESS:
		return "success";
	case FW_ENOTSUPP:
		return "not supported";
	case FW_ENOTEXIST:
		return "no such device";
	case FW_EINVAL:
		return "invalid input";
	case FW_EHWERR:
		return "hardware error";
	case FW_ERETRY:
		return "retry later";
	case FW_EUNKNOWN:
		return "unknown error";
	case FW_ENORES:
		return "out of resources";
	case FW_ENOTREADY:
		return "hardware not ready";
	case FW_EBUSY:
		return "busy (an update is in progress)";
	case FW_EINVAL_CTX:
		return "invalid update context";
	case FW_ALREADY_DONE:
		return "an update is already staged (activate or power cycle first)";
	case FW_EBADFW:
		return "the image failed verification";
	case FW_ABORTED:
		return "aborted";
	case FW_ESEQUENCE:
		return "commands out of sequence";
	}
	return "unknown status";
}

struct fw_image {
	const char *path;
	void *data;
	size_t size;
};

struct fw_dimm {
	struct ndctl_dimm *dimm;
	unsigned int storage, max_send, interval_us, max_query_us;
	unsigned long long run_version;
	bool failed;
};

struct fw_args {
	const char *prog;
	struct fw_image img;
	bool force, arm, disarm;
	struct fw_dimm *v;
	size_t n, cap;
	int verbose;
};

/*
 * The firmware storage size is a 32-bit field of the get-info command; no
 * DIMM we know reports more than a few MiB.  Reading is bounded before any
 * DIMM is asked, so a bogus file cannot exhaust memory; probe_dimm() then
 * holds the image against each DIMM's own storage size.
 */
#define FW_IMAGE_MAX (64UL << 20)

static int read_image(const char *prog, struct fw_image *img)
{
	char why[96], *buf;
	int rc;

	rc = util_read_file(img->path, FW_IMAGE_MAX, UTIL_READ_NONEMPTY, &buf,
			    &img->size, why, sizeof(why));
	if (rc) {
		fprintf(stderr, "%s: firmware file %s: %s\n", prog, img->path,
			why);
		return rc;
	}
	img->data = buf;
	return 0;
}

/*
 * Submit @cmd; 0 when the ioctl worked and the firmware said success (or
 * @ok).  Otherwise one line: the step, the DIMM, the status in words.
 */
static int submit_step(const struct fw_args *a, struct ndctl_dimm *dimm,
		       struct ndctl_cmd *cmd, const char *step,
		       enum ND_FW_STATUS ok, enum ND_FW_STATUS *status)
{
	enum ND_FW_STATUS st;
	int rc;

	if (!cmd) {
		fprintf(stderr, "%s: %s: %s: cannot build the command\n", a->prog,
			ndctl_dimm_get_devname(dimm), step);
		return -ENOMEM;
	}
	rc = ndctl_cmd_submit(cmd);
	if (rc < 0) {
		fprintf(stderr, "%s: %s: %s failed: %s\n", a->prog,
			ndctl_dimm_get_devname(dimm), step, strerror(-rc));
		return rc;
	}
	st = ndctl_cmd_fw_xlat_firmware_status(cmd);
	if (status)
		*status = st;
	if (st == FW_SUCCESS || st == ok)
		return 0;
	if (status && st == FW_EBUSY)
		return -EAGAIN;	/* the caller polls */
	fprintf(stderr, "%s: %s: %s failed: firmware status %#x: %s\n", a->prog,
		ndctl_dimm_get_devname(dimm), step,
		ndctl_cmd_get_firmware_status(cmd), fw_status_words(st));
	return -EIO;
}

static int probe_dimm(struct ndctl_dimm *dimm, void *arg)
{
	struct fw_args *a = arg;
	struct ndctl_cmd *cmd;
	struct fw_dimm fd = { .dimm = dimm };
	int rc;

	if (ndctl_dimm_fw_update_supported(dimm) < 0) {
		fprintf(stderr, "%s: %s does not support firmware update\n",
			a->prog, ndctl_dimm_get_devname(dimm));
		return -EOPNOTSUPP;
	}
	cmd = ndctl_dimm_cmd_new_fw_get_info(dimm);
	rc = submit_step(a, dimm, cmd, "get firmware info", FW_SUCCESS, NULL);
	if (!rc) {
		fd.storage = ndctl_cmd_fw_info_get_storage_size(cmd);
		fd.max_send = ndctl_cmd_fw_info_get_max_send_len(cmd);
		fd.interval_us = ndctl_cmd_fw_info_get_query_interval(cmd);
		fd.max_query_us = ndctl_cmd_fw_info_get_max_query_time(cmd);
		fd.run_version = ndctl_cmd_fw_info_get_run_version(cmd);
	}
	ndctl_cmd_unref(cmd);
	if (rc)
		return rc;
	if (!fd.max_send || fd.max_send == UINT_MAX || fd.storage == UINT_MAX) {
		fprintf(stderr, "%s: %s: get firmware info: the DIMM reported no send length or storage size\n",
			a->prog, ndctl_dimm_get_devname(dimm));
		return -EIO;
	}
	if (a->img.size > fd.storage) {
		fprintf(stderr, "%s: %s: firmware file %s (%zu bytes) is larger than the DIMM's firmware storage (%u bytes)\n",
			a->prog, ndctl_dimm_get_devname(dimm), a->img.path,
			a->img.size, fd.storage);
		return -EFBIG;
	}
	if (!a->force) {
		struct ndctl_bus *bus = ndctl_dimm_get_bus(dimm);

		if (ndctl_bus_get_scrub_state(bus) > 0) {
			fprintf(stderr, "%s: %s: an address range scrub is running on %s; wait for it (or --force)\n",
				a->prog, ndctl_dimm_get_devname(dimm),
				ndctl_bus_get_provider(bus));
			return -EBUSY;
		}
		if (ndctl_dimm_get_fw_activate_state(dimm) == NDCTL_FWA_BUSY) {
			fprintf(stderr, "%s: %s: a firmware activation is in progress (or --force)\n",
				a->prog, ndctl_dimm_get_devname(dimm));
			return -EBUSY;
		}
		rc = nd_dimm_check_unused(dimm, a->prog, false);
		if (rc)
			return rc;
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 8;
		struct fw_dimm *v = realloc(a->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = fd;
	return 0;
}

static void sleep_us(unsigned int us)
{
	struct timespec ts = { .tv_sec = us / 1000000,
			       .tv_nsec = (long)(us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static unsigned long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000ULL +
	       (unsigned long long)ts.tv_nsec / 1000;
}

static void abort_update(const struct fw_args *a, struct ndctl_dimm *dimm,
			 struct ndctl_cmd *start)
{
	struct ndctl_cmd *cmd = ndctl_dimm_cmd_new_fw_abort(start);

	if (submit_step(a, dimm, cmd, "abort", FW_ABORTED, NULL) == 0)
		fprintf(stderr, "%s: %s: update aborted; the DIMM keeps its running firmware\n",
			a->prog, ndctl_dimm_get_devname(dimm));
	ndctl_cmd_unref(cmd);
}

static int update_dimm(const struct fw_args *a, const struct fw_dimm *fd)
{
	struct ndctl_dimm *dimm = fd->dimm;
	const char *dev = ndctl_dimm_get_devname(dimm);
	struct ndctl_cmd *start, *cmd;
	enum ND_FW_STATUS st;
	unsigned long long deadline;
	size_t off;
	int rc;

	start = ndctl_dimm_cmd_new_fw_start_update(dimm);
	rc = submit_step(a, dimm, start, "start update", FW_SUCCESS, NULL);
	if (rc) {
		ndctl_cmd_unref(start);
		return rc;
	}
	for (off = 0; off < a->img.size; off += fd->max_send) {
		size_t len = a->img.size - off;
		char step[64];

		if (len > fd->max_send)
			len = fd->max_send;
		snprintf(step, sizeof(step), "send data at offset %zu", off);
		cmd = ndctl_dimm_cmd_new_fw_send(start, (unsigned int)off,
						 (unsigned int)len,
						 (char *)a->img.data + off);
		rc = submit_step(a, dimm, cmd, step, FW_SUCCESS, NULL);
		ndctl_cmd_unref(cmd);
		if (rc)
			goto abort;
	}
	if (a->verbose)
		fprintf(stderr, "%s: %s: sent %zu bytes\n", a->prog, dev,
			a->img.size);
	cmd = ndctl_dimm_cmd_new_fw_finish(start);
	rc = submit_step(a, dimm, cmd, "finish update", FW_SUCCESS, NULL);
	ndctl_cmd_unref(cmd);
	if (rc)
		goto abort;

	deadline = now_us() + fd->max_query_us;
	for (;;) {
		cmd = ndctl_dimm_cmd_new_fw_finish_query(start);
		rc = submit_step(a, dimm, cmd, "finish query", FW_SUCCESS, &st);
		ndctl_cmd_unref(cmd);
		if (rc != -EAGAIN)
			break;
		if (now_us() >= deadline) {
			fprintf(stderr, "%s: %s: finish query: the DIMM did not verify the image within its max query time (%u ms)\n",
				a->prog, dev, fd->max_query_us / 1000);
			rc = -ETIMEDOUT;
			break;
		}
		/* the DIMM's own interval; at least 1 ms, never a busy loop */
		sleep_us(fd->interval_us ? fd->interval_us : 1000);
	}
	if (rc)
		goto abort;
	ndctl_cmd_unref(start);
	return 0;
abort:
	abort_update(a, dimm, start);
	ndctl_cmd_unref(start);
	return rc;
}

static int arm_dimm(const struct fw_args *a, struct ndctl_dimm *dimm)
{
	enum ndctl_fwa_state st = ndctl_dimm_get_fw_activate_state(dimm);

	if (st == NDCTL_FWA_INVALID) {
		/* nothing to arm: the new image waits for a power cycle */
		fprintf(stderr, "%s: %s cannot activate firmware at runtime; a power cycle activates it\n",
			a->prog, ndctl_dimm_get_devname(dimm));
		return a->img.path ? 0 : -EOPNOTSUPP;
	}
	if (a->disarm) {
		st = ndctl_dimm_fw_activate_disarm(dimm);
		if (st != NDCTL_FWA_IDLE) {
			fprintf(stderr, "%s: %s: disarm failed (activate state: %s)\n",
				a->prog, ndctl_dimm_get_devname(dimm),
				nd_fwa_state_name(st) ? nd_fwa_state_name(st)
						      : "unknown");
			return -EIO;
		}
		return 0;
	}
	st = ndctl_dimm_fw_activate_arm(dimm);
	if (st != NDCTL_FWA_ARMED) {
		fprintf(stderr, "%s: %s: arm failed (activate state: %s)\n",
			a->prog, ndctl_dimm_get_devname(dimm),
			nd_fwa_state_name(st) ? nd_fwa_state_name(st) : "unknown");
		return -EIO;
	}
	return 0;
}

/* the updated DIMMs with their firmware, as the established tool */
static void print_dimms(const struct fw_args *a, int done)
{
	struct json_object *jdimms = json_object_new_array();
	size_t i;

	for (i = 0; jdimms && done && i < a->n; i++) {
		struct json_object *jdimm, *jfw;

		if (a->v[i].failed)
			continue;
		jdimm = nd_dimm_to_json(a->v[i].dimm, 0);
		if (!jdimm)
			continue;
		jfw = nd_dimm_firmware_to_json(a->v[i].dimm, 0);
		if (jfw)
			json_object_object_add(jdimm, "firmware", jfw);
		json_object_array_add(jdimms, jdimm);
	}
	if (jdimms && done)
		util_json_print_list(stdout, jdimms, 0);
	json_object_put(jdimms);
}

static int arm_one(struct ndctl_dimm *dimm, void *arg)
{
	return arm_dimm(arg, dimm);
}

int cmd_update_firmware(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = {
		"ndctl update-firmware <nmem0> [<nmem1>..<nmemN>] [<options>]",
		NULL
	};
	const char *bus = NULL;
	struct fw_args a = { .prog = "ndctl update-firmware" };
	const struct option opts[] = {
		OPT_STRING('b', "bus", &bus, "bus-id",
			   "<nmem> must be on a bus with an id/provider of <bus-id>"),
		OPT_INCR('v', "verbose", &a.verbose, "turn on debug"),
		OPT_STRING('f', "firmware", &a.img.path, "firmware-file",
			   "firmware filename for update"),
		OPT_BOOLEAN('i', "force", &a.force,
			    "ignore ARS, activation and namespace use, try to force update"),
		OPT_BOOLEAN('A', "arm", &a.arm,
			    "arm device for firmware activation (default)"),
		OPT_BOOLEAN('D', "disarm", &a.disarm,
			    "disarm device for firmware activation"),
		OPT_END(),
	};
	int n, done, failed, rc = 0;
	size_t i;

	n = nd_parse_options(argc, argv, opts, usage, a.prog);
	if (n == 0) {
		fprintf(stderr, "%s: specify a dimm (nmemN) to update, or 'all'\n",
			a.prog);
		return EXIT_USAGE;
	}
	if (a.arm && a.disarm) {
		fprintf(stderr, "%s: --arm and --disarm are exclusive\n", a.prog);
		return EXIT_USAGE;
	}
	nd_quiet_library(ctx, a.verbose);
	if (!a.img.path && !a.arm && !a.disarm) {
		fprintf(stderr, "%s: specify the firmware file (-f), or --arm / --disarm\n",
			a.prog);
		return EXIT_USAGE;
	}
	if (!a.img.path) {
		/* only (dis)arm an already staged update */
		done = nd_for_each_dimm(ctx, a.prog, bus, argv, n, arm_one, &a,
					&failed);
		if (done < 0)
			return 1;
		fprintf(stderr, "%s %d nmem%s.\n", a.disarm ? "disarmed" : "armed",
			done, done == 1 ? "" : "s");
		return failed ? 1 : 0;
	}
	if (read_image(a.prog, &a.img))
		return 1;
	/* check every DIMM before touching any */
	done = nd_for_each_dimm(ctx, a.prog, bus, argv, n, probe_dimm, &a,
				&failed);
	if (done < 0 || failed) {
		free(a.img.data);
		free(a.v);
		return 1;
	}
	done = 0;
	for (i = 0; i < a.n; i++) {
		struct ndctl_dimm *dimm = a.v[i].dimm;

		if (update_dimm(&a, &a.v[i]) || arm_dimm(&a, dimm)) {
			rc = 1;
			a.v[i].failed = true;
			continue;
		}
		done++;
		if (a.verbose)
			fprintf(stderr, "%s: %s: update staged\n", a.prog,
				ndctl_dimm_get_devname(dimm));
	}
	fprintf(stderr, "updated %d nmem%s.\n", done, done == 1 ? "" : "s");
	print_dimms(&a, done);
	free(a.img.data);
	free(a.v);
	return rc;
}

/* ---- activate-firmware ---- */

struct fwa_args {
	const char *prog;
	bool idle, force, dry_run;
	int verbose;
	unsigned long flags;
};

static struct json_object *bus_fw_json(struct ndctl_bus *bus,
				       unsigned long flags)
{
	struct json_object *jbus = nd_bus_to_json(bus, flags);
	struct json_object *jfw, *jdimms;
	struct nd_sorted dimms;
	size_t i;

	if (!jbus)
		return NULL;
	jfw = nd_bus_firmware_to_json(bus, flags);
	if (jfw)
		json_object_object_add(jbus, "firmware", jfw);
	if (nd_sorted_dimms(bus, &dimms))
		return jbus;
	jdimms = json_object_new_array();
	for (i = 0; jdimms && i < dimms.n; i++) {
		struct json_object *jdimm = nd_dimm_to_json(dimms.v[i].obj, flags);

		if (!jdimm)
			continue;
		jfw = nd_dimm_firmware_to_json(dimms.v[i].obj, flags);
		if (jfw)
			json_object_object_add(jdimm, "firmware", jfw);
		json_object_array_add(jdimms, jdimm);
	}
	nd_sorted_free(&dimms);
	if (jdimms)
		json_object_object_add(jbus, "dimms", jdimms);
	return jbus;
}

static int activate_bus(const struct fwa_args *a, struct ndctl_bus *bus,
			struct json_object *jout)
{
	const char *name = ndctl_bus_get_provider(bus);
	enum ndctl_fwa_state state = ndctl_bus_get_fw_activate_state(bus);
	enum ndctl_fwa_method method;
	int rc;

	switch (state) {
	case NDCTL_FWA_INVALID:
		fprintf(stderr, "%s: %s cannot activate firmware at runtime\n",
			a->prog, name);
		return -EOPNOTSUPP;
	case NDCTL_FWA_IDLE:
		fprintf(stderr, "%s: %s: no DIMM is armed for activation (see update-firmware --arm)\n",
			a->prog, name);
		return -ENOENT;
	case NDCTL_FWA_BUSY:
		fprintf(stderr, "%s: %s: the platform is busy with an activation; try again later\n",
			a->prog, name);
		return -EBUSY;
	case NDCTL_FWA_ARM_OVERFLOW:
		fprintf(stderr, "%s: %s: more DIMMs are armed than the platform can activate at once; disarm some\n",
			a->prog, name);
		return -E2BIG;
	case NDCTL_FWA_ARMED:
		break;
	}
	/* -I (the default) lets the platform inject idle for the activate */
	rc = a->idle ? ndctl_bus_clear_fw_activate_noidle(bus)
		     : ndctl_bus_set_fw_activate_noidle(bus);
	if (rc < 0 && rc != -EOPNOTSUPP && rc != -ENOENT) {
		fprintf(stderr, "%s: %s: cannot %s noidle: %s\n", a->prog, name,
			a->idle ? "clear" : "set", strerror(-rc));
		return rc;
	}
	/* --force: activate live, without quiescing (suspending) the system */
	method = ndctl_bus_get_fw_activate_method(bus);
	if (a->force && method != NDCTL_FWA_METHOD_RESET)
		method = NDCTL_FWA_METHOD_LIVE;
	if (method == NDCTL_FWA_METHOD_RESET) {
		fprintf(stderr, "%s: %s: the platform activates firmware only with a reset\n",
			a->prog, name);
		return -EOPNOTSUPP;
	}
	if (!a->dry_run) {
		rc = ndctl_bus_activate_firmware(bus, method);
		if (rc < 0) {
			fprintf(stderr, "%s: %s: %s activation failed: %s\n",
				a->prog, name, nd_fwa_method_name(method),
				strerror(-rc));
			return rc;
		}
	}
	json_object_array_add(jout, bus_fw_json(bus, a->flags));
	return 0;
}

int cmd_activate_firmware(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = {
		"ndctl activate-firmware [<bus-id> <bus-id2> ... <bus-idN>] [<options>]",
		NULL
	};
	struct fwa_args a = { .prog = "ndctl activate-firmware", .idle = true };
	const struct option opts[] = {
		OPT_INCR('v', "verbose", &a.verbose, "turn on debug"),
		OPT_BOOLEAN('I', "idle", &a.idle,
			    "allow platform-injected idle over activate (default)"),
		OPT_BOOLEAN('f', "force", &a.force,
			    "try to force live activation"),
		OPT_BOOLEAN('n', "dry-run", &a.dry_run,
			    "perform all setup/validation steps, skip the activate"),
		OPT_END(),
	};
	struct nd_filter f = { 0 };
	struct nd_sorted buses;
	struct json_object *jout;
	int n, i, done = 0, failed = 0, capable = 0;
	size_t b;

	n = nd_parse_options(argc, argv, opts, usage, a.prog);
	nd_quiet_library(ctx, a.verbose);
	for (i = 0; i < n; i++) {
		f.bus = argv[i];
		if (nd_filter_check_exists(ctx, &f, a.prog))
			return 1;
	}
	if (nd_sorted_buses(ctx, &buses))
		return 1;
	jout = json_object_new_array();
	if (!jout) {
		nd_sorted_free(&buses);
		return 1;
	}
	for (b = 0; b < buses.n; b++) {
		struct ndctl_bus *bus = buses.v[b].obj;
		bool named = false;

		for (i = 0; i < n && !named; i++)
			named = nd_bus_match(bus, argv[i]) &&
				strcmp(argv[i], "all") != 0;
		if (n && !named) {
			for (i = 0; i < n && !nd_bus_match(bus, argv[i]); i++)
				;
			if (i == n)
				continue;
		}
		/* buses without activation are skipped unless named */
		if (!named && ndctl_bus_get_fw_activate_state(bus) ==
				      NDCTL_FWA_INVALID)
			continue;
		capable++;
		if (activate_bus(&a, bus, jout) < 0)
			failed++;
		else
			done++;
	}
	nd_sorted_free(&buses);
	if (!capable)
		fprintf(stderr, "%s: no bus can activate firmware at runtime\n",
			a.prog);
	if (done)
		util_json_print_list(stdout, jout, a.flags);
	json_object_put(jout);
	return failed || !capable ? 1 : 0;
}
