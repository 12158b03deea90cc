// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vendor-specific command's payload, as the kernel's ND_IOCTL_VENDOR
 * reads and writes it (include/uapi/linux/ndctl.h): a header
 * { u32 opcode; u32 in_length; u8 in_buf[in_length] } immediately followed
 * by a tail { u32 status; u32 out_length; u8 out_buf[out_length] }, where
 * the caller fills out_length with the room it has and the firmware returns
 * its status there.  No kernel: this program runs under umockdev on a
 * recorded nfit_test tree whose DIMMs advertise "vendor", and defines
 * ioctl() itself, so that the library's ND_IOCTL_VENDOR lands here (the
 * executable's definition comes first in symbol lookup) and is checked and
 * answered like a firmware would.  Other ioctls go on to the next ioctl().
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <ndctl/libndctl.h>
#include <ndctl/ndctl.h>

static int failures;

#define check(cond, ...)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "vendor-payload: %d: ", __LINE__);   \
			fprintf(stderr, __VA_ARGS__);                        \
			fputc('\n', stderr);                                 \
			failures++;                                          \
		}                                                            \
	} while (0)

/* what the "firmware" expects and answers */
static struct {
	unsigned int calls;
	uint32_t opcode, in_len, out_room;
	unsigned char in[64];
	uint32_t status, out_len;
	unsigned char out[64];
	int fail_errno;
} fw;

static int vendor_ioctl(unsigned char *p)
{
	uint32_t opcode, in_len, status_field, out_room;

	fw.calls++;
	if (fw.fail_errno) {
		errno = fw.fail_errno;
		return -1;
	}
	memcpy(&opcode, p, 4);
	memcpy(&in_len, p + 4, 4);
	check(opcode == fw.opcode, "opcode %#x, expected %#x", opcode, fw.opcode);
	check(in_len == fw.in_len, "in_length %u, expected %u", in_len, fw.in_len);
	if (in_len != fw.in_len)
		return 0;
	check(memcmp(p + 8, fw.in, in_len) == 0, "in_buf differs");
	/* the tail follows the input bytes directly */
	memcpy(&status_field, p + 8 + in_len, 4);
	memcpy(&out_room, p + 8 + in_len + 4, 4);
	check(out_room == fw.out_room, "out_length %u, expected %u", out_room,
	      fw.out_room);
	memcpy(p + 8 + in_len, &fw.status, 4);
	memcpy(p + 8 + in_len + 4, &fw.out_len, 4);
	memcpy(p + 8 + in_len + 8, fw.out,
	       fw.out_len < out_room ? fw.out_len : out_room);
	return 0;
}

__attribute__((visibility("default"))) int ioctl(int fd, unsigned long req, ...)
{
	static int (*next)(int, unsigned long, ...);
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (req == ND_IOCTL_VENDOR)
		return vendor_ioctl(arg);
	if (!next)
		next = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	if (!next) {
		errno = ENOSYS;
		return -1;
	}
	return next(fd, req, arg);
}

static void round_trip(struct ndctl_dimm *dimm, uint32_t opcode,
		       unsigned int in_len, unsigned int out_room,
		       unsigned int out_len)
{
	unsigned char got[64];
	struct ndctl_cmd *cmd;
	unsigned int i, calls = fw.calls;
	ssize_t n;
	int rc;

	fw.opcode = opcode;
	fw.in_len = in_len;
	fw.out_room = out_room;
	fw.status = 0;
	fw.out_len = out_len;
	for (i = 0; i < in_len; i++)
		fw.in[i] = (unsigned char)(0xa0 + i);
	for (i = 0; i < sizeof(fw.out); i++)
		fw.out[i] = (unsigned char)(0x30 + i);

	cmd = ndctl_dimm_cmd_new_vendor_specific(dimm, opcode, in_len, out_room);
	check(cmd != NULL, "create %u/%u", in_len, out_room);
	if (!cmd)
		return;
	check(ndctl_cmd_get_type(cmd) == ND_CMD_VENDOR, "type %d",
	      ndctl_cmd_get_type(cmd));
	n = ndctl_cmd_vendor_set_input(cmd, fw.in, in_len);
	check(n == (ssize_t)in_len, "set_input %zd", n);
	if (in_len) {
		n = ndctl_cmd_vendor_set_input(cmd, fw.in, in_len + 1);
		check(n < 0 || n == (ssize_t)in_len,
		      "set_input past the input size gave %zd", n);
		/* whatever happened, the payload must be intact */
		check(ndctl_cmd_vendor_set_input(cmd, fw.in, in_len) ==
			      (ssize_t)in_len, "set_input again");
	}
	rc = ndctl_cmd_submit(cmd);
	check(rc == 0, "submit %d", rc);
	check(fw.calls == calls + 1, "%u ioctls for one submit", fw.calls - calls);
	check(ndctl_cmd_get_firmware_status(cmd) == 0, "firmware status %#x",
	      ndctl_cmd_get_firmware_status(cmd));
	n = ndctl_cmd_vendor_get_output_size(cmd);
	check(n == (ssize_t)(out_len < out_room ? out_len : out_room),
	      "output size %zd (firmware wrote %u into %u)", n, out_len, out_room);
	memset(got, 0, sizeof(got));
	n = ndctl_cmd_vendor_get_output(cmd, got, sizeof(got));
	check(n == (ssize_t)(out_len < out_room ? out_len : out_room),
	      "get_output %zd", n);
	check(n < 0 || memcmp(got, fw.out, n) == 0, "output bytes differ");
	if (n > 1) {
		memset(got, 0, sizeof(got));
		check(ndctl_cmd_vendor_get_output(cmd, got, 1) == 1,
		      "get_output into a 1-byte buffer");
		check(got[0] == fw.out[0] && got[1] == 0,
		      "1-byte get_output copied %#x %#x", got[0], got[1]);
	}
	ndctl_cmd_unref(cmd);
	printf("vendor %#x in=%u out=%u/%u: ok\n", opcode, in_len, out_len, out_room);
}

int main(void)
{
	struct ndctl_ctx *ctx;
	struct ndctl_dimm *dimm = NULL, *d;
	struct ndctl_bus *bus;
	struct ndctl_cmd *cmd;
	int rc;

	if (ndctl_new(&ctx) < 0)
		return 1;
	ndctl_bus_foreach(ctx, bus)
		ndctl_dimm_foreach(bus, d)
			if (!dimm && ndctl_dimm_is_cmd_supported(d, ND_CMD_VENDOR))
				dimm = d;
	if (!dimm) {
		fprintf(stderr, "vendor-payload: no DIMM advertises vendor commands (fixture?)\n");
		return 1;
	}
	round_trip(dimm, 0x12345678, 16, 32, 32);
	round_trip(dimm, 0x1, 0, 8, 8);
	round_trip(dimm, 0x2, 7, 0, 0);
	round_trip(dimm, 0x3, 5, 13, 13);
	/* the firmware answers less than the room given */
	round_trip(dimm, 0x4, 4, 32, 8);

	/* a firmware status comes back as such */
	cmd = ndctl_dimm_cmd_new_vendor_specific(dimm, 0x5, 4, 4);
	check(cmd != NULL, "create");
	if (cmd) {
		fw.opcode = 0x5;
		fw.in_len = 4;
		fw.out_room = 4;
		fw.status = 0x3;
		fw.out_len = 0;
		memset(fw.in, 0, 4);
		check(ndctl_cmd_vendor_set_input(cmd, fw.in, 4) == 4, "input");
		rc = ndctl_cmd_submit(cmd);
		check(rc >= 0, "submit %d", rc);
		check(ndctl_cmd_get_firmware_status(cmd) == 3,
		      "firmware status %#x, expected 0x3",
		      ndctl_cmd_get_firmware_status(cmd));
		ndctl_cmd_unref(cmd);
	}
	/* an ioctl error comes back as a negative errno */
	cmd = ndctl_dimm_cmd_new_vendor_specific(dimm, 0x6, 4, 4);
	if (cmd) {
		fw.fail_errno = ENOTTY;
		rc = ndctl_cmd_submit(cmd);
		check(rc == -ENOTTY, "submit with a failing ioctl: %d", rc);
		fw.fail_errno = 0;
		ndctl_cmd_unref(cmd);
	}
	/* sizes whose total does not fit the kernel's 32-bit fields */
	check(ndctl_dimm_cmd_new_vendor_specific(dimm, 1, UINT32_MAX, 1) == NULL,
	      "4 GiB of input accepted");
	check(ndctl_dimm_cmd_new_vendor_specific(dimm, 1, 1, (size_t)UINT32_MAX + 1) == NULL,
	      "4 GiB of output accepted");
	ndctl_unref(ctx);
	if (!failures)
		printf("vendor payload layout: ok\n");
	return failures ? 1 : 0;
}
