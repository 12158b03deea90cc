// SPDX-License-Identifier: GPL-2.0-only
/*
 * dax-contract: what a device-DAX character device promises the program
 * that maps it, checked on one device through libdaxctl and plain syscalls.
 *
 * Usage: dax-contract DEVICE CHECK [-- CMD [ARGS...]]
 *   DEVICE  a device name (dax0.1); size and align come from libdaxctl
 *   CHECK   one of
 *     refuse    MAP_PRIVATE, a length or an offset that is not a multiple
 *               of the align are refused with EINVAL; a correct MAP_SHARED
 *               mmap succeeds.  Nothing is touched (no page fault), so this
 *               is safe where faults are not (nfit_test, see design.md).
 *     map       the whole device MAP_SHARED: a pattern written in every
 *               page reads back, through this and a second, independent
 *               mapping; a mapping at offset one align unit sees the same
 *               bytes; an access beyond the device's end gets SIGBUS.
 *     pagesize  KernelPageSize and MMUPageSize in /proc/self/smaps equal
 *               the align, and touching the mapping page by page costs
 *               one fault per align unit (getrusage minor faults).
 *     fork      after fork() a child sees the shared mapping (the kernel
 *               copies the vma: Linux 6.1 sets no VM_DONTCOPY on device-DAX);
 *               after madvise(MADV_DONTFORK) the child has no mapping there
 *               and an access kills it with SIGSEGV.
 *     revoke    with the device mapped and touched, run CMD (e.g. daxctl
 *               disable-device DEVICE); print its exit status; then an
 *               access to the existing mapping must get SIGBUS (never the
 *               old data) if CMD succeeded, or still read back if CMD
 *               refused.  Prints "revoke: cmd-exit N sigbus|intact".
 *     revoke-cold  the same, but nothing is touched before CMD, and the
 *               mapping is only read after CMD if CMD succeeded (then the
 *               fault is refused before any page is looked up): safe on
 *               nfit_test, where a served fault is not.
 *     bench     first touch (one write per 4 KiB) of the whole mapping:
 *               prints "bench: bytes B ns T faults F".
 *
 * Usage: dax-contract --file PATH pmd
 *   PATH, a file on a filesystem mounted -o dax whose size is a multiple
 *   of 2 MiB, is DAX (statx STATX_ATTR_DAX), maps MAP_SHARED at a 2 MiB
 *   aligned address, and a write in each 2 MiB costs one fault, after
 *   which writing every 4K page costs none (the faults were PMD faults;
 *   6.1's smaps FilePmdMapped does not count DAX PMDs); the data reads
 *   back through a second mapping.
 * Exit status: 0 the contract holds, 1 it does not (a line says why),
 * 2 bad usage or a device that cannot be checked.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <daxctl/libdaxctl.h>

#define PG 4096UL

static const char *devname;
static int failures;

#define FAIL(...)                                                            \
	do {                                                                 \
		fprintf(stderr, "FAIL: %s: ", devname);                      \
		fprintf(stderr, __VA_ARGS__);                                \
		fputc('\n', stderr);                                         \
		failures++;                                                  \
	} while (0)
#define OK(...)                                                              \
	do {                                                                 \
		printf("ok: ");                                              \
		printf(__VA_ARGS__);                                         \
		putchar('\n');                                               \
	} while (0)

/* ---- touching memory that may not be there ---- */

static sigjmp_buf probe_env;
static volatile sig_atomic_t probe_sig;

static void probe_handler(int sig)
{
	probe_sig = sig;
	siglongjmp(probe_env, 1);
}

/* Read one byte at @p; returns 0 and sets *val, or the signal it got. */
static int probe_read(const volatile uint8_t *p, uint8_t *val)
{
	struct sigaction sa = { .sa_handler = probe_handler }, obus, osegv;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &obus);
	sigaction(SIGSEGV, &sa, &osegv);
	probe_sig = 0;
	if (sigsetjmp(probe_env, 1) == 0)
		*val = *p;
	sigaction(SIGBUS, &obus, NULL);
	sigaction(SIGSEGV, &osegv, NULL);
	return probe_sig;
}

static const char *signame(int sig)
{
	return sig == SIGBUS ? "SIGBUS" : sig == SIGSEGV ? "SIGSEGV" :
	       sig ? "a signal" : "no signal";
}

/* the byte the pattern puts at device offset @off */
static uint8_t pat(unsigned long long off, unsigned seed)
{
	return (uint8_t)((off / PG) * 31 + (off % PG) + seed);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* ---- the device ---- */

struct dev {
	char path[64];
	unsigned long long size;
	unsigned long align;
};

static int find_dev(const char *name, struct dev *d)
{
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;
	struct daxctl_dev *dev, *found = NULL;
	int rc = daxctl_new(&ctx);

	if (rc < 0) {
		fprintf(stderr, "dax-contract: daxctl_new: %s\n", strerror(-rc));
		return -1;
	}
	daxctl_region_foreach(ctx, region)
		daxctl_dev_foreach(region, dev)
			if (strcmp(daxctl_dev_get_devname(dev), name) == 0)
				found = dev;
	rc = -1;
	if (!found) {
		fprintf(stderr, "dax-contract: no dax device named '%s'\n", name);
	} else if (!daxctl_dev_is_enabled(found)) {
		fprintf(stderr, "dax-contract: %s is disabled\n", name);
	} else if (daxctl_dev_is_system_ram_capable(found)) {
		fprintf(stderr, "dax-contract: %s is in system-ram mode\n", name);
	} else {
		d->size = daxctl_dev_get_size(found);
		d->align = daxctl_dev_get_align(found);
		snprintf(d->path, sizeof(d->path), "/dev/%s", name);
		if (d->size == 0 || d->align == 0 || d->size < d->align)
			fprintf(stderr, "dax-contract: %s: size %llu, align %lu: nothing to map\n",
				name, d->size, d->align);
		else
			rc = 0;
	}
	daxctl_unref(ctx);
	return rc;
}

static int open_dev(const struct dev *d)
{
	int fd = open(d->path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "dax-contract: open %s: %s\n", d->path, strerror(errno));
	return fd;
}

static void *map(const struct dev *d, size_t len, off_t off)
{
	int fd = open_dev(d);
	void *p;

	if (fd < 0)
		return MAP_FAILED;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
	if (p == MAP_FAILED)
		FAIL("mmap(len %zu, off %lld, MAP_SHARED): %s", len, (long long)off,
		     strerror(errno));
	close(fd);	/* the mapping keeps the file */
	return p;
}

/* mmap must fail with EINVAL */
static void expect_einval(const struct dev *d, int fd, size_t len, off_t off,
			  int flags, const char *what)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, fd, off);

	if (p != MAP_FAILED) {
		FAIL("%s (len %zu, off %lld) was accepted", what, len, (long long)off);
		munmap(p, len);
	} else if (errno != EINVAL) {
		FAIL("%s: errno %d (%s), expected EINVAL", what, errno, strerror(errno));
	} else {
		OK("%s refused with EINVAL", what);
	}
	(void)d;
}

/* ---- checks ---- */

static void check_refuse(const struct dev *d)
{
	int fd = open_dev(d);
	void *p;

	if (fd < 0) {
		failures++;
		return;
	}
	expect_einval(d, fd, d->align, 0, MAP_PRIVATE, "MAP_PRIVATE");
	if (d->align > PG) {
		expect_einval(d, fd, d->align + PG, 0, MAP_SHARED,
			      "length of align + 4K");
		expect_einval(d, fd, d->align / 2, 0, MAP_SHARED,
			      "length of align / 2");
		expect_einval(d, fd, d->align, PG, MAP_SHARED,
			      "offset of 4K");
	} else {
		/* for a 4K device "a multiple of align" is mmap's own rule */
		expect_einval(d, fd, d->align, 1, MAP_SHARED, "offset of 1 byte");
	}
	p = mmap(NULL, d->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		FAIL("MAP_SHARED of the whole device: %s", strerror(errno));
	else if ((uintptr_t)p % d->align)
		FAIL("mapping at %p is not aligned to %lu", p, d->align);
	else
		OK("MAP_SHARED of %llu bytes at an address aligned to %lu", d->size,
		   d->align);
	if (p != MAP_FAILED)
		munmap(p, d->size);
	close(fd);
}

static void fill(uint8_t *p, unsigned long long base, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i += 512)
		p[i] = pat(base + i, seed);
}

/* the first offset whose byte differs from the pattern, or -1 */
static long long verify(const uint8_t *p, unsigned long long base, size_t len,
			unsigned seed)
{
	for (size_t i = 0; i < len; i += 512)
		if (p[i] != pat(base + i, seed))
			return (long long)i;
	return -1;
}

static void check_map(const struct dev *d)
{
	unsigned seed = (unsigned)getpid();
	uint8_t *a, *b, *c, v;
	long long bad;
	int sig;

	a = map(d, d->size, 0);
	if (a == MAP_FAILED)
		return;
	fill(a, 0, d->size, seed);
	bad = verify(a, 0, d->size, seed);
	if (bad >= 0)
		FAIL("offset %lld reads back %#x, wrote %#x", bad, a[bad], pat(bad, seed));
	else
		OK("whole device (%llu bytes) written and read back", d->size);

	b = map(d, d->size, 0);
	if (b != MAP_FAILED) {
		bad = verify(b, 0, d->size, seed);
		if (bad >= 0)
			FAIL("a second mapping reads %#x at %lld, the first wrote %#x",
			     b[bad], bad, pat(bad, seed));
		else
			OK("a second mapping sees the same bytes");
		munmap(b, d->size);
	}
	if (d->size >= 2 * d->align) {
		c = map(d, d->align, (off_t)d->align);
		if (c != MAP_FAILED) {
			bad = verify(c, d->align, d->align, seed);
			if (bad >= 0)
				FAIL("mapping at offset %lu differs at %lld", d->align, bad);
			else
				OK("a mapping at offset %lu sees the device from there", d->align);
			munmap(c, d->align);
		}
	}
	munmap(a, d->size);

	/* mmap does not check the length against the size: the fault does */
	a = map(d, d->size + d->align, 0);
	if (a != MAP_FAILED) {
		sig = probe_read(a + d->size, &v);
		if (sig != SIGBUS)
			FAIL("an access past the end got %s, expected SIGBUS", signame(sig));
		else
			OK("an access past the device's end gets SIGBUS");
		munmap(a, d->size + d->align);
	}
}

/*
 * KernelPageSize/MMUPageSize (and FilePmdMapped, when @pmd) of the smaps
 * entry that starts at @p, in bytes
 */
static int smaps_entry(const void *p, unsigned long *kps, unsigned long *mps,
		       unsigned long *pmd)
{
	FILE *f = fopen("/proc/self/smaps", "re");
	char line[256];
	unsigned long start, kb;
	int in = 0;

	*kps = *mps = 0;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%*x ", &start) == 1 && strchr(line, '-') &&
		    strchr(line, ' ') > strchr(line, '-')) {
			in = start == (uintptr_t)p;
			continue;
		}
		if (!in)
			continue;
		if (sscanf(line, "KernelPageSize: %lu kB", &kb) == 1)
			*kps = kb * 1024;
		else if (sscanf(line, "MMUPageSize: %lu kB", &kb) == 1)
			*mps = kb * 1024;
		else if (pmd && sscanf(line, "FilePmdMapped: %lu kB", &kb) == 1)
			*pmd = kb * 1024;
	}
	fclose(f);
	return *kps ? 0 : -1;
}

static void check_pagesize(const struct dev *d)
{
	unsigned long kps, mps, units = (unsigned long)(d->size / d->align);
	volatile uint8_t *p = map(d, d->size, 0);
	long f0, f1, f2;

	if (p == MAP_FAILED)
		return;
	if (smaps_entry((void *)p, &kps, &mps, NULL))
		FAIL("no smaps entry for the mapping at %p", (void *)p);
	else if (kps != d->align || mps != d->align)
		FAIL("smaps: KernelPageSize %lu, MMUPageSize %lu; align is %lu", kps,
		     mps, d->align);
	else
		OK("smaps KernelPageSize and MMUPageSize are %lu", kps);

	/* one write per align unit: one fault each */
	f0 = minflt();
	for (unsigned long u = 0; u < units; u++)
		p[u * d->align] = 1;
	f1 = minflt();
	/* every other 4K page: already mapped, no fault at all */
	for (unsigned long long off = 0; off < d->size; off += PG)
		p[off] = 2;
	f2 = minflt();
	if ((unsigned long)(f1 - f0) < units || (unsigned long)(f1 - f0) > units + 16)
		FAIL("touching %lu units of %lu took %ld faults", units, d->align, f1 - f0);
	else if (f2 - f1 > 16)
		FAIL("touching the rest 4K-wise took %ld more faults: not served at %lu",
		     f2 - f1, d->align);
	else
		OK("%lu units touched with %ld faults, then every 4K page with %ld more",
		   units, f1 - f0, f2 - f1);
	munmap((void *)p, d->size);
}

/* fork a child that reads @p: its exit status says what it saw */
static int child_reads(const volatile uint8_t *p, uint8_t want)
{
	pid_t pid = fork();
	int st;

	if (pid < 0) {
		FAIL("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		uint8_t v = *p;	/* no handler: a signal kills the child */
		_exit(v == want ? 0 : 3);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFSIGNALED(st) ? 1000 + WTERMSIG(st) : WEXITSTATUS(st);
}

static void check_fork(const struct dev *d)
{
	uint8_t *p = map(d, d->size, 0);
	int r;

	if (p == MAP_FAILED)
		return;
	p[0] = 0x5a;
	r = child_reads(p, 0x5a);
	if (r == 0)
		OK("without madvise a child inherits the shared mapping and sees its data");
	else
		FAIL("without madvise the child's read gave %d (1000+signal, 3 wrong data)", r);
	if (madvise(p, d->size, MADV_DONTFORK)) {
		FAIL("madvise(MADV_DONTFORK): %s", strerror(errno));
	} else {
		r = child_reads(p, 0x5a);
		if (r == 1000 + SIGSEGV)
			OK("after MADV_DONTFORK the child's access is killed by SIGSEGV");
		else
			FAIL("after MADV_DONTFORK the child's read gave %d, expected SIGSEGV", r);
		if (p[0] != 0x5a)
			FAIL("the parent's mapping changed after the fork");
	}
	munmap(p, d->size);
}

static void check_revoke(const struct dev *d, char **cmd, int cold)
{
	unsigned seed = (unsigned)getpid() + 7;
	uint8_t *p = map(d, d->size, 0), v = 0;
	int st, sig, rc;
	pid_t pid;

	if (p == MAP_FAILED)
		return;
	if (!cold)
		fill(p, 0, d->size, seed);
	pid = fork();
	if (pid < 0) {
		FAIL("fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		execvp(cmd[0], cmd);
		fprintf(stderr, "dax-contract: exec %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st)) {
		FAIL("the command did not exit normally");
		return;
	}
	rc = WEXITSTATUS(st);
	if (cold && rc != 0) {
		printf("revoke: cmd-exit %d not-probed\n", rc);
		OK("the command was refused; the mapping is left untouched");
		munmap(p, d->size);
		return;
	}
	sig = probe_read(p + d->size / 2, &v);
	printf("revoke: cmd-exit %d %s\n", rc, sig == SIGBUS ? "sigbus" :
	       sig ? "other-signal" : "intact");
	if (rc == 0 && sig != SIGBUS)
		FAIL("the device went away but the mapping gave %s (read %#x, pattern %#x)",
		     signame(sig), v, pat(d->size / 2, seed));
	else if (rc != 0 && (sig || v != pat(d->size / 2, seed)))
		FAIL("the command failed, yet the mapping gave %s", signame(sig));
	else if (rc == 0)
		OK("after the command an access to the old mapping gets SIGBUS");
	else
		OK("the command was refused and the mapping is intact");
	munmap(p, d->size);
}

static void check_bench(const struct dev *d)
{
	volatile uint8_t *p = map(d, d->size, 0);
	uint64_t t0, t1;
	long f0, f1;

	if (p == MAP_FAILED)
		return;
	f0 = minflt();
	t0 = now_ns();
	for (unsigned long long off = 0; off < d->size; off += PG)
		p[off] = 1;
	t1 = now_ns();
	f1 = minflt();
	printf("bench: bytes %llu ns %llu faults %ld\n", d->size,
	       (unsigned long long)(t1 - t0), f1 - f0);
	munmap((void *)p, d->size);
}

#define SZ_2M (2UL << 20)

static int check_file_pmd(const char *path)
{
	struct statx stx;
	unsigned long kps, mps, pmd = 0, units;
	uint8_t *raw, *p, *q;
	long f0, f1, f2;
	size_t len;
	long long bad;
	int fd = open(path, O_RDWR | O_CLOEXEC);

	devname = path;
	if (fd < 0) {
		fprintf(stderr, "dax-contract: open %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx)) {
		fprintf(stderr, "dax-contract: statx %s: %s\n", path, strerror(errno));
		return 2;
	}
	len = (size_t)stx.stx_size;
	if (len == 0 || len % SZ_2M) {
		fprintf(stderr, "dax-contract: %s: size %zu is not a multiple of 2 MiB\n", path, len);
		return 2;
	}
	if (!(stx.stx_attributes_mask & STATX_ATTR_DAX) ||
	    !(stx.stx_attributes & STATX_ATTR_DAX))
		FAIL("the file is not DAX (statx attributes %#llx)",
		     (unsigned long long)stx.stx_attributes);
	else
		OK("statx reports STATX_ATTR_DAX");
	/* reserve len + 2M, then put the file at the first 2M boundary */
	raw = mmap(NULL, len + SZ_2M, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED) {
		FAIL("reserving address space: %s", strerror(errno));
		return 1;
	}
	p = (uint8_t *)(((uintptr_t)raw + SZ_2M - 1) & ~(SZ_2M - 1));
	p = mmap(p, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
	if (p == MAP_FAILED) {
		FAIL("mmap of the file: %s", strerror(errno));
		return 1;
	}
	units = len / SZ_2M;
	/* one write per 2M unit, then one per 4K page: PMD faults take no more */
	f0 = minflt();
	for (unsigned long u = 0; u < units; u++)
		p[u * SZ_2M] = 1;
	f1 = minflt();
	for (size_t off = 0; off < len; off += PG)
		p[off] = 2;
	f2 = minflt();
	fill(p, 0, len, 3);
	/* 6.1 counts no DAX (devmap) PMD in FilePmdMapped: reported only */
	smaps_entry(p, &kps, &mps, &pmd);
	if ((unsigned long)(f1 - f0) > units + 16)
		FAIL("%lu units of 2M took %ld faults", units, f1 - f0);
	else if (f2 - f1 > 16)
		FAIL("touching the rest 4K-wise took %ld more faults: not 2M faults", f2 - f1);
	else
		OK("%zu bytes: %ld faults for %lu 2M units, then every 4K page with %ld more (FilePmdMapped %lu)",
		   len, f1 - f0, units, f2 - f1, pmd);
	q = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	if (q == MAP_FAILED) {
		FAIL("second mapping: %s", strerror(errno));
	} else {
		bad = verify(q, 0, len, 3);
		if (bad >= 0)
			FAIL("the second mapping differs at %lld", bad);
		else
			OK("a second mapping reads back what was written");
		munmap(q, len);
	}
	munmap(raw, len + SZ_2M);
	close(fd);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct dev d;
	const char *check;

	if (argc < 3) {
		fprintf(stderr, "usage: dax-contract DEVICE refuse|map|pagesize|fork|revoke|revoke-cold|bench [-- CMD...]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(argv[1], "--file") == 0) {
		if (argc != 4 || strcmp(argv[3], "pmd") != 0) {
			fprintf(stderr, "usage: dax-contract --file PATH pmd\n");
			return 2;
		}
		return check_file_pmd(argv[2]);
	}
	devname = argv[1];
	check = argv[2];
	if (find_dev(devname, &d))
		return 2;
	if (strcmp(check, "refuse") == 0) {
		check_refuse(&d);
	} else if (strcmp(check, "map") == 0) {
		check_map(&d);
	} else if (strcmp(check, "pagesize") == 0) {
		check_pagesize(&d);
	} else if (strcmp(check, "fork") == 0) {
		check_fork(&d);
	} else if (strcmp(check, "revoke") == 0 || strcmp(check, "revoke-cold") == 0) {
		if (argc < 5 || strcmp(argv[3], "--") != 0) {
			fprintf(stderr, "dax-contract: %s needs -- CMD [ARGS...]\n", check);
			return 2;
		}
		check_revoke(&d, argv + 4, strcmp(check, "revoke-cold") == 0);
	} else if (strcmp(check, "bench") == 0) {
		check_bench(&d);
	} else {
		fprintf(stderr, "dax-contract: unknown check '%s'\n", check);
		return 2;
	}
	return failures ? 1 : 0;
}
