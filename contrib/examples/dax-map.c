// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dax-map: how an application maps a device-DAX device correctly.
 *
 * Build against the installed library:
 *   cc -o dax-map dax-map.c $(pkg-config --cflags --libs libdaxctl)
 *
 * Usage: dax-map [-d DEVICE | -n NODE] [-o OFFSET] [-l LENGTH] [-w]
 *   -d DEVICE  the device to map, e.g. dax0.1
 *   -n NODE    the first enabled devdax device whose memory belongs to
 *              NUMA node NODE (its target node)
 *   -o OFFSET  where in the device to start (rounded down to the align)
 *   -l LENGTH  how much to map (rounded up to the align; default: to the
 *              end of the device)
 *   -w         write a pattern into the mapping and read it back; without
 *              it the device is mapped read-only and only read
 *
 * What device-DAX asks of a mapping, and what this program does about it:
 *  - the mapping must be MAP_SHARED: the kernel refuses MAP_PRIVATE with
 *    EINVAL (there is no page cache to copy pages from);
 *  - its offset and length must be multiples of the device's align (4K,
 *    2M or 1G): the kernel refuses anything else with EINVAL, and in
 *    return it serves every fault at exactly that size;
 *  - the kernel does not check the length against the device's size at
 *    mmap time: an access past the end gets SIGBUS, so clamp it yourself;
 *  - a child after fork() inherits the mapping like any shared mapping;
 *    call madvise(MADV_DONTFORK) if it must not;
 *  - when the device is disabled or its namespace goes away while it is
 *    mapped, the mapping stays but every access gets SIGBUS.
 * Exit status: 0 mapped, 1 the device cannot be mapped (the message says
 * why), 2 bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <daxctl/libdaxctl.h>

static int usage(void)
{
	fprintf(stderr, "usage: dax-map [-d DEVICE | -n NODE] [-o OFFSET] [-l LENGTH] [-w]\n");
	return 2;
}

/* a size: a number with an optional K, M, G suffix (powers of 1024) */
static int parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *s == '-')
		return -1;
	switch (*end) {
	case 'G': case 'g': shift = 30; break;
	case 'M': case 'm': shift = 20; break;
	case 'K': case 'k': shift = 10; break;
	}
	if (shift) {
		if (v > (~0ULL >> shift))
			return -1;
		v <<= shift;
		end++;
	}
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/* Is @dev a device this program may map?  Says why not. */
static int mappable(struct daxctl_dev *dev, int quiet)
{
	const char *name = daxctl_dev_get_devname(dev);

	if (!daxctl_dev_is_enabled(dev)) {
		if (!quiet)
			fprintf(stderr, "dax-map: %s is disabled: enable it first (daxctl enable-device %s)\n",
				name, name);
		return 0;
	}
	if (daxctl_dev_is_system_ram_capable(dev)) {
		/* bound to kmem: the memory is the kernel's, there is no /dev node */
		if (!quiet)
			fprintf(stderr, "dax-map: %s is in system-ram mode: it is managed as RAM and cannot be mapped (daxctl reconfigure-device -m devdax %s)\n",
				name, name);
		return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	const char *want = NULL;
	long node = -2;
	unsigned long long off = 0, len = 0, size, align;
	int opt, do_write = 0, rc = 1, fd = -1;
	struct daxctl_ctx *ctx;
	struct daxctl_region *region;
	struct daxctl_dev *dev, *found = NULL;
	char path[64], *end;
	uint8_t *map = MAP_FAILED;

	while ((opt = getopt(argc, argv, "d:n:o:l:w")) != -1) {
		switch (opt) {
		case 'd': want = optarg; break;
		case 'n':
			node = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || node < 0) {
				fprintf(stderr, "dax-map: -n '%s' is not a node number\n", optarg);
				return 2;
			}
			break;
		case 'o':
		case 'l':
			if (parse_size(optarg, opt == 'o' ? &off : &len)) {
				fprintf(stderr, "dax-map: -%c '%s' is not a size\n", opt, optarg);
				return 2;
			}
			break;
		case 'w': do_write = 1; break;
		default: return usage();
		}
	}
	/* exactly one of -d and -n */
	if (optind != argc || (want != NULL) == (node != -2))
		return usage();

	/* The library reads sysfs; it needs no privileges for this. */
	rc = daxctl_new(&ctx);
	if (rc < 0) {
		fprintf(stderr, "dax-map: cannot start libdaxctl: %s\n", strerror(-rc));
		return 1;
	}
	rc = 1;
	daxctl_region_foreach(ctx, region) {
		daxctl_dev_foreach(region, dev) {
			if (found)
				break;
			if (want && strcmp(daxctl_dev_get_devname(dev), want) == 0)
				found = dev;
			else if (!want && daxctl_dev_get_target_node(dev) == node &&
				 mappable(dev, 1))
				found = dev;
		}
	}
	if (!found) {
		if (want)
			fprintf(stderr, "dax-map: there is no dax device named '%s'\n", want);
		else
			fprintf(stderr, "dax-map: no enabled devdax device has target node %ld\n", node);
		goto out;
	}
	if (!mappable(found, 0))
		goto out;

	/* size and align are the kernel's current values, read on each call */
	size = daxctl_dev_get_size(found);
	align = daxctl_dev_get_align(found);
	if (align == 0 || size < align) {
		fprintf(stderr, "dax-map: %s: size %llu is less than one align unit (%llu): nothing can be mapped\n",
			daxctl_dev_get_devname(found), size, align);
		goto out;
	}
	/* round the window to whole align units, inside the device */
	if (off % align)
		printf("offset %llu rounded down to %llu (align %llu)\n", off,
		       off / align * align, align);
	off = off / align * align;
	if (off >= size) {
		fprintf(stderr, "dax-map: offset %llu is at or past the end of the device (%llu bytes)\n",
			off, size);
		goto out;
	}
	if (len > size)
		len = size;	/* clamped below; no overflow when rounding */
	if (len % align) {
		printf("length %llu rounded up to %llu (align %llu)\n", len,
		       (len + align - 1) / align * align, align);
		len = (len + align - 1) / align * align;
	}
	if (len == 0 || len > size - off) {
		if (len)
			printf("length %llu clamped to the end of the device\n", len);
		len = (size - off) / align * align;
	}
	if (len == 0) {
		fprintf(stderr, "dax-map: less than one align unit (%llu) is left after offset %llu\n",
			align, off);
		goto out;
	}

	snprintf(path, sizeof(path), "/dev/%s", daxctl_dev_get_devname(found));
	fd = open(path, do_write ? O_RDWR : O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "dax-map: cannot open %s: %s\n", path, strerror(errno));
		goto out;
	}
	map = mmap(NULL, len, do_write ? PROT_READ | PROT_WRITE : PROT_READ,
		   MAP_SHARED, fd, (off_t)off);
	if (map == MAP_FAILED) {
		fprintf(stderr, "dax-map: mmap of %s (offset %llu, length %llu): %s\n",
			path, off, len, strerror(errno));
		goto out;
	}
	printf("%s: mapped %llu bytes at offset %llu, align %llu (%llu units)\n",
	       path, len, off, align, len / align);

	/* one access per align unit: each costs exactly one fault */
	for (unsigned long long u = 0; u < len; u += align) {
		if (do_write)
			map[u] = (uint8_t)(u / align + 1);
		else
			(void)*(volatile uint8_t *)&map[u];
	}
	if (do_write) {
		for (unsigned long long u = 0; u < len; u += align) {
			if (map[u] != (uint8_t)(u / align + 1)) {
				fprintf(stderr, "dax-map: byte at %llu does not read back\n", off + u);
				goto out;
			}
		}
		printf("wrote and read back one byte in each unit\n");
	} else {
		printf("read one byte in each unit\n");
	}
	rc = 0;
out:
	if (map != MAP_FAILED)
		munmap(map, len);
	if (fd >= 0)
		close(fd);
	daxctl_unref(ctx);
	return rc;
}
