// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * DIMM security: the kernel owns the passphrase protocol (it looks the
 * keys up in the caller's keyring by serial number and speaks the DIMM's
 * family commands itself), so userspace only writes operations to
 * nmemN/security and reads the state back from it and from nmemN/frozen.
 */
#include <errno.h>
#include <poll.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "private.h"

static const struct {
	const char *word;
	enum ndctl_security_state state;
} states[] = {
	{ "disabled", NDCTL_SECURITY_DISABLED },
	{ "unlocked", NDCTL_SECURITY_UNLOCKED },
	{ "locked", NDCTL_SECURITY_LOCKED },
	{ "frozen", NDCTL_SECURITY_FROZEN },
	{ "overwrite", NDCTL_SECURITY_OVERWRITE },
};

static enum ndctl_security_state parse_state(const char *buf)
{
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(buf, states[i].word) == 0)
			return states[i].state;
	return NDCTL_SECURITY_INVALID;
}

NDCTL_EXPORT bool ndctl_dimm_security_is_frozen(struct ndctl_dimm *dimm)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!dimm)
		return false;
	/* kernels before the "frozen" attribute reported it as a state */
	if (nd_read_attr(dimm->bus->ctx, dimm->path, "frozen", buf) == 0)
		return strcmp(buf, "1") == 0;
	if (nd_read_attr(dimm->bus->ctx, dimm->path, "security", buf) == 0)
		return parse_state(buf) == NDCTL_SECURITY_FROZEN;
	return false;
}

NDCTL_EXPORT enum ndctl_security_state ndctl_dimm_get_security(struct ndctl_dimm *dimm)
{
	char buf[SYSFS_ATTR_SIZE];
	enum ndctl_security_state state;

	if (!dimm)
		return NDCTL_SECURITY_INVALID;
	if (nd_read_attr(dimm->bus->ctx, dimm->path, "security", buf) < 0)
		return NDCTL_SECURITY_INVALID;
	state = parse_state(buf);
	if (state == NDCTL_SECURITY_INVALID)
		nd_dbg(dimm->bus->ctx, "%s: unknown security state '%s'\n",
		       dimm->devname, buf);
	/* frozen is reported separately: ndctl_dimm_security_is_frozen() */
	return state;
}

static int write_op(struct ndctl_dimm *dimm, const char *op)
{
	if (!dimm)
		return -EINVAL;
	return nd_write_attr(dimm->bus->ctx, dimm->path, "security", op);
}

static int op_keys(struct ndctl_dimm *dimm, const char *verb, int nkeys,
		   long key, long nkey)
{
	char op[64];

	if (key < 0 || (nkeys > 1 && nkey < 0))
		return -EINVAL;
	if (nkeys > 1)
		snprintf(op, sizeof(op), "%s %ld %ld", verb, key, nkey);
	else
		snprintf(op, sizeof(op), "%s %ld", verb, key);
	return write_op(dimm, op);
}

NDCTL_EXPORT int ndctl_dimm_update_passphrase(struct ndctl_dimm *dimm, long ckey,
					      long nkey)
{
	return op_keys(dimm, "update", 2, ckey, nkey);
}

NDCTL_EXPORT int ndctl_dimm_disable_passphrase(struct ndctl_dimm *dimm, long key)
{
	return op_keys(dimm, "disable", 1, key, 0);
}

/* Needs a kernel that knows "disable_master" (6.1 does not: -EINVAL). */
NDCTL_EXPORT int ndctl_dimm_disable_master_passphrase(struct ndctl_dimm *dimm,
						      long key)
{
	return op_keys(dimm, "disable_master", 1, key, 0);
}

NDCTL_EXPORT int ndctl_dimm_freeze_security(struct ndctl_dimm *dimm)
{
	return write_op(dimm, "freeze");
}

NDCTL_EXPORT int ndctl_dimm_secure_erase(struct ndctl_dimm *dimm, long key)
{
	return op_keys(dimm, "erase", 1, key, 0);
}

NDCTL_EXPORT int ndctl_dimm_overwrite(struct ndctl_dimm *dimm, long key)
{
	return op_keys(dimm, "overwrite", 1, key, 0);
}

NDCTL_EXPORT int ndctl_dimm_update_master_passphrase(struct ndctl_dimm *dimm,
						     long ckey, long nkey)
{
	return op_keys(dimm, "master_update", 2, ckey, nkey);
}

NDCTL_EXPORT int ndctl_dimm_master_secure_erase(struct ndctl_dimm *dimm, long key)
{
	return op_keys(dimm, "master_erase", 1, key, 0);
}

/*
 * Wait for an overwrite to finish: the kernel notifies the security
 * attribute when the state leaves "overwrite".  Returns 1 when it waited,
 * 0 when no overwrite was running, or a negative errno.
 */
NDCTL_EXPORT int ndctl_dimm_wait_overwrite(struct ndctl_dimm *dimm)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	struct pollfd pfd;
	int fd, rc = 0;

	if (!dimm)
		return -EINVAL;
	snprintf(path, sizeof(path), "%s/security", dimm->path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

		if (n < 0) {
			rc = -errno;
			break;
		}
		buf[n] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		if (strcmp(buf, "overwrite") != 0)
			break;
		rc = 1;
		pfd = (struct pollfd){ .fd = fd, .events = POLLPRI | POLLERR };
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
			rc = -errno;
			break;
		}
	}
	close(fd);
	if (rc < 0)
		nd_err(dimm->bus->ctx, "%s: waiting for the overwrite: %s\n",
		       dimm->devname, strerror(-rc));
	return rc;
}
