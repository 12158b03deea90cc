// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test driver for the libndctl command layer (ARS, clear-error,
 * translate-SPA, vendor-specific, error injection) on nfit_test, public API
 * only.  Each subcommand performs one operation on the namespace or bus
 * named on the command line and prints what the library reports, one fact
 * a line, so that the calling script can compare with sysfs and with
 * nfit_test's documented behaviour.  Exit status: 0 success, 1 a check
 * failed, 2 bad usage or missing object.
 *
 *   cmd-probe ars NS                 ARS cap/start/status over NS's range
 *   cmd-probe ars-range BUS ADDR LEN ARS over an explicit range
 *   cmd-probe inject NS BLOCK COUNT [notify]
 *   cmd-probe uninject NS BLOCK COUNT
 *   cmd-probe status NS              injection status of NS (bb lines)
 *   cmd-probe badblocks NS           namespace and region badblocks
 *   cmd-probe scrub NS               kernel scrub of NS's bus, waited for
 *   cmd-probe clear NS BLOCK COUNT   ARS cap + clear error of that range
 *   cmd-probe reenable NS            disable and enable NS
 *   cmd-probe translate NS OFFSET    translate-SPA of NS start + OFFSET
 *   cmd-probe translate-addr BUS ADDR  (expects failure)
 *   cmd-probe vendor BUS             vendor-specific on every DIMM
 *   cmd-probe cfg-size NMEM          get-config-size on a DIMM (rc printed)
 *   cmd-probe cfg-read NMEM          read the label area, print a checksum
 *   cmd-probe bad-input NS OTHER_NS  every refused request, nothing changed
 *   cmd-probe has-inject BUS         ndctl_bus_has_error_injection
 *   cmd-probe claim NS MODE [ALIGN]  put a (label-less) namespace in devdax or
 *                                    fsdax mode (ALIGN default 2 MiB, metadata
 *                                    in pmem); prints the claim's device name
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <uuid/uuid.h>

#include <ndctl/libndctl.h>
#include <ndctl/ndctl.h>

static int failures;
static int log_lines;

#define check(cond, ...)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "cmd-probe: %s:%d: ", __func__,      \
				__LINE__);                                   \
			fprintf(stderr, __VA_ARGS__);                        \
			fputc('\n', stderr);                                 \
			failures++;                                          \
		}                                                            \
	} while (0)

static void __attribute__((format(printf, 6, 0)))
count_log(struct ndctl_ctx *ctx, int priority, const char *file, int line,
	  const char *fn, const char *format, va_list args)
{
	(void)ctx;
	(void)file;
	(void)line;
	log_lines++;
	if (!format)
		return;
	fprintf(stderr, "log(%d) %s: ", priority, fn);
	vfprintf(stderr, format, args);
	if (!strchr(format, '\n'))
		fputc('\n', stderr);
}

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static unsigned long long num(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || !*s) {
		fprintf(stderr, "cmd-probe: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static struct ndctl_namespace *find_ns(struct ndctl_ctx *ctx, const char *name)
{
	struct ndctl_namespace *ndns;
	struct ndctl_region *region;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus)
		ndctl_region_foreach(bus, region)
			ndctl_namespace_foreach(region, ndns)
				if (strcmp(ndctl_namespace_get_devname(ndns),
					   name) == 0)
					return ndns;
	fprintf(stderr, "cmd-probe: no namespace %s\n", name);
	exit(2);
}

static struct ndctl_bus *find_bus(struct ndctl_ctx *ctx, const char *provider)
{
	struct ndctl_bus *bus = ndctl_bus_get_by_provider(ctx, provider);

	if (!bus) {
		fprintf(stderr, "cmd-probe: no bus %s\n", provider);
		exit(2);
	}
	return bus;
}

static struct ndctl_dimm *find_dimm(struct ndctl_ctx *ctx, const char *name)
{
	struct ndctl_dimm *dimm;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus)
		ndctl_dimm_foreach(bus, dimm)
			if (strcmp(ndctl_dimm_get_devname(dimm), name) == 0)
				return dimm;
	fprintf(stderr, "cmd-probe: no DIMM %s\n", name);
	exit(2);
}

static struct ndctl_bus *ns_bus(struct ndctl_namespace *ndns)
{
	return ndctl_region_get_bus(ndctl_namespace_get_region(ndns));
}

/* An ARS capability command for the range, submitted; NULL on failure. */
static struct ndctl_cmd *ars_cap(struct ndctl_bus *bus, unsigned long long addr,
				 unsigned long long len)
{
	struct ndctl_cmd *cap = ndctl_bus_cmd_new_ars_cap(bus, addr, len);
	int rc;

	if (!cap)
		return NULL;
	rc = ndctl_cmd_submit_xlat(cap);
	if (rc < 0) {
		fprintf(stderr, "cmd-probe: ars_cap submit: %s\n",
			strerror(-rc));
		ndctl_cmd_unref(cap);
		return NULL;
	}
	return cap;
}

/*
 * Start an ARS over the cap's range and wait until it is no longer in
 * progress.  nfit_test refuses a start for a second after the previous one
 * (firmware status 6, "busy"): retry then.  Returns the completed status
 * command or NULL.
 */
static struct ndctl_cmd *ars_run(struct ndctl_cmd *cap)
{
	struct ndctl_cmd *start, *st;
	int rc, i;

	for (i = 0;; i++) {
		start = ndctl_bus_cmd_new_ars_start(cap, ND_ARS_PERSISTENT);
		check(start != NULL, "ars_start command");
		if (!start)
			return NULL;
		rc = ndctl_cmd_submit_xlat(start);
		if ((rc == -EBUSY || ndctl_cmd_get_firmware_status(start) == 6) &&
		    i < 100) {
			ndctl_cmd_unref(start);
			msleep(100);
			continue;
		}
		check(rc >= 0, "ars_start submit: %d (%s) fw %#x", rc,
		      strerror(-rc), ndctl_cmd_get_firmware_status(start));
		check(ndctl_cmd_get_firmware_status(start) == 0,
		      "ars_start firmware status %#x",
		      ndctl_cmd_get_firmware_status(start));
		ndctl_cmd_unref(start);
		if (rc < 0)
			return NULL;
		break;
	}
	printf("ars start retries=%d\n", i);

	for (i = 0; i < 300; i++) {
		st = ndctl_bus_cmd_new_ars_status(cap);
		check(st != NULL, "ars_status command");
		if (!st)
			return NULL;
		rc = ndctl_cmd_submit(st);
		if (ndctl_cmd_ars_in_progress(st) == 1) {
			ndctl_cmd_unref(st);
			msleep(100);
			continue;
		}
		check(rc >= 0, "ars_status submit: %s", strerror(-rc));
		check(ndctl_cmd_xlat_firmware_status(st) == 0,
		      "ars_status firmware status %#x",
		      ndctl_cmd_get_firmware_status(st));
		if (rc < 0) {
			ndctl_cmd_unref(st);
			return NULL;
		}
		printf("ars status polls=%d\n", i);
		return st;
	}
	check(0, "ARS still in progress after 30 s");
	return NULL;
}

static int print_ars(struct ndctl_bus *bus, unsigned long long addr,
		     unsigned long long len)
{
	struct ndctl_cmd *cap, *st;
	struct ndctl_range range;
	unsigned int i, n;

	/* the kernel's own scrub shares the (emulated) ARS engine */
	check(ndctl_bus_wait_for_scrub_completion(bus) == 0, "wait scrub");
	cap = ars_cap(bus, addr, len);
	check(cap != NULL, "ars_cap %#llx+%#llx", addr, len);
	if (!cap)
		return 1;
	check(ndctl_cmd_ars_cap_get_range(cap, &range) == 0, "cap range");
	printf("cap size=%u clear_unit=%u range=%#llx+%#llx\n",
	       ndctl_cmd_ars_cap_get_size(cap),
	       ndctl_cmd_ars_cap_get_clear_unit(cap), range.address,
	       range.length);
	check(ndctl_cmd_ars_cap_get_size(cap) >= 32, "cap size %u too small",
	      ndctl_cmd_ars_cap_get_size(cap));
	st = ars_run(cap);
	if (!st) {
		ndctl_cmd_unref(cap);
		return 1;
	}
	n = ndctl_cmd_ars_num_records(st);
	printf("status records=%u overflow=%d\n", n,
	       ndctl_cmd_ars_stat_get_flag_overflow(st));
	for (i = 0; i < n; i++)
		printf("record %#llx %llu\n",
		       ndctl_cmd_ars_get_record_addr(st, i),
		       ndctl_cmd_ars_get_record_len(st, i));
	/* an index past the end gives nothing rather than garbage */
	check(ndctl_cmd_ars_get_record_len(st, n) == 0,
	      "record %u (past the end) has a length", n);
	ndctl_cmd_unref(st);
	ndctl_cmd_unref(cap);
	return 0;
}

static int do_ars(struct ndctl_namespace *ndns)
{
	return print_ars(ns_bus(ndns), ndctl_namespace_get_resource(ndns),
			 ndctl_namespace_get_size(ndns));
}

/* Injected ranges of the namespace as "bb BLOCK COUNT" lines; count or -1 */
static int print_status(struct ndctl_namespace *ndns, const char *prefix)
{
	struct ndctl_bb *bb;
	int rc, n = 0;

	rc = ndctl_namespace_injection_status(ndns);
	check(rc == 0, "injection status: %s", strerror(-rc));
	if (rc)
		return -1;
	ndctl_namespace_bb_foreach(ndns, bb) {
		if (prefix)
			printf("%sbb %llu %llu\n", prefix, ndctl_bb_get_block(bb),
			       ndctl_bb_get_count(bb));
		n++;
	}
	return n;
}

static int do_inject(struct ndctl_namespace *ndns, unsigned long long block,
		     unsigned long long count, bool notify)
{
	int rc;

	rc = ndctl_namespace_inject_error2(ndns, block, count,
					   notify ? 1u << NDCTL_NS_INJECT_NOTIFY : 0);
	printf("inject rc=%d\n", rc);
	check(rc == 0, "inject %llu+%llu: %s", block, count, strerror(-rc));
	return 0;
}

static int do_uninject(struct ndctl_namespace *ndns, unsigned long long block,
		       unsigned long long count)
{
	int rc = ndctl_namespace_uninject_error2(ndns, block, count, 0);

	printf("uninject rc=%d\n", rc);
	check(rc == 0, "uninject %llu+%llu: %s", block, count, strerror(-rc));
	return 0;
}

static int do_badblocks(struct ndctl_namespace *ndns)
{
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	struct badblock *bb;

	ndctl_namespace_badblock_foreach(ndns, bb)
		printf("badblock %llu %u\n", bb->offset, bb->len);
	ndctl_region_badblock_foreach(region, bb)
		printf("region-badblock %llu %u\n", bb->offset, bb->len);
	return 0;
}

static int do_scrub(struct ndctl_namespace *ndns)
{
	struct ndctl_bus *bus = ns_bus(ndns);
	unsigned int before;
	int rc;

	check(ndctl_bus_wait_for_scrub_completion(bus) == 0, "initial wait");
	before = ndctl_bus_get_scrub_count(bus);
	rc = ndctl_bus_start_scrub(bus);
	check(rc == 0, "start scrub: %s", strerror(-rc));
	rc = ndctl_bus_poll_scrub_completion(bus, 1, 60);
	check(rc == 0, "wait scrub: %s", strerror(-rc));
	check(ndctl_bus_get_scrub_count(bus) > before, "scrub count %u -> %u",
	      before, ndctl_bus_get_scrub_count(bus));
	printf("scrubbed %u -> %u\n", before, ndctl_bus_get_scrub_count(bus));
	return 0;
}

static int do_clear(struct ndctl_namespace *ndns, unsigned long long block,
		    unsigned long long count)
{
	unsigned long long start = ndctl_namespace_get_resource(ndns);
	unsigned long long size = ndctl_namespace_get_size(ndns);
	unsigned long long addr = start + block * 512, len = count * 512;
	struct ndctl_cmd *cap, *clr;
	int rc;

	cap = ars_cap(ns_bus(ndns), start, size);
	check(cap != NULL, "ars_cap");
	if (!cap)
		return 1;
	clr = ndctl_bus_cmd_new_clear_error(addr, len, cap);
	check(clr != NULL, "clear_error %#llx+%llu", addr, len);
	if (clr) {
		rc = ndctl_cmd_submit_xlat(clr);
		check(rc >= 0, "clear_error submit: %s", strerror(-rc));
		printf("cleared %llu of %llu\n",
		       ndctl_cmd_clear_error_get_cleared(clr), len);
		check(ndctl_cmd_clear_error_get_cleared(clr) == len,
		      "cleared %llu of %llu",
		      ndctl_cmd_clear_error_get_cleared(clr), len);
		ndctl_cmd_unref(clr);
	}
	ndctl_cmd_unref(cap);
	return 0;
}

static int do_reenable(struct ndctl_namespace *ndns)
{
	int rc;

	rc = ndctl_namespace_disable_invalidate(ndns);
	check(rc == 0, "disable: %s", strerror(-rc));
	rc = ndctl_namespace_enable(ndns);
	check(rc == 0, "enable: %s", strerror(-rc));
	return 0;
}

static int do_translate(struct ndctl_namespace *ndns, unsigned long long off)
{
	unsigned long long addr = ndctl_namespace_get_resource(ndns) + off;
	struct ndctl_bus *bus = ns_bus(ndns);
	unsigned long long dpa = 0;
	struct ndctl_dimm *dimm;
	unsigned int handle = 0;
	int rc;

	rc = ndctl_bus_nfit_translate_spa(bus, addr, &handle, &dpa);
	check(rc == 0, "translate %#llx: %s", addr, strerror(-rc));
	if (rc)
		return 1;
	dimm = ndctl_dimm_get_by_handle(bus, handle);
	check(dimm != NULL, "no DIMM with handle %#x", handle);
	printf("translate %#llx handle=%#x dpa=%#llx dimm=%s\n", addr, handle,
	       dpa, dimm ? ndctl_dimm_get_devname(dimm) : "-");
	return 0;
}

static int do_translate_addr(struct ndctl_bus *bus, unsigned long long addr)
{
	unsigned long long dpa = 0x5a5a;
	unsigned int handle = 0x5a5a;
	int rc;

	rc = ndctl_bus_nfit_translate_spa(bus, addr, &handle, &dpa);
	printf("translate %#llx rc=%d\n", addr, rc);
	check(rc < 0, "translate of %#llx (outside every region) succeeded: handle %#x dpa %#llx",
	      addr, handle, dpa);
	return 0;
}

static int do_vendor(struct ndctl_ctx *ctx, struct ndctl_bus *bus)
{
	unsigned char in[16] = { 1, 2, 3, 4 }, out[16];
	struct ndctl_dimm *dimm;
	struct ndctl_cmd *cmd;
	int n = 0, rc, before;

	ndctl_set_log_fn(ctx, count_log);
	ndctl_set_log_priority(ctx, LOG_DEBUG);
	ndctl_dimm_foreach(bus, dimm) {
		const char *name = ndctl_dimm_get_devname(dimm);

		check(!ndctl_dimm_is_cmd_supported(dimm, ND_CMD_VENDOR),
		      "%s: nfit_test claims ND_CMD_VENDOR", name);
		before = log_lines;
		errno = 0;
		cmd = ndctl_dimm_cmd_new_vendor_specific(dimm, 0x1234,
							 sizeof(in), sizeof(out));
		if (!cmd) {
			printf("%s vendor: not created\n", name);
		} else {
			rc = ndctl_cmd_vendor_set_input(cmd, in, sizeof(in));
			check(rc == (int)sizeof(in), "%s: set input %d", name, rc);
			rc = ndctl_cmd_submit(cmd);
			printf("%s vendor: submit rc=%d\n", name, rc);
			check(rc < 0 && rc > -4096, "%s: vendor submit rc %d",
			      name, rc);
			ndctl_cmd_unref(cmd);
		}
		check(log_lines > before, "%s: vendor refused without a log line",
		      name);
		n++;
	}
	ndctl_set_log_priority(ctx, LOG_ERR);
	check(n > 0, "no DIMMs");
	printf("vendor: %d DIMMs\n", n);
	return 0;
}

static int do_cfg_size(struct ndctl_dimm *dimm)
{
	struct ndctl_cmd *cmd = ndctl_dimm_cmd_new_cfg_size(dimm);
	int rc, xrc;

	check(cmd != NULL, "cfg_size command");
	if (!cmd)
		return 1;
	rc = ndctl_cmd_submit(cmd);
	ndctl_cmd_unref(cmd);
	cmd = ndctl_dimm_cmd_new_cfg_size(dimm);
	if (!cmd)
		return 1;
	xrc = ndctl_cmd_submit_xlat(cmd);
	printf("cfg_size rc=%d xlat=%d size=%u\n", rc, xrc,
	       rc >= 0 ? ndctl_cmd_cfg_size_get_size(cmd) : 0);
	if (rc < 0)
		check(xrc == rc, "submit %d but submit_xlat %d", rc, xrc);
	ndctl_cmd_unref(cmd);
	return 0;
}

static int do_cfg_read(struct ndctl_dimm *dimm)
{
	struct ndctl_cmd *rd = ndctl_dimm_read_labels(dimm);
	unsigned long long sum = 0;
	unsigned char *buf;
	ssize_t size, i;

	if (!rd) {
		printf("read_labels failed errno=%d\n", errno);
		return 0;
	}
	size = ndctl_cmd_cfg_read_get_size(rd);
	buf = malloc(size > 0 ? size : 1);
	if (!buf)
		exit(1);
	check(ndctl_cmd_cfg_read_get_data(rd, buf, size, 0) == size, "get data");
	for (i = 0; i < size; i++)
		sum = sum * 31 + buf[i];
	printf("labels size=%zd sum=%#llx\n", size, sum);
	free(buf);
	ndctl_cmd_unref(rd);
	return 0;
}

/* Every record of an ARS over [lo, hi), kept as a count. */
static int ars_records(struct ndctl_bus *bus, unsigned long long lo,
		       unsigned long long hi)
{
	struct ndctl_cmd *cap, *st;
	int n;

	check(ndctl_bus_wait_for_scrub_completion(bus) == 0, "wait scrub");
	cap = ars_cap(bus, lo, hi - lo);
	if (!cap)
		return -1;
	st = ars_run(cap);
	ndctl_cmd_unref(cap);
	if (!st)
		return -1;
	n = ndctl_cmd_ars_num_records(st);
	ndctl_cmd_unref(st);
	return n;
}

static void bounds_of_bus(struct ndctl_bus *bus, unsigned long long *lo,
			  unsigned long long *hi)
{
	struct ndctl_region *region;

	*lo = ULLONG_MAX;
	*hi = 0;
	ndctl_region_foreach(bus, region) {
		unsigned long long s = ndctl_region_get_resource(region);
		unsigned long long e = s + ndctl_region_get_size(region);

		if (s == ULLONG_MAX || ndctl_region_get_size(region) == 0)
			continue;
		if (s < *lo)
			*lo = s;
		if (e > *hi)
			*hi = e;
	}
}

static int do_bad_input(struct ndctl_namespace *ndns,
			struct ndctl_namespace *noinj)
{
	unsigned long long start = ndctl_namespace_get_resource(ndns);
	unsigned long long size = ndctl_namespace_get_size(ndns);
	unsigned long long blocks = size / 512, lo, hi;
	struct ndctl_bus *bus = ns_bus(ndns);
	struct ndctl_cmd *cap, *cmd;
	int rc, n0, r0;
	struct {
		unsigned long long block, count;
		const char *what;
	} inj[] = {
		{ blocks, 1, "first block past the end" },
		{ blocks - 1, 2, "straddling the end" },
		{ 0, blocks + 1, "longer than the namespace" },
		{ 0, 0, "zero count" },
		{ 8, ULLONG_MAX, "overflowing count" },
		{ ULLONG_MAX, 1, "overflowing block" },
		{ ULLONG_MAX / 512 + 1, 1, "block whose byte offset overflows" },
		{ 1, ULLONG_MAX / 512 + 1, "count whose byte length overflows" },
	};
	unsigned int i;

	bounds_of_bus(bus, &lo, &hi);
	check(lo < hi, "no region range on the bus");
	n0 = print_status(ndns, NULL);
	r0 = ars_records(bus, lo, hi);
	printf("before: injected=%d ars_records=%d over %#llx-%#llx\n", n0, r0,
	       lo, hi);
	check(n0 == 0 && r0 == 0, "bad-input wants a clean namespace");

	for (i = 0; i < sizeof(inj) / sizeof(inj[0]); i++) {
		rc = ndctl_namespace_inject_error2(ndns, inj[i].block,
						   inj[i].count, 0);
		printf("inject %s (%llu+%llu): rc=%d\n", inj[i].what,
		       inj[i].block, inj[i].count, rc);
		check(rc < 0 && rc > -4096, "inject %s: rc %d", inj[i].what, rc);
		rc = ndctl_namespace_inject_error(ndns, inj[i].block,
						  inj[i].count, false);
		check(rc < 0 && rc > -4096, "inject (v1) %s: rc %d",
		      inj[i].what, rc);
		rc = ndctl_namespace_uninject_error2(ndns, inj[i].block,
						     inj[i].count, 0);
		check(rc < 0 && rc > -4096, "uninject %s: rc %d", inj[i].what,
		      rc);
	}

	/* a namespace on a bus without error injection */
	if (noinj) {
		check(!ndctl_bus_has_error_injection(ns_bus(noinj)),
		      "%s's bus claims error injection",
		      ndctl_namespace_get_devname(noinj));
		rc = ndctl_namespace_inject_error2(noinj, 0, 1, 0);
		printf("inject on %s (no injection): rc=%d\n",
		       ndctl_namespace_get_devname(noinj), rc);
		check(rc < 0 && rc > -4096, "inject without support: rc %d", rc);
		rc = ndctl_namespace_injection_status(noinj);
		check(rc < 0 && rc > -4096, "injection status without support: rc %d",
		      rc);
	}

	/* ARS capability of a range that no region of the bus covers */
	cmd = ndctl_bus_cmd_new_ars_cap(bus, hi + (1ULL << 30), 1ULL << 20);
	rc = cmd ? ndctl_cmd_submit_xlat(cmd) : -errno;
	printf("ars_cap outside the bus: %s rc=%d\n",
	       cmd ? "created" : "refused", rc);
	check(!cmd || rc < 0, "ARS cap of %#llx (outside the bus) accepted",
	      hi + (1ULL << 30));
	if (cmd)
		ndctl_cmd_unref(cmd);
	/* clear error: outside the cap range, unaligned, empty */
	cap = ars_cap(bus, start, size);
	check(cap != NULL, "ars_cap over the namespace");
	if (cap) {
		unsigned int unit = ndctl_cmd_ars_cap_get_clear_unit(cap);
		struct {
			unsigned long long addr, len;
			const char *what;
		} clr[] = {
			{ start + size, unit, "just past the cap range" },
			{ start - unit, unit, "just before the cap range" },
			{ start + size - unit, 2ULL * unit, "straddling the end" },
			{ start + 1, unit, "unaligned address" },
			{ start, unit + 1, "unaligned length" },
			{ start + unit / 2, unit, "half-unit address" },
			{ start, 0, "zero length" },
			{ start, ULLONG_MAX - unit + 1, "overflowing length" },
		};

		check(unit > 1, "clear unit %u", unit);
		for (i = 0; i < sizeof(clr) / sizeof(clr[0]); i++) {
			cmd = ndctl_bus_cmd_new_clear_error(clr[i].addr,
							    clr[i].len, cap);
			rc = cmd ? ndctl_cmd_submit_xlat(cmd) : -1;
			printf("clear %s (%#llx+%llu): %s rc=%d\n",
			       clr[i].what, clr[i].addr, clr[i].len,
			       cmd ? "created" : "refused", rc);
			check(!cmd || rc < 0, "clear %s accepted", clr[i].what);
			if (cmd)
				ndctl_cmd_unref(cmd);
		}
		/* a clear needs a submitted cap */
		ndctl_cmd_unref(cap);
	}
	cap = ndctl_bus_cmd_new_ars_cap(bus, start, size);
	if (cap) {
		cmd = ndctl_bus_cmd_new_clear_error(start, 256, cap);
		check(cmd == NULL, "clear error from an unsubmitted ars_cap");
		if (cmd)
			ndctl_cmd_unref(cmd);
		cmd = ndctl_bus_cmd_new_ars_start(cap, ND_ARS_PERSISTENT);
		check(cmd == NULL, "ars_start from an unsubmitted ars_cap");
		if (cmd)
			ndctl_cmd_unref(cmd);
		ndctl_cmd_unref(cap);
	}
	check(ndctl_bus_cmd_new_clear_error(start, 256, NULL) == NULL,
	      "clear error without a cap");
	check(ndctl_bus_cmd_new_ars_start(NULL, ND_ARS_PERSISTENT) == NULL,
	      "ars start without a cap");
	check(ndctl_bus_cmd_new_ars_status(NULL) == NULL,
	      "ars status without a cap");

	/* nothing changed */
	rc = print_status(ndns, "after: ");
	r0 = ars_records(bus, lo, hi);
	printf("after: injected=%d ars_records=%d\n", rc, r0);
	check(rc == 0, "bad input left %d injected ranges", rc);
	check(r0 == 0, "bad input left %d ARS records", r0);
	return 0;
}

static int do_claim(struct ndctl_namespace *ndns, const char *mode,
		    unsigned long align)
{
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	uuid_t uu;
	int rc;

	rc = ndctl_namespace_disable_invalidate(ndns);
	check(rc == 0, "disable %s: %s", ndctl_namespace_get_devname(ndns),
	      strerror(-rc));
	uuid_generate(uu);
	if (strcmp(mode, "devdax") == 0) {
		struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);

		check(dax != NULL, "no dax seed");
		if (!dax)
			return 1;
		check(ndctl_dax_set_uuid(dax, uu) == 0, "dax uuid");
		check(ndctl_dax_set_location(dax, NDCTL_PFN_LOC_PMEM) == 0,
		      "dax location");
		check(ndctl_dax_set_align(dax, align) == 0, "dax align %lu", align);
		check(ndctl_dax_set_namespace(dax, ndns) == 0, "dax namespace");
		rc = ndctl_dax_enable(dax);
		check(rc == 0, "dax enable: %s", strerror(-rc));
		printf("%s\n", ndctl_dax_get_devname(dax));
	} else if (strcmp(mode, "fsdax") == 0) {
		struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);

		check(pfn != NULL, "no pfn seed");
		if (!pfn)
			return 1;
		check(ndctl_pfn_set_uuid(pfn, uu) == 0, "pfn uuid");
		check(ndctl_pfn_set_location(pfn, NDCTL_PFN_LOC_PMEM) == 0,
		      "pfn location");
		check(ndctl_pfn_set_align(pfn, align) == 0, "pfn align %lu", align);
		check(ndctl_pfn_set_namespace(pfn, ndns) == 0, "pfn namespace");
		rc = ndctl_pfn_enable(pfn);
		check(rc == 0, "pfn enable: %s", strerror(-rc));
		printf("%s %s\n", ndctl_pfn_get_devname(pfn),
		       ndctl_pfn_get_block_device(pfn));
	} else {
		fprintf(stderr, "cmd-probe: unknown mode '%s'\n", mode);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ndctl_ctx *ctx;
	const char *op = argc > 1 ? argv[1] : "";
	int rc = 2;

	if (argc < 3) {
		fprintf(stderr, "usage: cmd-probe OP OBJECT [ARGS] (see the source)\n");
		return 2;
	}
	rc = ndctl_new(&ctx);
	if (rc < 0) {
		fprintf(stderr, "cmd-probe: ndctl_new: %s\n", strerror(-rc));
		return 1;
	}
	if (!strcmp(op, "ars") && argc == 3)
		rc = do_ars(find_ns(ctx, argv[2]));
	else if (!strcmp(op, "ars-range") && argc == 5)
		rc = print_ars(find_bus(ctx, argv[2]), num(argv[3]), num(argv[4]));
	else if (!strcmp(op, "inject") && (argc == 5 || argc == 6))
		rc = do_inject(find_ns(ctx, argv[2]), num(argv[3]), num(argv[4]),
			       argc == 6 && !strcmp(argv[5], "notify"));
	else if (!strcmp(op, "uninject") && argc == 5)
		rc = do_uninject(find_ns(ctx, argv[2]), num(argv[3]), num(argv[4]));
	else if (!strcmp(op, "status") && argc == 3)
		rc = print_status(find_ns(ctx, argv[2]), "") < 0;
	else if (!strcmp(op, "badblocks") && argc == 3)
		rc = do_badblocks(find_ns(ctx, argv[2]));
	else if (!strcmp(op, "scrub") && argc == 3)
		rc = do_scrub(find_ns(ctx, argv[2]));
	else if (!strcmp(op, "clear") && argc == 5)
		rc = do_clear(find_ns(ctx, argv[2]), num(argv[3]), num(argv[4]));
	else if (!strcmp(op, "reenable") && argc == 3)
		rc = do_reenable(find_ns(ctx, argv[2]));
	else if (!strcmp(op, "translate") && argc == 4)
		rc = do_translate(find_ns(ctx, argv[2]), num(argv[3]));
	else if (!strcmp(op, "translate-addr") && argc == 4)
		rc = do_translate_addr(find_bus(ctx, argv[2]), num(argv[3]));
	else if (!strcmp(op, "vendor") && argc == 3)
		rc = do_vendor(ctx, find_bus(ctx, argv[2]));
	else if (!strcmp(op, "cfg-size") && argc == 3)
		rc = do_cfg_size(find_dimm(ctx, argv[2]));
	else if (!strcmp(op, "cfg-read") && argc == 3)
		rc = do_cfg_read(find_dimm(ctx, argv[2]));
	else if (!strcmp(op, "bad-input") && (argc == 3 || argc == 4))
		rc = do_bad_input(find_ns(ctx, argv[2]),
				  argc == 4 ? find_ns(ctx, argv[3]) : NULL);
	else if (!strcmp(op, "claim") && (argc == 4 || argc == 5))
		rc = do_claim(find_ns(ctx, argv[2]), argv[3],
			      argc == 5 ? num(argv[4]) : 2UL << 20);
	else if (!strcmp(op, "has-inject") && argc == 3) {
		printf("%d\n", ndctl_bus_has_error_injection(find_bus(ctx, argv[2])));
		rc = 0;
	} else
		fprintf(stderr, "cmd-probe: bad arguments for '%s'\n", op);
	ndctl_unref(ctx);
	if (rc)
		return rc;
	return failures ? 1 : 0;
}
