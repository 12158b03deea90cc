// SPDX-License-Identifier: GPL-2.0-only
/*
 * write-infoblock: build an fsdax ("pfn") or devdax info block the way
 * the kernel's nd_pfn_init() would for a namespace of a given size, and
 * write it (8 KiB: 4 KiB of zeros, then the block, as the established
 * tool does) to disabled namespaces, to a file or to stdout.  Every
 * value is checked and every block computed before the first byte is
 * written, so bad input changes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "lib/ndctl/pfn-info.h"
#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/infoblock.h"
#include "util/size.h"

#define PROG "ndctl write-infoblock"

enum { WIB_SIZE = 8192 };

/* the options as typed */
struct wib_args {
	const char *output, *mode, *size, *align, *uuid, *map, *parent,
		*offset;
	bool std_out;
};

/* the options checked; has_* says the user gave the value */
struct wib_opts {
	enum nd_pfn_kind kind;
	uint32_t map_mode, align, page_size;
	uint64_t size, offset;
	uuid_t uuid, parent;
	bool has_size, has_uuid, has_parent, has_offset;
};

static int parse_mode(const char *s, struct wib_opts *o)
{
	if (!s || !strcmp(s, "fsdax") || !strcmp(s, "memory"))
		o->kind = ND_PFN_KIND_PFN;
	else if (!strcmp(s, "devdax") || !strcmp(s, "dax"))
		o->kind = ND_PFN_KIND_DAX;
	else {
		fprintf(stderr,
			PROG ": %s mode '%s' (expected fsdax or devdax)\n",
			!strcmp(s, "sector") || !strcmp(s, "safe") ||
					!strcmp(s, "raw")
				? "unsupported"
				: "unknown",
			s);
		return -EINVAL;
	}
	return 0;
}

static int parse_args(const struct wib_args *a, struct wib_opts *o)
{
	const char *why = NULL;
	uint64_t v;
	long ps = sysconf(_SC_PAGESIZE);

	memset(o, 0, sizeof(*o));
	o->page_size = ps > 0 ? (uint32_t)ps : 4096;
	if (parse_mode(a->mode, o))
		return -EINVAL;

	if (!a->map || !strcmp(a->map, "dev"))
		o->map_mode = ND_PFN_MODE_PMEM;
	else if (!strcmp(a->map, "mem") || !strcmp(a->map, "memory"))
		o->map_mode = ND_PFN_MODE_RAM;
	else {
		fprintf(stderr,
			PROG ": invalid map location '%s' (expected mem or dev)\n",
			a->map);
		return -EINVAL;
	}

	if (a->size) {
		if (parse_size64(a->size, &o->size, &why) < 0) {
			fprintf(stderr, PROG ": invalid size '%s': %s\n",
				a->size, why ? why : "not a size");
			return -EINVAL;
		}
		if (!o->size || o->size % o->page_size) {
			fprintf(stderr,
				PROG ": invalid size '%s': not a non-zero multiple of the page size (%u)\n",
				a->size, o->page_size);
			return -EINVAL;
		}
		o->has_size = true;
	}

	/* the established default; the kernel's default for both modes */
	o->align = SZ_2M;
	if (a->align) {
		if (parse_size64(a->align, &v, &why) < 0) {
			fprintf(stderr, PROG ": invalid alignment '%s': %s\n",
				a->align, why ? why : "not a size");
			return -EINVAL;
		}
		if (!is_power_of_2(v) || v < o->page_size || v > 1u << 31) {
			fprintf(stderr,
				PROG ": invalid alignment '%s': not a power of two from the page size (%u) to 2G\n",
				a->align, o->page_size);
			return -EINVAL;
		}
		o->align = (uint32_t)v;
	}

	if (a->uuid) {
		if (uuid_parse(a->uuid, o->uuid)) {
			fprintf(stderr, PROG ": invalid uuid '%s'\n", a->uuid);
			return -EINVAL;
		}
		o->has_uuid = true;
	}
	if (a->parent) {
		if (uuid_parse(a->parent, o->parent)) {
			fprintf(stderr, PROG ": invalid parent uuid '%s'\n",
				a->parent);
			return -EINVAL;
		}
		o->has_parent = true;
	}

	if (a->offset) {
		if (parse_size64(a->offset, &o->offset, &why) < 0) {
			fprintf(stderr, PROG ": invalid offset '%s': %s\n",
				a->offset, why ? why : "not a size");
			return -EINVAL;
		}
		o->has_offset = true;
	}
	return 0;
}

/*
 * The block for @size bytes at physical @start.  @what names the target
 * in the one-line error.
 */
static int build(const struct wib_opts *o, const char *what, uint64_t start,
		 uint64_t size, const uint8_t *parent, uint8_t *buf)
{
	struct nd_pfn_geometry g = {
		.start = start,
		.size = size,
		.align = o->align,
		.mode = o->map_mode,
		.page_size = o->page_size,
	};
	struct nd_pfn_info info = { .kind = o->kind };
	enum nd_pfn_layout_err e;

	e = nd_pfn_info_layout(&info, &g);
	if (e != ND_PFN_LAYOUT_OK) {
		fprintf(stderr,
			PROG ": %s: %s (size %llu, align %u, start %#llx)\n",
			what, nd_pfn_layout_err_str(e),
			(unsigned long long)size, o->align,
			(unsigned long long)start);
		return -EINVAL;
	}
	if (o->has_uuid)
		memcpy(info.uuid, o->uuid, sizeof(info.uuid));
	else
		uuid_generate(info.uuid);
	memcpy(info.parent_uuid, parent, sizeof(info.parent_uuid));
	memset(buf, 0, WIB_SIZE);
	return nd_pfn_info_build(buf + ND_PFN_INFO_OFFSET, ND_PFN_INFO_SIZE,
				 &info);
}

static int write_all(int fd, const uint8_t *buf, bool seek)
{
	size_t done = 0;
	ssize_t n;

	while (done < WIB_SIZE) {
		if (seek)
			n = pwrite(fd, buf + done, WIB_SIZE - done, (off_t)done);
		else
			n = write(fd, buf + done, WIB_SIZE - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		done += (size_t)n;
	}
	return 0;
}

/* write the 8 KiB at the start of @path and make it durable */
static int write_at_start(const char *path, int flags, const uint8_t *buf)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | flags, 0644);
	int rc;

	if (fd < 0)
		return -errno;
	rc = write_all(fd, buf, true);
	if (!rc && fsync(fd) < 0)
		rc = -errno;
	if (close(fd) < 0 && !rc)
		rc = -errno;
	return rc;
}

/* --output FILE: its size is the image size unless --size says */
static int to_file(const char *path, const struct wib_opts *o)
{
	static const uuid_t null_uuid;
	uint8_t buf[WIB_SIZE];
	uint64_t size = o->size, dev_size = 0;
	struct stat st;
	int fd, rc;

	if (stat(path, &st) < 0) {
		if (errno != ENOENT) {
			fprintf(stderr, PROG ": %s: %s\n", path,
				strerror(errno));
			return -errno;
		}
		if (!o->has_size) {
			fprintf(stderr,
				PROG ": %s does not exist: give the image size with --size\n",
				path);
			return -EINVAL;
		}
	} else if (S_ISREG(st.st_mode)) {
		if (!o->has_size && !st.st_size) {
			fprintf(stderr,
				PROG ": %s is empty: give the image size with --size\n",
				path);
			return -EINVAL;
		}
		if (!o->has_size)
			size = (uint64_t)st.st_size;
	} else if (S_ISBLK(st.st_mode)) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || ioctl(fd, BLKGETSIZE64, &dev_size) < 0) {
			rc = -errno;
			fprintf(stderr, PROG ": %s: reading the device size failed: %s\n",
				path, strerror(-rc));
			if (fd >= 0)
				close(fd);
			return rc;
		}
		close(fd);
		if (o->has_size && size > dev_size) {
			fprintf(stderr,
				PROG ": %s: size %llu is larger than the device (%llu)\n",
				path, (unsigned long long)size,
				(unsigned long long)dev_size);
			return -EINVAL;
		}
		if (!o->has_size)
			size = dev_size;
	} else {
		fprintf(stderr, PROG ": %s: not a regular file or block device\n",
			path);
		return -EINVAL;
	}

	rc = build(o, path, o->offset, size,
		   o->has_parent ? o->parent : null_uuid, buf);
	if (rc)
		return rc;
	rc = write_at_start(path, O_CREAT, buf);
	if (rc)
		fprintf(stderr, PROG ": %s: writing the info block failed: %s\n",
			path, strerror(-rc));
	return rc;
}

static int to_stdout(const struct wib_opts *o)
{
	static const uuid_t null_uuid;
	uint8_t buf[WIB_SIZE];
	int rc;

	rc = build(o, "<stdout>", o->offset, o->size,
		   o->has_parent ? o->parent : null_uuid, buf);
	if (rc)
		return rc;
	rc = write_all(STDOUT_FILENO, buf, false);
	if (rc)
		fprintf(stderr, PROG ": writing to stdout failed: %s\n",
			strerror(-rc));
	return rc;
}

/*
 * A namespace's block: by default for its whole size, at its physical
 * address (so that the data offset and end fall on the boundaries the
 * kernel checks even when the namespace does not start on one of align),
 * with the namespace's uuid as parent.
 */
static int ns_block(struct ndctl_namespace *ndns, const struct wib_opts *o,
		    uint8_t *buf)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	uint64_t ns_size = ndctl_namespace_get_size(ndns);
	uint64_t size = ns_size, start = o->offset;
	unsigned long long res;
	uuid_t parent;

	if (!ns_size) {
		fprintf(stderr, PROG ": %s: namespace has no capacity\n", dev);
		return -ENXIO;
	}
	if (o->has_size) {
		if (o->size > ns_size) {
			fprintf(stderr,
				PROG ": %s: size %llu is larger than the namespace (%llu)\n",
				dev, (unsigned long long)o->size,
				(unsigned long long)ns_size);
			return -EINVAL;
		}
		size = o->size;
	}
	if (!o->has_offset) {
		res = ndctl_namespace_get_resource(ndns);
		start = res == ULLONG_MAX ? 0 : res;
	}
	if (o->has_parent)
		memcpy(parent, o->parent, sizeof(parent));
	else
		ndctl_namespace_get_uuid(ndns, parent);
	return build(o, dev, start, size, parent, buf);
}

static int write_raw(struct ndctl_namespace *ndns, const char *bdev,
		     void *arg)
{
	/* O_EXCL: nobody else may have the raw device open while we write */
	int rc = write_at_start(bdev, O_EXCL, arg);

	if (rc)
		fprintf(stderr, PROG ": %s: writing the info block to %s failed: %s\n",
			ndctl_namespace_get_devname(ndns), bdev, strerror(-rc));
	return rc;
}

static int to_namespace(struct ndctl_namespace *ndns, uint8_t *buf)
{
	const char *dev = ndctl_namespace_get_devname(ndns);
	int rc;

	if (ndctl_namespace_is_active(ndns)) {
		fprintf(stderr, PROG ": %s: namespace is enabled, disable it first\n",
			dev);
		return -EBUSY;
	}
	/*
	 * A personality left attached (disabled) would keep the namespace
	 * from enabling raw, and its settings would be checked against the
	 * new block on the next enable (a uuid mismatch makes the kernel
	 * write a fresh block of its own): release it, as the established
	 * tool does after writing.  The block on the media stays.
	 */
	if (ndctl_namespace_get_pfn(ndns) || ndctl_namespace_get_dax(ndns) ||
	    ndctl_namespace_get_btt(ndns)) {
		rc = ndctl_namespace_disable_invalidate(ndns);
		if (rc < 0) {
			fprintf(stderr, PROG ": %s: releasing its personality failed: %s\n",
				dev, strerror(-rc));
			return rc;
		}
	}
	return ib_with_raw_namespace(ndns, PROG, write_raw, buf);
}

static bool any_all(int n, const char **names)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], "all"))
			return true;
	return false;
}

int cmd_write_infoblock(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = {
		"ndctl write-infoblock <namespace>... [<options>]",
		"ndctl write-infoblock {-o <file> | -c -s <size>} [<options>]",
		NULL
	};
	struct nd_filter f = { 0 };
	struct wib_args a = { 0 };
	int verbose = 0;
	struct option opts[] = {
		OPT_STRING('b', "bus", &f.bus, "bus-id",
			   "only namespaces on this bus (id or provider)"),
		OPT_STRING('r', "region", &f.region, "region-id",
			   "only namespaces in this region"),
		OPT_INCR('v', "verbose", &verbose,
			 "log library debug messages on stderr"),
		OPT_STRING('o', "output", &a.output, "output-file",
			   "write the info block to this file (an image)"),
		OPT_BOOLEAN('c', "stdout", &a.std_out,
			    "write the info block to stdout (needs --size)"),
		OPT_STRING('m', "mode", &a.mode, "operation-mode",
			   "fsdax or devdax (default fsdax)"),
		OPT_STRING('s', "size", &a.size, "size",
			   "image size (default: the namespace's or file's)"),
		OPT_STRING('a', "align", &a.align, "align",
			   "the align to record (default 2M)"),
		OPT_STRING('u', "uuid", &a.uuid, "uuid",
			   "uuid of the info block (default: generated)"),
		OPT_STRING('M', "map", &a.map, "memmap-location",
			   "page map in 'mem' or on the 'dev' (default dev)"),
		OPT_STRING('p', "parent-uuid", &a.parent, "parent-uuid",
			   "parent uuid (default: the namespace's, or zero)"),
		OPT_STRING('O', "offset", &a.offset, "offset",
			   "EXPERT/DEBUG: physical start to lay out for"),
		OPT_END(),
	};
	struct ndctl_namespace **nss = NULL;
	struct wib_opts o;
	uint8_t *bufs = NULL;
	bool all;
	int n, i, nns, rc = 0, wrote = 0, used = 0;

	n = nd_parse_options(argc, argv, opts, usage, PROG);
	if (verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (a.output && a.std_out) {
		fprintf(stderr, PROG ": --output and --stdout are exclusive\n");
		return EXIT_USAGE;
	}
	if (n && (a.output || a.std_out)) {
		fprintf(stderr,
			PROG ": specify a namespace, --output or --stdout, not several\n");
		return EXIT_USAGE;
	}
	if (!n && !a.output && !a.std_out) {
		fprintf(stderr,
			PROG ": specify a namespace, --output FILE or --stdout\n");
		return EXIT_USAGE;
	}
	if (a.std_out && !a.size) {
		fprintf(stderr, PROG ": --stdout needs the image size (--size)\n");
		return EXIT_USAGE;
	}
	if (parse_args(&a, &o))
		return EXIT_USAGE;
	/*
	 * The kernel refuses a namespace that does not start on the compat
	 * alignment; a block laid out for such a start is never accepted.
	 */
	if (o.has_offset && o.offset % ND_PFN_COMPAT_ALIGN) {
		fprintf(stderr,
			PROG ": invalid offset '%s': not 2 MiB aligned (the kernel needs namespaces to start on 2 MiB)\n",
			a.offset);
		return EXIT_USAGE;
	}

	if (a.std_out)
		rc = to_stdout(&o);
	else if (a.output)
		rc = to_file(a.output, &o);
	if (!n) {
		if (!rc)
			fprintf(stderr, "wrote 1 infoblock\n");
		return rc ? 1 : 0;
	}

	nns = ib_collect_namespaces(ctx, &f, n, argv, PROG, &nss);
	if (nns < 0)
		return 1;
	all = any_all(n, argv);
	bufs = calloc((size_t)nns, WIB_SIZE);
	if (!bufs) {
		fprintf(stderr, PROG ": %s\n", strerror(ENOMEM));
		free(nss);
		return 1;
	}
	/* every block first: one bad namespace and nothing is written */
	for (i = 0; i < nns && !rc; i++) {
		/* "all" leaves out the idle seed namespaces */
		if (all && !ndctl_namespace_get_size(nss[i]))
			continue;
		nss[used] = nss[i];
		rc = ns_block(nss[i], &o, bufs + (size_t)used * WIB_SIZE);
		used++;
	}
	for (i = 0; i < used && !rc; i++) {
		rc = to_namespace(nss[i], bufs + (size_t)i * WIB_SIZE);
		if (!rc)
			wrote++;
	}
	free(bufs);
	free(nss);
	if (!rc)
		fprintf(stderr, "wrote %d infoblock%s\n", wrote,
			wrote == 1 ? "" : "s");
	return rc ? 1 : 0;
}
