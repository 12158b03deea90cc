// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The command submission core: every bus and DIMM command is a payload
 * handed to the kernel through an ioctl on /dev/ndctlN (bus) or
 * /dev/nmemN (DIMM).  Command kinds (labels, ARS, vendor, the NFIT bus
 * functions, the DIMM families) build their payload here and add only
 * what differs through struct nd_cmd_ops.
 *
 * Before building a command we check the "commands" mask (and for
 * ND_CMD_CALL the function mask) the kernel publishes, as the kernel
 * itself checks them: an unsupported command is refused with a log line
 * instead of an ENOTTY that names nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

struct ndctl_ctx *nd_cmd_ctx(struct ndctl_cmd *cmd)
{
	return cmd->bus->ctx;
}

const char *nd_cmd_target(struct ndctl_cmd *cmd)
{
	return cmd->dimm ? cmd->dimm->devname : cmd->bus->devname;
}

const char *nd_cmd_name(struct ndctl_cmd *cmd)
{
	static const char *const nfit[] = {
		[NFIT_CMD_TRANSLATE_SPA] = "translate_spa",
		[NFIT_CMD_ARS_INJECT_SET] = "ars_inject_set",
		[NFIT_CMD_ARS_INJECT_CLEAR] = "ars_inject_clear",
		[NFIT_CMD_ARS_INJECT_GET] = "ars_inject_get",
	};

	if (cmd->type == ND_CMD_CALL && !cmd->dimm &&
	    cmd->family == NVDIMM_BUS_FAMILY_NFIT &&
	    cmd->func < sizeof(nfit) / sizeof(nfit[0]) && nfit[cmd->func])
		return nfit[cmd->func];
	if (cmd->type == ND_CMD_CALL)
		return "cmd_call";
	return cmd->dimm ? nvdimm_cmd_name(cmd->type) :
			   nvdimm_bus_cmd_name(cmd->type);
}

struct ndctl_cmd *nd_cmd_alloc(struct ndctl_bus *bus, struct ndctl_dimm *dimm,
			       int type, size_t size, size_t fw_status_off,
			       const struct nd_cmd_ops *ops)
{
	struct ndctl_cmd *cmd = calloc(1, sizeof(*cmd));

	if (!cmd)
		return NULL;
	if (size) {
		cmd->buf = calloc(1, size);
		if (!cmd->buf) {
			free(cmd);
			return NULL;
		}
	}
	cmd->bus = bus;
	cmd->dimm = dimm;
	cmd->type = type;
	cmd->size = size;
	cmd->fw_status_off = fw_status_off;
	cmd->ops = ops;
	cmd->refcount = 1;
	/* positive: built but not (successfully) submitted yet */
	cmd->status = 1;
	return cmd;
}

static struct ndctl_cmd *new_call(struct ndctl_bus *bus,
				  struct ndctl_dimm *dimm, uint32_t family,
				  uint32_t func, size_t in, size_t out,
				  size_t fw_status_off,
				  const struct nd_cmd_ops *ops)
{
	size_t env = sizeof(struct nd_cmd_pkg);
	struct nd_cmd_pkg *pkg;
	struct ndctl_cmd *cmd;

	if (in > UINT32_MAX - out || fw_status_off + 4 > in + out)
		return NULL;
	cmd = nd_cmd_alloc(bus, dimm, ND_CMD_CALL, env + in + out,
			   env + fw_status_off, ops);
	if (!cmd)
		return NULL;
	cmd->family = family;
	cmd->func = func;
	pkg = (struct nd_cmd_pkg *)cmd->buf;
	pkg->nd_family = family;
	pkg->nd_command = func;
	pkg->nd_size_in = (uint32_t)in;
	pkg->nd_size_out = (uint32_t)out;
	return cmd;
}

struct ndctl_cmd *nd_cmd_new_bus_call(struct ndctl_bus *bus, uint32_t func,
				      size_t in, size_t out,
				      size_t fw_status_off,
				      const struct nd_cmd_ops *ops)
{
	if (!ndctl_bus_is_cmd_supported(bus, ND_CMD_CALL) ||
	    !ndctl_bus_is_nfit_cmd_supported(bus, (int)func)) {
		nd_dbg(bus->ctx, "%s: no NFIT bus function %u\n", bus->devname,
		       func);
		return NULL;
	}
	return new_call(bus, NULL, NVDIMM_BUS_FAMILY_NFIT, func, in, out,
			fw_status_off, ops);
}

struct ndctl_cmd *nd_cmd_new_dimm_call(struct ndctl_dimm *dimm, uint32_t func,
				       size_t in, size_t out,
				       size_t fw_status_off,
				       const struct nd_cmd_ops *ops)
{
	unsigned long mask = 0;
	int family = nd_dimm_get_family(dimm, &mask);

	if (family < 0 || !ndctl_dimm_is_cmd_supported(dimm, ND_CMD_CALL) ||
	    func >= sizeof(mask) * 8 || !(mask & (1UL << func))) {
		nd_dbg(dimm->bus->ctx, "%s: no DIMM function %u\n",
		       dimm->devname, func);
		return NULL;
	}
	return new_call(dimm->bus, dimm, (uint32_t)family, func, in, out,
			fw_status_off, ops);
}

void *nd_cmd_payload(struct ndctl_cmd *cmd)
{
	return ((struct nd_cmd_pkg *)cmd->buf)->nd_payload;
}

NDCTL_EXPORT void ndctl_cmd_ref(struct ndctl_cmd *cmd)
{
	if (cmd)
		cmd->refcount++;
}

NDCTL_EXPORT void ndctl_cmd_unref(struct ndctl_cmd *cmd)
{
	/*
	 * Free on exactly the last reference, never again: Debian's ndctl
	 * 76.1 inject-smart drops its command twice, which the established
	 * library survives because a second unref only decrements.
	 */
	if (!cmd || --cmd->refcount != 0)
		return;
	ndctl_cmd_unref(cmd->source);
	free(cmd->buf);
	free(cmd->data);
	free(cmd);
}

NDCTL_EXPORT int ndctl_cmd_get_type(struct ndctl_cmd *cmd)
{
	return cmd ? cmd->type : -EINVAL;
}

NDCTL_EXPORT int ndctl_cmd_get_status(struct ndctl_cmd *cmd)
{
	return cmd ? cmd->status : -EINVAL;
}

NDCTL_EXPORT unsigned int ndctl_cmd_get_firmware_status(struct ndctl_cmd *cmd)
{
	return cmd ? cmd->firmware_status : UINT_MAX;
}

/*
 * ACPI's NVDIMM _DSM convention: the low 16 bits are the status, the high
 * 16 an extended status that is information (ARS "in progress"), not an
 * error.
 */
int nd_cmd_xlat_dsm_status(uint32_t status)
{
	switch (status & 0xffff) {
	case 0:
		return 0;
	case 1: /* not supported */
		return -EOPNOTSUPP;
	case 2: /* invalid input parameters */
		return -EINVAL;
	case 3: /* hardware error */
		return -EIO;
	case 4: /* retry suggested */
		return -EAGAIN;
	case 5: /* unknown reason */
		return -EIO;
	case 6: /* function-specific, for ARS: already in progress */
		return -EBUSY;
	default:
		return -ENXIO;
	}
}

NDCTL_EXPORT int ndctl_cmd_xlat_firmware_status(struct ndctl_cmd *cmd)
{
	if (!cmd)
		return -EINVAL;
	if (cmd->status < 0)
		return cmd->status;
	if (cmd->status > 0)
		return -EAGAIN; /* nothing to translate before a submit */
	if (cmd->ops && cmd->ops->xlat)
		return cmd->ops->xlat(cmd);
	if (cmd->fam && cmd->fam->xlat_firmware_status)
		return cmd->fam->xlat_firmware_status(cmd);
	return nd_cmd_xlat_dsm_status(cmd->firmware_status);
}

int nd_cmd_succeeded(struct ndctl_cmd *cmd)
{
	return cmd->status == 0 && ndctl_cmd_xlat_firmware_status(cmd) == 0;
}

static int open_target(struct ndctl_cmd *cmd)
{
	char path[PATH_MAX];
	int fd;

	if (cmd->dimm)
		snprintf(path, sizeof(path), "/dev/%s", cmd->dimm->devname);
	else
		snprintf(path, sizeof(path), "/dev/ndctl%u", cmd->bus->id);
	fd = open(path, O_RDWR | O_CLOEXEC);
	/* query commands are allowed on a read-only open: let the kernel judge */
	if (fd < 0 && (errno == EACCES || errno == EPERM))
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int rc = -errno;

		nd_err(nd_cmd_ctx(cmd), "%s: open: %s\n", path, strerror(errno));
		return rc;
	}
	return fd;
}

/* Bus and DIMM command numbers overlap: the target picks the table. */
static unsigned long ioctl_request(struct ndctl_cmd *cmd)
{
	if (cmd->type == ND_CMD_CALL)
		return ND_IOCTL_CALL;
	if (!cmd->dimm) {
		switch (cmd->type) {
		case ND_CMD_ARS_CAP:
			return ND_IOCTL_ARS_CAP;
		case ND_CMD_ARS_START:
			return ND_IOCTL_ARS_START;
		case ND_CMD_ARS_STATUS:
			return ND_IOCTL_ARS_STATUS;
		case ND_CMD_CLEAR_ERROR:
			return ND_IOCTL_CLEAR_ERROR;
		}
		return 0;
	}
	switch (cmd->type) {
	case ND_CMD_GET_CONFIG_SIZE:
		return ND_IOCTL_GET_CONFIG_SIZE;
	case ND_CMD_GET_CONFIG_DATA:
		return ND_IOCTL_GET_CONFIG_DATA;
	case ND_CMD_SET_CONFIG_DATA:
		return ND_IOCTL_SET_CONFIG_DATA;
	case ND_CMD_VENDOR:
		return ND_IOCTL_VENDOR;
	}
	return 0;
}

int nd_cmd_ioctl(struct ndctl_cmd *cmd, int fd, void *arg)
{
	unsigned long req = ioctl_request(cmd);

	if (!req)
		return -EOPNOTSUPP;
	if (ioctl(fd, req, arg) < 0) {
		int rc = -errno;

		/* the caller decides whether a refused command is an error:
		 * callers probe with commands a DIMM may not implement */
		nd_dbg(nd_cmd_ctx(cmd), "%s: %s failed: %s\n",
		       nd_cmd_target(cmd), nd_cmd_name(cmd), strerror(errno));
		return rc;
	}
	return 0;
}

static int submit_payload(struct ndctl_cmd *cmd, int fd)
{
	int rc = nd_cmd_ioctl(cmd, fd, cmd->buf);

	if (rc < 0)
		return rc;
	memcpy(&cmd->firmware_status, cmd->buf + cmd->fw_status_off,
	       sizeof(cmd->firmware_status));
	return 0;
}

NDCTL_EXPORT int ndctl_cmd_submit(struct ndctl_cmd *cmd)
{
	int fd, rc;

	if (!cmd)
		return -EINVAL;
	fd = open_target(cmd);
	if (fd < 0) {
		cmd->status = fd;
		return fd;
	}
	cmd->firmware_status = 0;
	if (cmd->ops && cmd->ops->submit)
		rc = cmd->ops->submit(cmd, fd);
	else
		rc = submit_payload(cmd, fd);
	close(fd);
	cmd->status = rc;
	if (rc == 0 && cmd->ops && cmd->ops->done)
		cmd->ops->done(cmd);
	return rc;
}

NDCTL_EXPORT int ndctl_cmd_submit_xlat(struct ndctl_cmd *cmd)
{
	int rc = ndctl_cmd_submit(cmd);

	if (rc < 0)
		return rc;
	rc = ndctl_cmd_xlat_firmware_status(cmd);
	if (rc < 0)
		nd_dbg(nd_cmd_ctx(cmd), "%s: %s: firmware status %#x: %s\n",
		       nd_cmd_target(cmd), nd_cmd_name(cmd),
		       cmd->firmware_status, strerror(-rc));
	return rc;
}
