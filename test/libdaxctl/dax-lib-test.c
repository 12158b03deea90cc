// SPDX-License-Identifier: GPL-2.0-only
/*
 * Drive libdaxctl against the real kernel (nfit VM: dynamic hmem region of
 * 512 MiB on NUMA node 1) and cross-check every answer with raw sysfs.
 * Usage: libdaxctl-test enumerate|create|order|ram|static ND_DAX_PATH
 * Exit 0 pass, 1 fail, 77 skip.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <daxctl/libdaxctl.h>

#define MiB (1ULL << 20)

static const char *scenario = "?";
static char last_err[4096];
static int nr_err;	/* error lines logged since the last expect_err() */

#define fail(...)                                                            \
	do {                                                                 \
		fprintf(stderr, "FAIL: %s:%d: ", scenario, __LINE__);        \
		fprintf(stderr, __VA_ARGS__);                                \
		fputc('\n', stderr);                                         \
		exit(1);                                                     \
	} while (0)

#define check(cond, ...)                                                     \
	do {                                                                 \
		if (!(cond))                                                 \
			fail(__VA_ARGS__);                                   \
	} while (0)

#define check_eq(a, b, what)                                                 \
	do {                                                                 \
		unsigned long long __a = (a), __b = (b);                     \
		check(__a == __b, "%s: got %llu (%#llx), want %llu (%#llx)", \
		      what, __a, __a, __b, __b);                             \
	} while (0)

/* Keep the last error the library logged, to check it says why. */
__attribute__((format(printf, 6, 0)))
static void capture_log(struct daxctl_ctx *ctx, int prio, const char *file,
			int line, const char *fn, const char *fmt, va_list ap)
{
	va_list copy;

	va_copy(copy, ap);
	if (prio <= LOG_ERR) {
		vsnprintf(last_err, sizeof(last_err), fmt, copy);
		nr_err++;
	}
	va_end(copy);
	fprintf(stderr, "libdaxctl: %s: ", fn);
	vfprintf(stderr, fmt, ap);
}

static void check_err(int rc, int want, const char *needle, const char *what)
{
	check(rc == want, "%s: rc %d (%s), want %d (%s)", what, rc,
	      strerror(-rc), want, strerror(-want));
	check(strstr(last_err, needle), "%s: logged '%s', expected it to "
	      "mention '%s'", what, last_err, needle);
	/* one failure, one line: the library explains it where it logs it */
	check(nr_err == 1, "%s: %d error lines logged", what, nr_err);
}

/* @call must fail with @want and log exactly one line mentioning @needle */
#define expect_err(call, want, needle, what)                                 \
	do {                                                                 \
		nr_err = 0;                                                  \
		last_err[0] = '\0';                                          \
		check_err((call), want, needle, what);                       \
	} while (0)

/* ---- raw sysfs, independent of the library ---- */

static int raw_read(const char *dir, const char *attr, char *buf, size_t len)
{
	char path[2 * PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static unsigned long long raw_u64(const char *dir, const char *attr)
{
	char buf[256];

	if (raw_read(dir, attr, buf, sizeof(buf)))
		fail("cannot read %s/%s", dir, attr);
	return strtoull(buf, NULL, 0);
}

static int raw_exists(const char *dir, const char *attr)
{
	char path[2 * PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	return access(path, F_OK) == 0;
}

static void raw_driver(const char *devname, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	ssize_t n;

	if (strlen(devname) > 64)
		fail("device name too long: %s", devname);
	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%.64s/driver",
		 devname);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0) {
		snprintf(buf, len, "none");
		return;
	}
	target[n] = '\0';
	snprintf(buf, len, "%s", strrchr(target, '/') + 1);
}

static const char *dev_sysfs(struct daxctl_dev *dev)
{
	static char path[256];

	snprintf(path, sizeof(path), "/sys/bus/dax/devices/%.64s",
		 daxctl_dev_get_devname(dev));
	return path;
}

/* ---- library helpers ---- */

static struct daxctl_ctx *new_ctx(void)
{
	struct daxctl_ctx *ctx;
	int rc = daxctl_new(&ctx);

	check(rc == 0, "daxctl_new: %s", strerror(-rc));
	daxctl_set_log_fn(ctx, capture_log);
	daxctl_set_log_priority(ctx, LOG_ERR);
	return ctx;
}

static struct daxctl_region *dynamic_region(struct daxctl_ctx *ctx)
{
	struct daxctl_region *region;
	char path[PATH_MAX];

	daxctl_region_foreach(ctx, region) {
		snprintf(path, sizeof(path), "%s/dax_region/create",
			 daxctl_region_get_path(region));
		if (access(path, F_OK) == 0)
			return region;
	}
	fprintf(stderr, "SKIP: no dynamic dax region\n");
	exit(77);
}

static struct daxctl_dev *dev_by_name(struct daxctl_region *region,
				      const char *name)
{
	struct daxctl_dev *dev;

	daxctl_dev_foreach(region, dev)
		if (strcmp(daxctl_dev_get_devname(dev), name) == 0)
			return dev;
	return NULL;
}

static int count_mappings(struct daxctl_dev *dev)
{
	struct daxctl_mapping *m;
	int n = 0;

	daxctl_mapping_foreach(dev, m)
		n++;
	return n;
}

static int raw_count_mappings(struct daxctl_dev *dev)
{
	struct dirent *de;
	DIR *d = opendir(dev_sysfs(dev));
	int n = 0;

	check(d, "opendir %s", dev_sysfs(dev));
	while ((de = readdir(d)))
		if (strncmp(de->d_name, "mapping", 7) == 0 &&
		    de->d_name[7] >= '0' && de->d_name[7] <= '9')
			n++;
	closedir(d);
	return n;
}

static void check_dev_vs_sysfs(struct daxctl_dev *dev)
{
	const char *p = dev_sysfs(dev);
	const char *name = daxctl_dev_get_devname(dev);
	char buf[256], drv[256], want[64];
	struct daxctl_mapping *m;

	check_eq(daxctl_dev_get_size(dev), raw_u64(p, "size"), "size");
	check_eq(daxctl_dev_get_align(dev), raw_u64(p, "align"), "align");
	check_eq(daxctl_dev_get_resource(dev), raw_u64(p, "resource"),
		 "resource");
	check(raw_read(p, "dev", buf, sizeof(buf)) == 0, "%s/dev", p);
	snprintf(want, sizeof(want), "%d:%d", daxctl_dev_get_major(dev),
		 daxctl_dev_get_minor(dev));
	check(strcmp(buf, want) == 0, "%s: dev %s, library says %s", name, buf,
	      want);
	if (raw_exists(p, "target_node"))
		check_eq(daxctl_dev_get_target_node(dev),
			 raw_u64(p, "target_node"), "target_node");
	raw_driver(name, drv, sizeof(drv));
	check(daxctl_dev_is_enabled(dev) == (strcmp(drv, "none") != 0),
	      "%s: is_enabled %d but driver is %s", name,
	      daxctl_dev_is_enabled(dev), drv);
	check(daxctl_dev_is_system_ram_capable(dev) ==
		      (strcmp(drv, "kmem") == 0),
	      "%s: is_system_ram_capable %d but driver is %s", name,
	      daxctl_dev_is_system_ram_capable(dev), drv);
	check(count_mappings(dev) == raw_count_mappings(dev),
	      "%s: %d mappings, sysfs has %d", name, count_mappings(dev),
	      raw_count_mappings(dev));
	daxctl_mapping_foreach(dev, m) {
		unsigned long long sum = 0;
		struct daxctl_mapping *n;

		check(daxctl_mapping_get_size(m) ==
			      daxctl_mapping_get_end(m) -
				      daxctl_mapping_get_start(m) + 1,
		      "mapping size");
		/* offset (pages) is the sum of the sizes before it */
		for (n = daxctl_mapping_get_first(dev); n != m;
		     n = daxctl_mapping_get_next(n))
			sum += daxctl_mapping_get_size(n);
		check_eq(daxctl_mapping_get_offset(m) * (unsigned long long)
				 sysconf(_SC_PAGESIZE), sum, "mapping offset");
	}
}

/* ---- scenarios ---- */

static int enumerate(void)
{
	struct daxctl_ctx *ctx = new_ctx(), *ctx2;
	struct daxctl_region *region;
	struct daxctl_dev *dev;
	char rp[PATH_MAX];
	const char *path;
	int ndev = 0;

	daxctl_set_userdata(ctx, rp);
	check(daxctl_get_userdata(ctx) == rp, "userdata");
	daxctl_set_log_priority(ctx, LOG_INFO);
	check(daxctl_get_log_priority(ctx) == LOG_INFO, "log priority");
	daxctl_set_log_priority(ctx, LOG_ERR);
	check(daxctl_get_config_path(ctx) != NULL, "default config path");
	check(daxctl_set_config_path(ctx, "/tmp/daxctl.conf.d") == 0,
	      "set config path");
	check(strcmp(daxctl_get_config_path(ctx), "/tmp/daxctl.conf.d") == 0,
	      "config path");
	check(daxctl_ref(ctx) == ctx, "ref");
	daxctl_unref(ctx);

	region = dynamic_region(ctx);
	path = daxctl_region_get_path(region);
	check(realpath(path, rp) && strcmp(rp, path) == 0,
	      "region path %s is not canonical", path);
	check(strcmp(daxctl_region_get_devname(region), strrchr(path, '/') + 1)
		      == 0, "region devname %s",
	      daxctl_region_get_devname(region));
	snprintf(rp, sizeof(rp), "%s/dax_region", path);
	check_eq(daxctl_region_get_id(region), raw_u64(rp, "id"), "region id");
	check_eq(daxctl_region_get_size(region), raw_u64(rp, "size"),
		 "region size");
	check_eq(daxctl_region_get_size(region), 512 * MiB, "hmem size");
	check_eq(daxctl_region_get_align(region), raw_u64(rp, "align"),
		 "region align");
	check_eq(daxctl_region_get_available_size(region),
		 raw_u64(rp, "available_size"), "available_size");
	check(daxctl_region_get_ctx(region) == ctx, "region ctx");
	/* dax_hmem gives all the memory to a first, enabled device */
	check(daxctl_region_get_dev_seed(region) == NULL, "seed of full region");

	daxctl_dev_foreach(region, dev) {
		check(daxctl_dev_get_region(dev) == region, "dev region");
		check(daxctl_dev_get_ctx(dev) == ctx, "dev ctx");
		check_dev_vs_sysfs(dev);
		ndev++;
	}
	check(ndev == 1, "%d devices, want 1", ndev);
	dev = daxctl_dev_get_first(region);
	check(daxctl_dev_get_id(dev) == 0, "first id");
	check_eq(daxctl_dev_get_size(dev), 512 * MiB, "dax0.0 size");
	check(daxctl_dev_get_target_node(dev) == 1, "target node %d",
	      daxctl_dev_get_target_node(dev));
	check(daxctl_dev_is_enabled(dev), "dax0.0 enabled");
	check(count_mappings(dev) == 1, "dax0.0 mappings");

	/* libndctl's entry point finds the same object by path */
	{
		uuid_t u = { 1, 2, 3 }, got;

		check(daxctl_new_region(ctx, daxctl_region_get_id(region), u,
					path) == region, "new_region by path");
		daxctl_region_get_uuid(region, got);
		check(memcmp(u, got, sizeof(u)) == 0, "uuid");
		daxctl_region_unref(region); /* the reference new_region gave */
		check(daxctl_region_get_first(ctx) != NULL, "region survived");
	}

	/* a second context sees the same */
	ctx2 = new_ctx();
	check(strcmp(daxctl_region_get_path(dynamic_region(ctx2)), path) == 0,
	      "second ctx region");
	daxctl_unref(ctx2);
	daxctl_unref(ctx);
	printf("enumerate: ok\n");
	return 0;
}

static struct daxctl_dev *fresh_seed(struct daxctl_region *region)
{
	struct daxctl_dev *seed = daxctl_region_get_dev_seed(region);
	int rc;

	if (seed)
		return seed;
	rc = daxctl_region_create_dev(region);
	check(rc == 0, "create_dev: %s", strerror(-rc));
	seed = daxctl_region_get_dev_seed(region);
	check(seed, "no seed after create_dev");
	check(daxctl_dev_get_size(seed) == 0, "seed size");
	return seed;
}

static int create(void)
{
	struct daxctl_ctx *ctx = new_ctx();
	struct daxctl_region *region = dynamic_region(ctx);
	struct daxctl_dev *dev0, *d1, *d2;
	unsigned long long base, avail;
	struct daxctl_mapping *m;
	char drv[64], devnode[PATH_MAX];
	int rc;

	dev0 = daxctl_dev_get_first(region);
	base = daxctl_dev_get_resource(dev0);
	check(base, "resource of dax0.0");

	/* size of an enabled device cannot change, and we are told why */
	expect_err(daxctl_dev_set_size(dev0, 0), -EBUSY, "enabled",
		   "resize enabled");
	check(daxctl_dev_disable(dev0) == 0, "disable dax0.0");
	raw_driver("dax0.0", drv, sizeof(drv));
	check(strcmp(drv, "none") == 0, "dax0.0 still bound to %s", drv);
	check(daxctl_dev_disable(dev0) == 0, "disable twice");
	check(daxctl_dev_set_size(dev0, 0) == 0, "shrink dax0.0 to 0");
	check_eq(daxctl_region_get_available_size(region), 512 * MiB,
		 "available after freeing dax0.0");
	expect_err(daxctl_region_destroy_dev(region, dev0), -EBUSY, "id 0",
		   "destroy dax0.0");

	/* a new device: align 2M, sizes multiple and not of align */
	d1 = fresh_seed(region);
	check(daxctl_dev_get_id(d1) > 0, "seed id");
	check(daxctl_dev_set_align(d1, 2 * MiB) == 0, "align 2M");
	check_eq(daxctl_dev_get_align(d1), 2 * MiB, "align");
	expect_err(daxctl_dev_set_size(d1, 3 * MiB), -EINVAL, "multiple",
		   "size 3M at align 2M");
	check_eq(daxctl_dev_get_size(d1), 0, "size after refused resize");
	check(daxctl_dev_set_size(d1, 64 * MiB) == 0, "size 64M");
	check_eq(daxctl_dev_get_size(d1), 64 * MiB, "size");
	check_eq(daxctl_region_get_available_size(region), 448 * MiB, "avail");
	check_dev_vs_sysfs(d1);

	/* 4K align: the kernel still wants sizes in 2M subsections */
	check(daxctl_dev_set_align(d1, 4096) == 0, "align 4K");
	check_eq(daxctl_dev_get_align(d1), 4096, "align 4K");
	expect_err(daxctl_dev_set_size(d1, 64 * MiB + 4096), -EINVAL,
		   "2 MiB", "size 64M+4K at align 4K");
	check_eq(daxctl_dev_get_size(d1), 64 * MiB, "size after refusal");
	expect_err(daxctl_dev_set_align(d1, 3), -EINVAL, "power of two",
		   "align 3");
	check(daxctl_dev_set_align(d1, 1UL << 30) < 0, "align 1G accepted");
	check_eq(daxctl_dev_get_align(d1), 4096, "align after refusal");

	/* resize up and down */
	check(daxctl_dev_set_size(d1, 128 * MiB) == 0, "grow to 128M");
	check_eq(daxctl_region_get_available_size(region), 384 * MiB, "avail");
	check(count_mappings(d1) == 1, "contiguous growth keeps one range");
	check(daxctl_dev_set_size(d1, 32 * MiB) == 0, "shrink to 32M");
	check_eq(daxctl_dev_get_size(d1), 32 * MiB, "size");
	check_eq(daxctl_region_get_available_size(region), 480 * MiB, "avail");
	check_dev_vs_sysfs(d1);

	/* enable devdax: the region's seed moves on */
	check(daxctl_dev_enable_devdax(d1) == 0, "enable devdax");
	raw_driver(daxctl_dev_get_devname(d1), drv, sizeof(drv));
	check(strcmp(drv, "device_dax") == 0, "bound to %s", drv);
	check(daxctl_dev_enable_devdax(d1) == 0, "enable twice");
	expect_err(daxctl_dev_enable_ram(d1), -EBUSY, "disable it first",
		   "enable_ram over devdax");
	snprintf(devnode, sizeof(devnode), "/dev/%s",
		 daxctl_dev_get_devname(d1));
	check(access(devnode, F_OK) == 0, "%s missing", devnode);
	check_dev_vs_sysfs(d1);
	check(daxctl_region_get_dev_seed(region) != d1, "seed not moved");

	/* explicit mappings, placed out of order */
	d2 = fresh_seed(region);
	check(d2 != d1, "new seed");
	check(daxctl_dev_set_mapping(d2, base + 256 * MiB,
				     base + 320 * MiB - 1) == 0, "mapping 1");
	check(daxctl_dev_set_mapping(d2, base + 128 * MiB,
				     base + 160 * MiB - 1) == 0, "mapping 2");
	check_eq(daxctl_dev_get_size(d2), 96 * MiB, "size after mappings");
	check_eq(daxctl_dev_get_resource(d2), base + 256 * MiB, "resource");
	m = daxctl_mapping_get_first(d2);
	check(m, "no mapping");
	check_eq(daxctl_mapping_get_start(m), base + 256 * MiB, "map0 start");
	check_eq(daxctl_mapping_get_size(m), 64 * MiB, "map0 size");
	m = daxctl_mapping_get_next(m);
	check(m, "no second mapping");
	check_eq(daxctl_mapping_get_start(m), base + 128 * MiB, "map1 start");
	check_eq(daxctl_mapping_get_end(m), base + 160 * MiB - 1, "map1 end");
	check(daxctl_mapping_get_next(m) == NULL, "third mapping");
	check_dev_vs_sysfs(d2);
	/* taken by d1: refused, nothing changes */
	expect_err(daxctl_dev_set_mapping(d2, base, base + 2 * MiB - 1),
		   -ENOMEM, "already allocated", "overlapping mapping");
	check_eq(daxctl_dev_get_size(d2), 96 * MiB, "size after refusal");
	expect_err(daxctl_dev_set_mapping(d2, base + 2 * MiB, base), -EINVAL,
		   "end before start", "reversed mapping");
	/* shrinking trims the last range first */
	check(daxctl_dev_set_size(d2, 64 * MiB) == 0, "shrink d2");
	check(count_mappings(d2) == 1, "mappings after shrink");
	check_dev_vs_sysfs(d2);

	/* destroy: refused while enabled or sized, then done */
	check(daxctl_dev_enable_devdax(d2) == 0, "enable d2");
	expect_err(daxctl_region_destroy_dev(region, d2), -EBUSY, "enabled",
		   "destroy enabled");
	check(daxctl_dev_disable(d2) == 0, "disable d2");
	expect_err(daxctl_region_destroy_dev(region, d2), -EBUSY, "size",
		   "destroy sized");
	check(daxctl_dev_set_size(d2, 0) == 0, "d2 size 0");
	snprintf(devnode, sizeof(devnode), "%s", dev_sysfs(d2));
	check(daxctl_region_destroy_dev(region, d2) == 0, "destroy d2");
	check(access(devnode, F_OK) != 0, "%s still exists", devnode);
	check(dev_by_name(region, strrchr(devnode, '/') + 1) == NULL,
	      "destroyed device still listed");
	avail = daxctl_region_get_available_size(region);
	check_eq(avail, 480 * MiB, "avail after destroy");

	/* enabling an empty device is refused with a reason */
	d2 = fresh_seed(region);
	expect_err(daxctl_dev_enable_devdax(d2), -ENXIO, "size is 0",
		   "enable empty");

	/*
	 * kmem refuses a device smaller than a memory block: the failure is
	 * reported and the device is left disabled and usable as devdax.
	 */
	check(daxctl_dev_set_size(d2, 2 * MiB) == 0, "d2 size 2M");
	rc = daxctl_dev_enable_ram(d2);
	check(rc < 0, "kmem accepted a 2M device");
	check(strstr(last_err, "kmem failed to bind"), "logged '%s'",
	      last_err);
	check(!daxctl_dev_is_enabled(d2), "enabled after failed enable_ram");
	check(daxctl_dev_enable_devdax(d2) == 0, "devdax after failed ram");
	raw_driver(daxctl_dev_get_devname(d2), drv, sizeof(drv));
	check(strcmp(drv, "device_dax") == 0, "bound to %s", drv);
	daxctl_unref(ctx);
	printf("create: ok\n");
	return 0;
}

/* Twelve devices: dax0.2 must come before dax0.10, in any context. */
static int order(void)
{
	struct daxctl_ctx *ctx = new_ctx(), *ctx2 = NULL;
	struct daxctl_region *region = dynamic_region(ctx);
	struct daxctl_dev *dev;
	int i, prev, n, rc;

	dev = daxctl_dev_get_first(region);
	check(daxctl_dev_disable(dev) == 0, "disable dax0.0");
	check(daxctl_dev_set_size(dev, 0) == 0, "dax0.0 size 0");
	for (i = 0; i < 11; i++) {
		rc = daxctl_region_create_dev(region);
		check(rc == 0, "create %d: %s", i, strerror(-rc));
	}
	for (i = 0; i < 2; i++) {
		struct daxctl_ctx *c = i ? (ctx2 = new_ctx()) : ctx;
		struct daxctl_region *r = dynamic_region(c);

		prev = -1;
		n = 0;
		daxctl_dev_foreach(r, dev) {
			check(daxctl_dev_get_id(dev) > prev, "%s after id %d",
			      daxctl_dev_get_devname(dev), prev);
			prev = daxctl_dev_get_id(dev);
			n++;
		}
		check(n == 12, "ctx %d lists %d devices, want 12", i, n);
		check(prev >= 10, "highest id %d", prev);
	}
	/* destroying while iterating with the _safe form */
	{
		struct daxctl_dev *next;

		daxctl_dev_foreach_safe(region, dev, next)
			if (daxctl_dev_get_id(dev) > 0)
				check(daxctl_region_destroy_dev(region, dev)
				      == 0, "destroy %s",
				      daxctl_dev_get_devname(dev));
		n = 0;
		daxctl_dev_foreach(region, dev)
			n++;
		check(n == 1, "%d devices left", n);
	}
	daxctl_unref(ctx2);
	daxctl_unref(ctx);
	printf("order: ok\n");
	return 0;
}

static int raw_block_state(unsigned long id, char *buf, size_t len)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "/sys/devices/system/memory/memory%lu", id);
	return raw_read(dir, "state", buf, len);
}

/* Cross-check every block in the device's range: all in state @want. */
static void check_blocks(struct daxctl_dev *dev, unsigned long bs,
			 const char *want, int nwant)
{
	unsigned long long start = daxctl_dev_get_resource(dev);
	unsigned long long end = start + daxctl_dev_get_size(dev);
	unsigned long id;
	char buf[64];
	int n = 0;

	for (id = (start + bs - 1) / bs; id < end / bs; id++) {
		if (raw_block_state(id, buf, sizeof(buf)))
			continue;
		check(strcmp(buf, want) == 0, "memory%lu is %s, want %s", id,
		      buf, want);
		n++;
	}
	check(n == nwant, "%d blocks, want %d", n, nwant);
}

static int ram(void)
{
	struct daxctl_ctx *ctx = new_ctx();
	struct daxctl_region *region = dynamic_region(ctx);
	struct daxctl_dev *dev = daxctl_dev_get_first(region);
	struct daxctl_memory *mem;
	unsigned long bs;
	char buf[64];
	int n, rc, auto_on, kmem_before;

	check(daxctl_dev_get_memory(dev) == NULL, "memory of devdax device");
	check(!daxctl_dev_is_system_ram_capable(dev), "devdax is system-ram");
	check(daxctl_dev_disable(dev) == 0, "disable");
	/* the VM does not preload kmem: the library loads it via libkmod */
	kmem_before = access("/sys/bus/dax/drivers/kmem", F_OK) == 0;
	rc = daxctl_dev_enable_ram(dev);
	check(rc == 0, "enable_ram: %s", strerror(-rc));
	check(access("/sys/bus/dax/drivers/kmem", F_OK) == 0, "no kmem driver");
	if (!kmem_before)
		printf("ram: kmem module loaded by the library\n");
	check(daxctl_dev_is_system_ram_capable(dev), "not system-ram");
	check_dev_vs_sysfs(dev);
	mem = daxctl_dev_get_memory(dev);
	check(mem, "no memory object");
	check(daxctl_memory_get_dev(mem) == dev, "memory dev");
	check(strcmp(daxctl_memory_get_node_path(mem),
		     "/sys/devices/system/node/node1") == 0, "node path %s",
	      daxctl_memory_get_node_path(mem));
	bs = daxctl_memory_get_block_size(mem);
	check_eq(bs, strtoull(
		(raw_read("/sys/devices/system/memory", "block_size_bytes",
			  buf, sizeof(buf)), buf), NULL, 16), "block size");
	n = daxctl_memory_num_sections(mem);
	check(n > 0 && (unsigned long long)n * bs <= 512 * MiB,
	      "num_sections %d", n);

	raw_read("/sys/devices/system/memory", "auto_online_blocks", buf,
		 sizeof(buf));
	auto_on = strncmp(buf, "online", 6) == 0;
	check(daxctl_dev_will_auto_online_memory(dev) == auto_on,
	      "will_auto_online vs %s", buf);

	/* whatever the policy did, start from offline */
	rc = daxctl_memory_offline(mem);
	check(rc >= 0, "offline: %s", strerror(-rc));
	check(daxctl_memory_is_online(mem) == 0, "online after offline");
	check(daxctl_dev_has_online_memory(dev) == 0, "has_online_memory");
	check_blocks(dev, bs, "offline", n);
	check(daxctl_memory_offline(mem) == 0, "offline again changed blocks");

	rc = daxctl_memory_online(mem);
	check(rc == n, "online: %d, want %d", rc, n);
	check(daxctl_memory_is_online(mem) == n, "is_online");
	check(daxctl_memory_is_movable(mem) == 1, "not movable");
	check(daxctl_dev_has_online_memory(dev) == n, "has_online_memory");
	check_blocks(dev, bs, "online", n);
	check(daxctl_memory_online(mem) == 0, "online again changed blocks");
	/* the wrong zone is refused rather than mixed */
	expect_err(daxctl_memory_online_no_movable(mem), -EBUSY, "Movable",
		   "online normal over movable");

	expect_err(daxctl_dev_disable(dev), -EBUSY, "offline them first",
		   "disable with online memory");
	check(daxctl_dev_is_enabled(dev), "disabled despite refusal");

	check(daxctl_memory_offline(mem) == n, "offline count");
	check_blocks(dev, bs, "offline", n);

	rc = daxctl_memory_online_no_movable(mem);
	check(rc == n, "online_no_movable: %d (%s)", rc,
	      rc < 0 ? strerror(-rc) : "");
	check(daxctl_memory_is_movable(mem) == 0, "movable after no_movable");
	check(daxctl_memory_is_online(mem) == n, "is_online");
	rc = daxctl_memory_offline(mem);
	check(rc == n, "offline normal: %d (%s)", rc,
	      rc < 0 ? strerror(-rc) : "");

	/* and back to devdax */
	check(daxctl_dev_disable(dev) == 0, "disable system-ram");
	check(daxctl_dev_enable_devdax(dev) == 0, "back to devdax");
	raw_driver("dax0.0", buf, sizeof(buf));
	check(strcmp(buf, "device_dax") == 0, "bound to %s", buf);
	check(daxctl_dev_get_memory(dev) == NULL, "memory in devdax mode");
	check(!daxctl_dev_is_system_ram_capable(dev), "still system-ram");
	check_dev_vs_sysfs(dev);
	daxctl_unref(ctx);
	printf("ram: ok\n");
	return 0;
}

/*
 * A static region: the pmem namespace that lib-scenario.sh put in devdax
 * mode; argv gives the nd dax device's sysfs path, what libndctl passes.
 */
static int static_region(const char *ndpath)
{
	struct daxctl_ctx *ctx = new_ctx();
	struct daxctl_region *region, *found = NULL;
	struct daxctl_dev *dev;
	char rp[PATH_MAX], rattr[PATH_MAX + 16], drv[64];
	uuid_t u = { 0xaa, 0xbb }, got;
	int n = 0, rc;

	check(realpath(ndpath, rp), "realpath %s", ndpath);
	/* libndctl's way in first, then a scan must not duplicate it */
	region = daxctl_new_region(ctx, 1000, u, ndpath);
	check(region, "new_region(%s)", ndpath);
	check(strcmp(daxctl_region_get_path(region), rp) == 0, "path %s",
	      daxctl_region_get_path(region));
	daxctl_region_foreach(ctx, found)
		if (strcmp(daxctl_region_get_path(found), rp) == 0)
			n++;
	check(n == 1, "region listed %d times", n);
	daxctl_region_get_uuid(region, got);
	check(memcmp(u, got, sizeof(u)) == 0, "uuid");
	check(daxctl_new_region(ctx, 1000, u, ndpath) == region, "lookup");
	daxctl_region_unref(region);
	daxctl_region_unref(region);
	daxctl_unref(ctx);

	ctx = new_ctx();
	daxctl_region_foreach(ctx, region)
		if (strcmp(daxctl_region_get_path(region), rp) == 0)
			found = region;
	check(found, "static region %s not found by the scan", rp);
	region = found;
	snprintf(rattr, sizeof(rattr), "%s/dax_region", rp);
	check(!raw_exists(rattr, "create"), "static region has create");
	check_eq(daxctl_region_get_id(region), raw_u64(rattr, "id"), "id");
	check_eq(daxctl_region_get_size(region), raw_u64(rattr, "size"),
		 "size");
	check_eq(daxctl_region_get_align(region), raw_u64(rattr, "align"),
		 "align");
	check(strcmp(daxctl_region_get_devname(region), strrchr(rp, '/') + 1)
		      == 0, "devname %s", daxctl_region_get_devname(region));
	check_eq(daxctl_region_get_available_size(region), 0, "available");
	check(daxctl_region_get_dev_seed(region) == NULL, "seed");

	n = 0;
	daxctl_dev_foreach(region, dev) {
		check_dev_vs_sysfs(dev);
		n++;
	}
	check(n == 1, "%d devices", n);
	dev = daxctl_dev_get_first(region);
	check(daxctl_dev_get_size(dev) > 0, "size");
	check(daxctl_dev_get_target_node(dev) == -1, "target node");

	expect_err(daxctl_region_create_dev(region), -EOPNOTSUPP, "static",
		   "create in static");
	expect_err(daxctl_region_destroy_dev(region, dev), -EOPNOTSUPP,
		   "static", "destroy in static");
	check(daxctl_dev_disable(dev) == 0, "disable");
	rc = daxctl_dev_set_size(dev, 2 * MiB);
	check(rc < 0 && strstr(last_err, "static"), "resize static: %d '%s'",
	      rc, last_err);
	expect_err(daxctl_dev_set_mapping(dev, 0x100000000ULL,
					  0x1001fffffULL),
		   -EOPNOTSUPP, "no mapping attribute", "mapping in static");
	expect_err(daxctl_dev_enable_ram(dev), -EOPNOTSUPP,
		   "no target NUMA node", "system-ram without target node");
	check(daxctl_dev_enable_devdax(dev) == 0, "enable devdax");
	raw_driver(daxctl_dev_get_devname(dev), drv, sizeof(drv));
	check(strcmp(drv, "device_dax") == 0, "bound to %s", drv);
	check_dev_vs_sysfs(dev);
	daxctl_unref(ctx);
	printf("static: ok\n");
	return 0;
}

/*
 * For the cost test in lazy.sh (which counts sysfs opens under strace):
 * "names" touches only what enumeration needs, "sizes" adds one
 * attribute per device.
 */
static int walk(int sizes)
{
	struct daxctl_ctx *ctx = new_ctx();
	struct daxctl_region *region;
	struct daxctl_dev *dev;

	daxctl_region_foreach(ctx, region)
		daxctl_dev_foreach(region, dev) {
			if (sizes)
				printf("%s %llu\n", daxctl_dev_get_devname(dev),
				       daxctl_dev_get_size(dev));
			else
				printf("%s\n", daxctl_dev_get_devname(dev));
		}
	daxctl_unref(ctx);
	return 0;
}

static int names(void)
{
	return walk(0);
}

static int sizes(void)
{
	return walk(1);
}

/* Everything the getters say, for the recorded sysfs trees (sysfs suite). */
static int dump(void)
{
	struct daxctl_ctx *ctx = new_ctx();
	struct daxctl_region *region;
	struct daxctl_dev *dev, *seed;
	struct daxctl_mapping *m;
	struct daxctl_memory *mem;

	daxctl_region_foreach(ctx, region) {
		seed = daxctl_region_get_dev_seed(region);
		printf("region %d %s size %lld align %ld available %llu seed %s\n",
		       daxctl_region_get_id(region),
		       daxctl_region_get_devname(region),
		       (long long)daxctl_region_get_size(region),
		       (long)daxctl_region_get_align(region),
		       daxctl_region_get_available_size(region),
		       seed ? daxctl_dev_get_devname(seed) : "-");
		daxctl_dev_foreach(region, dev) {
			printf("  %s id %d chr %d:%d size %llu align %lu "
			       "resource %#llx node %d enabled %d ram %d\n",
			       daxctl_dev_get_devname(dev),
			       daxctl_dev_get_id(dev),
			       daxctl_dev_get_major(dev),
			       daxctl_dev_get_minor(dev),
			       daxctl_dev_get_size(dev),
			       daxctl_dev_get_align(dev),
			       daxctl_dev_get_resource(dev),
			       daxctl_dev_get_target_node(dev),
			       daxctl_dev_is_enabled(dev),
			       daxctl_dev_is_system_ram_capable(dev));
			daxctl_mapping_foreach(dev, m)
				printf("    mapping %#llx-%#llx pgoff %llu size "
				       "%llu\n", daxctl_mapping_get_start(m),
				       daxctl_mapping_get_end(m),
				       daxctl_mapping_get_offset(m),
				       daxctl_mapping_get_size(m));
			mem = daxctl_dev_get_memory(dev);
			if (!mem)
				continue;
			printf("    memory block %lu node %s sections %d "
			       "online %d movable %d\n",
			       daxctl_memory_get_block_size(mem),
			       daxctl_memory_get_node_path(mem),
			       daxctl_memory_num_sections(mem),
			       daxctl_memory_is_online(mem),
			       daxctl_memory_is_movable(mem));
		}
	}
	daxctl_unref(ctx);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(void);
	} tests[] = {
		{ "enumerate", enumerate },
		{ "create", create },
		{ "order", order },
		{ "ram", ram },
		{ "names", names },
		{ "dump", dump },
		{ "sizes", sizes },
	};
	size_t i;

	if (argc == 3 && strcmp(argv[1], "static") == 0) {
		scenario = argv[1];
		return static_region(argv[2]);
	}
	if (argc != 2) {
		fprintf(stderr, "usage: %s enumerate|create|order|ram|"
			"static ND_DAX_PATH\n", argv[0]);
		return 2;
	}
	scenario = argv[1];
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		if (strcmp(argv[1], tests[i].name) == 0)
			return tests[i].fn();
	fprintf(stderr, "unknown scenario '%s'\n", argv[1]);
	return 2;
}
