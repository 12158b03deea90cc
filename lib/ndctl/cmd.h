/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef LIBNDCTL_CMD_H
#define LIBNDCTL_CMD_H

#include <stddef.h>
#include <stdint.h>

struct ndctl_bus;
struct ndctl_dimm;
struct ndctl_cmd;
struct nd_family;

/*
 * What differs between command kinds.  Every hook is optional: a command
 * without ->submit is one ioctl of its payload, without ->xlat its
 * firmware status is read as an ACPI NVDIMM DSM status.
 */
struct nd_cmd_ops {
	/* the whole exchange with the kernel, when it is more than one ioctl */
	int (*submit)(struct ndctl_cmd *cmd, int fd);
	/* after a successful ioctl: pick results out of the payload */
	void (*done)(struct ndctl_cmd *cmd);
	/* firmware status as a negative errno, 0 for success */
	int (*xlat)(struct ndctl_cmd *cmd);
};

struct ndctl_cmd {
	struct ndctl_bus *bus;
	struct ndctl_dimm *dimm; /* NULL: a bus command on /dev/ndctlN */
	int refcount;
	int type;   /* ND_CMD_*; ND_CMD_CALL for a command of a family */
	int status; /* 1: not submitted, 0: done, < 0: failed (errno) */
	uint32_t firmware_status;
	const struct nd_cmd_ops *ops;
	/* the command this one was derived from (an ars_cap), referenced */
	struct ndctl_cmd *source;

	/*
	 * The ioctl payload.  For ND_CMD_CALL it starts with the struct
	 * nd_cmd_pkg envelope and the family's payload follows.
	 */
	uint8_t *buf;
	size_t size;
	size_t fw_status_off; /* of the 32-bit firmware status in buf */
	uint32_t family, func; /* ND_CMD_CALL only */
	/* a DIMM family's command: which family and which of its kinds */
	const struct nd_family *fam;
	int fam_kind;

	/* label-area commands: the extent within data[config_size] */
	uint32_t config_size, max_xfer;
	uint32_t offset, length;
	uint8_t *data;
};

/* cmd.c: allocation and submission shared by every command kind */
struct ndctl_cmd *nd_cmd_alloc(struct ndctl_bus *bus, struct ndctl_dimm *dimm,
			       int type, size_t size, size_t fw_status_off,
			       const struct nd_cmd_ops *ops);
/*
 * An ND_CMD_CALL command of @family function @func with @in bytes of
 * input and @out of output, the payload zeroed; NULL (logged) when the
 * bus or DIMM does not offer that function.  @fw_status_off is relative
 * to the payload.  A DIMM command takes the DIMM's own family.
 */
struct ndctl_cmd *nd_cmd_new_bus_call(struct ndctl_bus *bus, uint32_t func,
				      size_t in, size_t out,
				      size_t fw_status_off,
				      const struct nd_cmd_ops *ops);
struct ndctl_cmd *nd_cmd_new_dimm_call(struct ndctl_dimm *dimm, uint32_t func,
				       size_t in, size_t out,
				       size_t fw_status_off,
				       const struct nd_cmd_ops *ops);
/* The family's payload (after the envelope) of an ND_CMD_CALL command. */
void *nd_cmd_payload(struct ndctl_cmd *cmd);
/* Where to log about a command, and the name of its target. */
struct ndctl_ctx *nd_cmd_ctx(struct ndctl_cmd *cmd);
const char *nd_cmd_target(struct ndctl_cmd *cmd);
const char *nd_cmd_name(struct ndctl_cmd *cmd);
/* Submitted, with the ioctl and the firmware both reporting success. */
int nd_cmd_succeeded(struct ndctl_cmd *cmd);
/* One ioctl of the command's payload; the firmware status is read back. */
int nd_cmd_ioctl(struct ndctl_cmd *cmd, int fd, void *arg);
/* The ACPI NVDIMM DSM status convention (low 16 bits) as an errno. */
int nd_cmd_xlat_dsm_status(uint32_t status);
/* The DIMM's NFIT command family and function mask (dimm.c). */
int nd_dimm_get_family(struct ndctl_dimm *dimm, unsigned long *dsm_mask);

/* NFIT bus functions of ND_CMD_CALL (ACPI root device _DSM). */
enum {
	NFIT_CMD_TRANSLATE_SPA = 5,
	NFIT_CMD_ARS_INJECT_SET = 7,
	NFIT_CMD_ARS_INJECT_CLEAR = 8,
	NFIT_CMD_ARS_INJECT_GET = 9,
};

#endif
