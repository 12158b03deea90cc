// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The Hyper-V virtual NVDIMM family (NVDIMM_FAMILY_HYPERV, the UEFI
 * "Virtual NVDIMM 0x1901" _DSM): function 1 reports health bits,
 * function 2 the unsafe shutdown count.  There is no SMART function, so
 * the generic SMART command is both: its payload is function 1's output
 * followed by function 2's, and its submit hook makes the two calls.
 * The health call decides the command's fate; the count is reported
 * only when its own call succeeded, so a host without function 2 still
 * gets the health.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

enum {
	HYPERV_HEALTH_INFO = 1,
	HYPERV_SHUTDOWN_INFO = 2,
};

struct hyperv_health {
	uint32_t status;
	uint32_t health;
} __attribute__((packed));

struct hyperv_shutdown {
	uint32_t status;
	uint32_t count;
} __attribute__((packed));

/* The generic SMART command's output: both functions' outputs. */
struct hyperv_smart {
	struct hyperv_health health;
	struct hyperv_shutdown shutdown;
} __attribute__((packed));

/*
 * The health bits as the established libndctl grades them: bits 0-1
 * critical, bit 2 fatal, bits 3-5 non-critical; higher bits are not
 * defined and do not count.
 */
#define HYPERV_CRITICAL_BITS 0x03u
#define HYPERV_FATAL_BITS 0x04u
#define HYPERV_NONCRIT_BITS 0x38u

static int hyperv_decode_smart(const void *payload, size_t len,
			       struct nd_smart *s)
{
	const struct hyperv_smart *p = payload;
	uint32_t h;

	memset(s, 0, sizeof(*s));
	if (len < sizeof(p->health))
		return -EINVAL;
	h = p->health.health;
	s->flags = ND_SMART_HEALTH_VALID;
	if (h & HYPERV_CRITICAL_BITS)
		s->health |= ND_SMART_CRITICAL_HEALTH;
	if (h & HYPERV_FATAL_BITS)
		s->health |= ND_SMART_FATAL_HEALTH;
	if (h & HYPERV_NONCRIT_BITS)
		s->health |= ND_SMART_NON_CRITICAL_HEALTH;
	if (len >= sizeof(*p) && p->shutdown.status == 0) {
		s->flags |= ND_SMART_SHUTDOWN_COUNT_VALID;
		s->shutdown_count = p->shutdown.count;
	}
	return 0;
}

/*
 * Function 2 on its own envelope.  Failing it is not failing the SMART
 * command: the count just stays out of the reported length.
 */
static int hyperv_fetch_shutdown(struct ndctl_cmd *cmd, int fd,
				 struct hyperv_shutdown *out)
{
	union {
		struct nd_cmd_pkg pkg;
		uint8_t buf[sizeof(struct nd_cmd_pkg) + sizeof(*out)];
	} sd;
	unsigned long mask = 0;

	if (nd_dimm_get_family(cmd->dimm, &mask) != NVDIMM_FAMILY_HYPERV ||
	    !(mask & (1UL << HYPERV_SHUTDOWN_INFO)))
		return -EOPNOTSUPP;
	memset(&sd, 0, sizeof(sd));
	sd.pkg.nd_family = NVDIMM_FAMILY_HYPERV;
	sd.pkg.nd_command = HYPERV_SHUTDOWN_INFO;
	sd.pkg.nd_size_out = sizeof(*out);
	if (ioctl(fd, ND_IOCTL_CALL, &sd) < 0) {
		int rc = -errno;

		nd_dbg(nd_cmd_ctx(cmd), "%s: shutdown count: %s\n",
		       nd_cmd_target(cmd), strerror(errno));
		return rc;
	}
	if (sd.pkg.nd_fw_size && sd.pkg.nd_fw_size < sizeof(*out))
		return -EIO;
	memcpy(out, sd.buf + sizeof(struct nd_cmd_pkg), sizeof(*out));
	return out->status == 0 ? 0 : -EIO;
}

static int hyperv_smart_submit(struct ndctl_cmd *cmd, int fd)
{
	struct nd_cmd_pkg *pkg = (struct nd_cmd_pkg *)cmd->buf;
	struct hyperv_smart *p = nd_cmd_payload(cmd);
	uint32_t got;
	int rc;

	/* function 1 sees only its own output */
	pkg->nd_size_out = sizeof(p->health);
	pkg->nd_fw_size = 0;
	rc = nd_cmd_ioctl(cmd, fd, cmd->buf);
	pkg->nd_size_out = sizeof(*p);
	if (rc < 0)
		return rc;
	memcpy(&cmd->firmware_status, cmd->buf + cmd->fw_status_off,
	       sizeof(cmd->firmware_status));
	got = pkg->nd_fw_size ? pkg->nd_fw_size : sizeof(p->health);
	if (got > sizeof(p->health))
		got = sizeof(p->health);
	memset(&p->shutdown, 0, sizeof(p->shutdown));
	if (got == sizeof(p->health) && p->health.status == 0 &&
	    hyperv_fetch_shutdown(cmd, fd, &p->shutdown) == 0)
		got = sizeof(*p);
	/* what the decoder may read: the health, and the count if fetched */
	pkg->nd_fw_size = got;
	return 0;
}

static const struct nd_cmd_ops hyperv_smart_ops = {
	.submit = hyperv_smart_submit,
};

static struct ndctl_cmd *hyperv_new_smart(struct ndctl_dimm *dimm)
{
	struct ndctl_cmd *cmd;

	cmd = nd_family_cmd_new(dimm, &nd_family_hyperv, ND_FAMILY_CMD_SMART,
				HYPERV_HEALTH_INFO, 0, sizeof(struct hyperv_smart),
				offsetof(struct hyperv_smart, health.status));
	if (cmd)
		cmd->ops = &hyperv_smart_ops;
	return cmd;
}

/* The status convention is ACPI's (the core's default translation). */
const struct nd_family nd_family_hyperv = {
	.family = NVDIMM_FAMILY_HYPERV,
	.name = "hyperv",
	.new_smart = hyperv_new_smart,
	.decode_smart = hyperv_decode_smart,
};
