// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The generic SMART / health API: every call finds the DIMM's family
 * (family.h) and lets it build or decode the payload.  Getters return
 * UINT_MAX for a command that is not a submitted, successful command of
 * the right kind; which fields mean anything is the flags' business.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "private.h"
#include "cmd.h"
#include "family.h"

static const struct nd_family *const families[] = {
	[NVDIMM_FAMILY_INTEL] = &nd_family_intel,
	[NVDIMM_FAMILY_HPE1] = &nd_family_hpe1,
	[NVDIMM_FAMILY_MSFT] = &nd_family_msft,
	[NVDIMM_FAMILY_HYPERV] = &nd_family_hyperv,
	[NVDIMM_FAMILY_PAPR] = &nd_family_papr,
};

const struct nd_family *nd_dimm_family(struct ndctl_dimm *dimm)
{
	int f = dimm ? nd_dimm_get_family(dimm, NULL) : -1;

	if (f < 0 || (size_t)f >= sizeof(families) / sizeof(families[0]))
		return NULL;
	return families[f];
}

const struct nd_family *nd_cmd_family(struct ndctl_cmd *cmd)
{
	return cmd ? cmd->fam : NULL;
}

enum nd_family_cmd nd_cmd_family_kind(struct ndctl_cmd *cmd)
{
	return cmd && cmd->fam ? (enum nd_family_cmd)cmd->fam_kind :
				 ND_FAMILY_CMD_NONE;
}

struct ndctl_cmd *nd_family_cmd_new(struct ndctl_dimm *dimm,
				    const struct nd_family *fam,
				    enum nd_family_cmd kind, unsigned int func,
				    size_t in, size_t out, size_t fw_status_off)
{
	struct ndctl_cmd *cmd;

	cmd = nd_cmd_new_dimm_call(dimm, func, in, out, fw_status_off, NULL);
	if (cmd) {
		cmd->fam = fam;
		cmd->fam_kind = kind;
	}
	return cmd;
}

/*
 * What the firmware returned: the output part of the payload, cut to the
 * size the platform reports it produced when it reports one.
 */
const void *nd_cmd_output(struct ndctl_cmd *cmd, size_t *len)
{
	struct nd_cmd_pkg *pkg = (struct nd_cmd_pkg *)cmd->buf;
	size_t n = pkg->nd_size_out;

	if (pkg->nd_fw_size && pkg->nd_fw_size < n)
		n = pkg->nd_fw_size;
	*len = n;
	return pkg->nd_payload + pkg->nd_size_in;
}

/* A successful family command of @kind, or NULL. */
static const struct nd_family *done_kind(struct ndctl_cmd *cmd,
					 enum nd_family_cmd kind)
{
	if (!cmd || !cmd->fam || cmd->fam_kind != (int)kind ||
	    !nd_cmd_succeeded(cmd))
		return NULL;
	return cmd->fam;
}

static int decode_smart(struct ndctl_cmd *cmd, struct nd_smart *s)
{
	const struct nd_family *fam = done_kind(cmd, ND_FAMILY_CMD_SMART);
	const void *p;
	size_t len;

	memset(s, 0, sizeof(*s));
	if (!fam || !fam->decode_smart)
		return -EINVAL;
	p = nd_cmd_output(cmd, &len);
	return fam->decode_smart(p, len, s);
}

static int decode_threshold(struct ndctl_cmd *cmd, struct nd_smart_threshold *t)
{
	const struct nd_family *fam = done_kind(cmd, ND_FAMILY_CMD_SMART_THRESHOLD);
	const void *p;
	size_t len;

	memset(t, 0, sizeof(*t));
	if (!fam || !fam->decode_threshold)
		return -EINVAL;
	p = nd_cmd_output(cmd, &len);
	return fam->decode_threshold(p, len, t);
}

#define FAMILY_NEW(name, hook)                                               \
	NDCTL_EXPORT struct ndctl_cmd *name(struct ndctl_dimm *dimm)         \
	{                                                                    \
		const struct nd_family *fam = nd_dimm_family(dimm);          \
		if (!fam || !fam->hook) {                                    \
			if (dimm)                                            \
				nd_dbg(dimm->bus->ctx, "%s: no %s support\n",\
				       dimm->devname, #hook);                \
			return NULL;                                         \
		}                                                            \
		return fam->hook(dimm);                                      \
	}

FAMILY_NEW(ndctl_dimm_cmd_new_smart, new_smart)
FAMILY_NEW(ndctl_dimm_cmd_new_smart_threshold, new_smart_threshold)
FAMILY_NEW(ndctl_dimm_cmd_new_smart_inject, new_smart_inject)
FAMILY_NEW(ndctl_dimm_cmd_new_ack_shutdown_count, new_ack_shutdown_count)

#define SMART_GETTER(field)                                                  \
	NDCTL_EXPORT unsigned int ndctl_cmd_smart_get_##field(                \
		struct ndctl_cmd *cmd)                                       \
	{                                                                    \
		struct nd_smart s;                                           \
		if (decode_smart(cmd, &s) < 0)                               \
			return UINT_MAX;                                     \
		return s.field;                                              \
	}

NDCTL_EXPORT unsigned int ndctl_cmd_smart_get_flags(struct ndctl_cmd *cmd)
{
	struct nd_smart s;

	return decode_smart(cmd, &s) < 0 ? UINT_MAX : s.flags;
}

SMART_GETTER(health)
SMART_GETTER(media_temperature)
SMART_GETTER(ctrl_temperature)
SMART_GETTER(spares)
SMART_GETTER(alarm_flags)
SMART_GETTER(life_used)
SMART_GETTER(shutdown_state)
SMART_GETTER(shutdown_count)
SMART_GETTER(vendor_size)

/* The media temperature under its original name. */
NDCTL_EXPORT unsigned int ndctl_cmd_smart_get_temperature(struct ndctl_cmd *cmd)
{
	return ndctl_cmd_smart_get_media_temperature(cmd);
}

NDCTL_EXPORT unsigned char *ndctl_cmd_smart_get_vendor_data(struct ndctl_cmd *cmd)
{
	struct nd_smart s;

	if (decode_smart(cmd, &s) < 0 || !s.vendor_size)
		return NULL;
	/* the payload lives in the command; the API has no const */
	return (unsigned char *)s.vendor_data;
}

#define THRESHOLD_GETTER(field)                                              \
	NDCTL_EXPORT unsigned int ndctl_cmd_smart_threshold_get_##field(      \
		struct ndctl_cmd *cmd)                                       \
	{                                                                    \
		struct nd_smart_threshold t;                                 \
		if (decode_threshold(cmd, &t) < 0)                           \
			return UINT_MAX;                                     \
		return t.field;                                              \
	}

THRESHOLD_GETTER(alarm_control)
THRESHOLD_GETTER(media_temperature)
THRESHOLD_GETTER(ctrl_temperature)
THRESHOLD_GETTER(spares)

NDCTL_EXPORT unsigned int
ndctl_cmd_smart_threshold_get_temperature(struct ndctl_cmd *cmd)
{
	return ndctl_cmd_smart_threshold_get_media_temperature(cmd);
}

/* Valid on a threshold command and on a set-threshold built from one. */
NDCTL_EXPORT unsigned int
ndctl_cmd_smart_threshold_get_supported_alarms(struct ndctl_cmd *cmd)
{
	if (!cmd || !cmd->fam)
		return 0;
	if (cmd->fam_kind == ND_FAMILY_CMD_SMART_THRESHOLD &&
	    !nd_cmd_succeeded(cmd))
		return 0;
	if (cmd->fam_kind != ND_FAMILY_CMD_SMART_THRESHOLD &&
	    cmd->fam_kind != ND_FAMILY_CMD_SMART_SET_THRESHOLD)
		return 0;
	return cmd->fam->supported_alarms;
}

NDCTL_EXPORT struct ndctl_cmd *
ndctl_dimm_cmd_new_smart_set_threshold(struct ndctl_cmd *cmd)
{
	const struct nd_family *fam = done_kind(cmd, ND_FAMILY_CMD_SMART_THRESHOLD);

	if (!fam || !fam->new_smart_set_threshold)
		return NULL;
	return fam->new_smart_set_threshold(cmd);
}

static int set_threshold(struct ndctl_cmd *cmd, enum nd_threshold_field f,
			 unsigned int val)
{
	if (!cmd || !cmd->fam || cmd->fam_kind != ND_FAMILY_CMD_SMART_SET_THRESHOLD ||
	    !cmd->fam->set_threshold)
		return -EINVAL;
	return cmd->fam->set_threshold(cmd, f, val);
}

NDCTL_EXPORT int ndctl_cmd_smart_threshold_set_alarm_control(struct ndctl_cmd *cmd,
							     unsigned int val)
{
	return set_threshold(cmd, ND_THRESHOLD_ALARM_CONTROL, val);
}

NDCTL_EXPORT int ndctl_cmd_smart_threshold_set_temperature(struct ndctl_cmd *cmd,
							   unsigned int val)
{
	return set_threshold(cmd, ND_THRESHOLD_MEDIA_TEMPERATURE, val);
}

NDCTL_EXPORT int
ndctl_cmd_smart_threshold_set_media_temperature(struct ndctl_cmd *cmd,
						unsigned int val)
{
	return set_threshold(cmd, ND_THRESHOLD_MEDIA_TEMPERATURE, val);
}

NDCTL_EXPORT int
ndctl_cmd_smart_threshold_set_ctrl_temperature(struct ndctl_cmd *cmd,
					       unsigned int val)
{
	return set_threshold(cmd, ND_THRESHOLD_CTRL_TEMPERATURE, val);
}

NDCTL_EXPORT int ndctl_cmd_smart_threshold_set_spares(struct ndctl_cmd *cmd,
						      unsigned int val)
{
	return set_threshold(cmd, ND_THRESHOLD_SPARES, val);
}

static int inject(struct ndctl_cmd *cmd, enum nd_inject_field f, bool enable,
		  unsigned int val)
{
	if (!cmd || !cmd->fam || cmd->fam_kind != ND_FAMILY_CMD_SMART_INJECT ||
	    !cmd->fam->smart_inject)
		return -EINVAL;
	return cmd->fam->smart_inject(cmd, f, enable, val);
}

NDCTL_EXPORT int ndctl_cmd_smart_inject_media_temperature(struct ndctl_cmd *cmd,
							  bool enable,
							  unsigned int mtemp)
{
	return inject(cmd, ND_INJECT_MEDIA_TEMPERATURE, enable, mtemp);
}

NDCTL_EXPORT int ndctl_cmd_smart_inject_ctrl_temperature(struct ndctl_cmd *cmd,
							 bool enable,
							 unsigned int ctemp)
{
	return inject(cmd, ND_INJECT_CTRL_TEMPERATURE, enable, ctemp);
}

NDCTL_EXPORT int ndctl_cmd_smart_inject_spares(struct ndctl_cmd *cmd,
					       bool enable, unsigned int spares)
{
	return inject(cmd, ND_INJECT_SPARES, enable, spares);
}

NDCTL_EXPORT int ndctl_cmd_smart_inject_fatal(struct ndctl_cmd *cmd, bool enable)
{
	return inject(cmd, ND_INJECT_FATAL, enable, 0);
}

NDCTL_EXPORT int ndctl_cmd_smart_inject_unsafe_shutdown(struct ndctl_cmd *cmd,
							bool enable)
{
	return inject(cmd, ND_INJECT_UNSAFE_SHUTDOWN, enable, 0);
}

NDCTL_EXPORT int ndctl_dimm_smart_inject_supported(struct ndctl_dimm *dimm)
{
	const struct nd_family *fam = nd_dimm_family(dimm);

	if (!fam || !fam->smart_inject_supported)
		return -EOPNOTSUPP;
	return fam->smart_inject_supported(dimm);
}

/* ---- the DIMM-level view: one SMART command per call ---- */

static int dimm_smart(struct ndctl_dimm *dimm, struct nd_smart *s)
{
	struct ndctl_cmd *cmd;
	int rc;

	memset(s, 0, sizeof(*s));
	cmd = ndctl_dimm_cmd_new_smart(dimm);
	if (!cmd)
		return -EOPNOTSUPP;
	rc = ndctl_cmd_submit_xlat(cmd);
	if (rc == 0)
		rc = decode_smart(cmd, s);
	if (rc < 0)
		nd_dbg(dimm->bus->ctx, "%s: smart: %s\n", dimm->devname,
		       strerror(-rc));
	/* the vendor data pointed into the command */
	s->vendor_data = NULL;
	s->vendor_size = 0;
	ndctl_cmd_unref(cmd);
	return rc;
}

NDCTL_EXPORT unsigned int ndctl_dimm_get_health(struct ndctl_dimm *dimm)
{
	struct nd_smart s;

	if (!dimm || dimm_smart(dimm, &s) < 0 || !(s.flags & ND_SMART_HEALTH_VALID))
		return UINT_MAX;
	return s.health;
}

NDCTL_EXPORT unsigned int ndctl_dimm_get_flags(struct ndctl_dimm *dimm)
{
	struct nd_smart s;

	if (!dimm || dimm_smart(dimm, &s) < 0)
		return UINT_MAX;
	return s.flags;
}

NDCTL_EXPORT int ndctl_dimm_is_flag_supported(struct ndctl_dimm *dimm,
					      unsigned int flag)
{
	unsigned int flags = ndctl_dimm_get_flags(dimm);

	return flags != UINT_MAX && (flags & flag) == flag && flag;
}

/* The health events the DIMM reports as present right now. */
NDCTL_EXPORT unsigned int ndctl_dimm_get_event_flags(struct ndctl_dimm *dimm)
{
	unsigned int ev = 0;
	struct nd_smart s;

	if (!dimm || dimm_smart(dimm, &s) < 0)
		return 0;
	if (s.flags & ND_SMART_ALARM_VALID) {
		if (s.alarm_flags & ND_SMART_SPARE_TRIP)
			ev |= ND_EVENT_SPARES_REMAINING;
		if (s.alarm_flags & ND_SMART_MTEMP_TRIP)
			ev |= ND_EVENT_MEDIA_TEMPERATURE;
		if (s.alarm_flags & ND_SMART_CTEMP_TRIP)
			ev |= ND_EVENT_CTRL_TEMPERATURE;
	}
	if ((s.flags & ND_SMART_HEALTH_VALID) &&
	    (s.health & (ND_SMART_CRITICAL_HEALTH | ND_SMART_FATAL_HEALTH)))
		ev |= ND_EVENT_HEALTH_STATE;
	if ((s.flags & ND_SMART_SHUTDOWN_VALID) && s.shutdown_state)
		ev |= ND_EVENT_UNCLEAN_SHUTDOWN;
	return ev;
}

/*
 * A descriptor that polls (POLLPRI) for health notifications: the kernel
 * notifies nfit/flags when the platform signals a DIMM health event.  The
 * first read arms it.
 */
NDCTL_EXPORT int ndctl_dimm_get_health_eventfd(struct ndctl_dimm *dimm)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_SIZE];
	int fd;

	if (!dimm)
		return -EINVAL;
	snprintf(path, sizeof(path), "%s/nfit/flags", dimm->path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int rc = -errno;

		nd_dbg(dimm->bus->ctx, "%s: no health events: %s\n",
		       dimm->devname, strerror(errno));
		return rc;
	}
	if (pread(fd, buf, sizeof(buf), 0) < 0) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	return fd;
}

/* libndctl's temperature encoding: 1/16 degree Celsius, bit 15 the sign. */
NDCTL_EXPORT double ndctl_decode_smart_temperature(unsigned int temp)
{
	double t = (double)(temp & 0x7fff) / 16.0;

	return (temp & 0x8000) ? -t : t;
}

NDCTL_EXPORT unsigned int ndctl_encode_smart_temperature(double temp)
{
	unsigned int sign = 0, v;

	if (temp != temp) /* NaN */
		return 0;
	if (temp < 0) {
		sign = 0x8000;
		temp = -temp;
	}
	/* saturate at the largest value 15 bits hold */
	v = temp * 16 >= 0x7fff ? 0x7fff : (unsigned int)(temp * 16 + 0.5);
	return sign | v;
}
