// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DIMM families' commands end to end without a kernel: a DIMM whose
 * sysfs directory is a scratch tree (nfit/family, nfit/dsm_mask,
 * commands; of_node/compatible on the bus for papr_scm), and a firmware
 * played by this test: the executable is linked with --wrap=ioctl, so
 * every ND_IOCTL_CALL the library makes lands in __wrap_ioctl below.
 * Checked: the envelope each family builds (function, input and output
 * sizes, where the status sits), that the generic API finds the family
 * through smart.c's table, Hyper-V's two-call SMART command in all its
 * outcomes, PAPR's family detection and its injection payload.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/ndctl/private.h"
#include "lib/ndctl/cmd.h"
#include "lib/ndctl/family.h"

#include "expect.h"

/* ---- the firmware ---- */

struct call {
	uint32_t family, command, size_in, size_out;
	uint8_t in[256];
};

static struct fw {
	struct call calls[4];
	int ncalls;
	/* Hyper-V */
	uint32_t hv_health_status, hv_health, hv_sd_status, hv_count;
	bool hv_sd_fails;
	/* PAPR */
	int32_t papr_status;
} fw;

static void put32(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

int __wrap_ioctl(int fd, unsigned long req, ...);
int __real_ioctl(int fd, unsigned long req, ...);

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	struct nd_cmd_pkg *pkg;
	struct call *c;
	uint8_t *out;
	va_list ap;

	va_start(ap, req);
	pkg = va_arg(ap, struct nd_cmd_pkg *);
	va_end(ap);
	(void)fd;
	if (req != ND_IOCTL_CALL || fw.ncalls == 4) {
		errno = ENOTTY;
		return -1;
	}
	c = &fw.calls[fw.ncalls++];
	c->family = pkg->nd_family;
	c->command = pkg->nd_command;
	c->size_in = pkg->nd_size_in;
	c->size_out = pkg->nd_size_out;
	memcpy(c->in, pkg->nd_payload,
	       pkg->nd_size_in < sizeof(c->in) ? pkg->nd_size_in : sizeof(c->in));
	out = pkg->nd_payload + pkg->nd_size_in;

	switch (pkg->nd_family) {
	case NVDIMM_FAMILY_HYPERV:
		if (pkg->nd_command == 1) {
			put32(out, 0, fw.hv_health_status);
			put32(out, 4, fw.hv_health);
		} else if (pkg->nd_command == 2) {
			if (fw.hv_sd_fails) {
				errno = EIO;
				return -1;
			}
			put32(out, 0, fw.hv_sd_status);
			put32(out, 4, fw.hv_count);
		}
		pkg->nd_fw_size = 8;
		return 0;
	case NVDIMM_FAMILY_PAPR:
		/* papr_scm answers at the start of the payload, in or out */
		memset(pkg->nd_payload, 0, 8);
		memcpy(pkg->nd_payload, &fw.papr_status, 4);
		if (fw.papr_status) {
			pkg->nd_fw_size = 8;
			return 0;
		}
		if (pkg->nd_command == 1) {
			uint8_t *h = pkg->nd_payload + 8;
			uint64_t dsc = 12; /* dirty shutdowns */

			put32(h, 0, 3);       /* fuel gauge, dsc valid */
			h[5] = 1;             /* bad shutdown */
			h[10] = 1;            /* unhealthy */
			h[12] = 60;           /* 60% life left */
			memcpy(h + 16, &dsc, sizeof(dsc));
		}
		pkg->nd_fw_size = 192;
		return 0;
	case NVDIMM_FAMILY_HPE1:
		memset(out, 0, pkg->nd_size_out);
		if (pkg->nd_command == 1) {
			put32(out, 4, 0x1 | 0x2 | 0x20); /* health temp shutdown */
			out[8] = 0x4;                    /* fatal */
			out[9] = 0x70;                   /* 0x170: 23 C */
			out[10] = 0x01;
			out[15] = 0x2; /* last save good */
		} else {
			out[4] = 0x3;
			out[6] = 0x00; /* 0x500: 80 C */
			out[7] = 0x05;
			out[8] = 12;
		}
		pkg->nd_fw_size = pkg->nd_size_out;
		return 0;
	case NVDIMM_FAMILY_MSFT:
		memset(out, 0, pkg->nd_size_out);
		out[4] = 0x3; /* two module health bits: critical */
		out[6] = 40;
		out[10] = 97;
		pkg->nd_fw_size = 13;
		return 0;
	}
	errno = ENOTTY;
	return -1;
}

/* ---- a DIMM in a scratch sysfs tree ---- */

static char root[] = "/tmp/test-family-cmds.XXXXXX";
static struct ndctl_ctx *ctx;

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	if (!fp || fputs(text, fp) < 0 || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		perror(path);
		exit(1);
	}
}

struct fake {
	struct ndctl_bus bus;
	struct ndctl_dimm dimm;
	char bus_path[256], dimm_path[256], devname[512];
};

/*
 * @family < 0: no nfit/ directory.  @papr: the bus is a papr_scm one.
 * The device node is a plain file the library opens through /dev/..
 */
static struct fake *fake_dimm(const char *name, int family,
			      unsigned long dsm_mask, bool papr)
{
	struct fake *f = calloc(1, sizeof(*f));
	char dir[PATH_MAX + 16], val[32];

	if (!f)
		abort();
	snprintf(f->bus_path, sizeof(f->bus_path), "%s/%s-bus", root, name);
	snprintf(f->dimm_path, sizeof(f->dimm_path), "%s/%s-nmem", root, name);
	make_dir(f->bus_path);
	make_dir(f->dimm_path);
	if (papr) {
		snprintf(dir, sizeof(dir), "%s/of_node", f->bus_path);
		make_dir(dir);
		write_file(dir, "compatible", "ibm,pmemory\n");
	}
	write_file(f->dimm_path, "commands", "cmd_call\n");
	if (family >= 0) {
		snprintf(dir, sizeof(dir), "%s/nfit", f->dimm_path);
		make_dir(dir);
		snprintf(val, sizeof(val), "%d\n", family);
		write_file(dir, "family", val);
		snprintf(val, sizeof(val), "%#lx\n", dsm_mask);
		write_file(dir, "dsm_mask", val);
	}
	write_file(f->dimm_path, "dev-node", "");
	/* "/dev/" + devname must reach the plain file */
	snprintf(f->devname, sizeof(f->devname), "..%s/dev-node", f->dimm_path);

	f->bus.ctx = ctx;
	f->bus.devname = (char *)"ndbus0";
	f->bus.path = f->bus_path;
	f->bus.provider = (char *)"test";
	f->bus.major = f->bus.minor = -1;
	f->dimm.bus = &f->bus;
	f->dimm.devname = f->devname;
	f->dimm.path = f->dimm_path;
	f->dimm.major = f->dimm.minor = -1;
	return f;
}

static void reset_fw(void)
{
	memset(&fw, 0, sizeof(fw));
}

/* ---- the families ---- */

static void test_hyperv(void)
{
	struct fake *f = fake_dimm("hyperv", NVDIMM_FAMILY_HYPERV, 0x1f, false);
	struct fake *f1 = fake_dimm("hyperv1", NVDIMM_FAMILY_HYPERV, 0x3, false);
	struct ndctl_cmd *cmd;
	unsigned int flags;

	/* both functions answer */
	reset_fw();
	fw.hv_health = 1u << 3;
	fw.hv_count = 5;
	cmd = ndctl_dimm_cmd_new_smart(&f->dimm);
	expect(cmd, "no Hyper-V SMART command");
	if (!cmd)
		return;
	expect(nd_cmd_family(cmd) == &nd_family_hyperv, "family not found");
	expect(ndctl_cmd_submit_xlat(cmd) == 0, "submit");
	expect(fw.ncalls == 2, "%d calls", fw.ncalls);
	expect(fw.calls[0].command == 1 && fw.calls[0].size_in == 0 &&
		       fw.calls[0].size_out == 8,
	       "health call: func %u in %u out %u", fw.calls[0].command,
	       fw.calls[0].size_in, fw.calls[0].size_out);
	expect(fw.calls[1].family == NVDIMM_FAMILY_HYPERV &&
		       fw.calls[1].command == 2 && fw.calls[1].size_out == 8,
	       "shutdown call: func %u out %u", fw.calls[1].command,
	       fw.calls[1].size_out);
	flags = ndctl_cmd_smart_get_flags(cmd);
	expect(flags == (ND_SMART_HEALTH_VALID | ND_SMART_SHUTDOWN_COUNT_VALID),
	       "flags %#x", flags);
	expect(ndctl_cmd_smart_get_health(cmd) == ND_SMART_NON_CRITICAL_HEALTH,
	       "health %#x", ndctl_cmd_smart_get_health(cmd));
	expect(ndctl_cmd_smart_get_shutdown_count(cmd) == 5, "count %u",
	       ndctl_cmd_smart_get_shutdown_count(cmd));
	/* resubmitting the same command gives the same view */
	reset_fw();
	fw.hv_count = 6;
	expect(ndctl_cmd_submit_xlat(cmd) == 0 && fw.calls[0].size_out == 8,
	       "resubmit");
	expect(ndctl_cmd_smart_get_shutdown_count(cmd) == 6, "count %u",
	       ndctl_cmd_smart_get_shutdown_count(cmd));
	ndctl_cmd_unref(cmd);

	/* function 2 answers with an error status */
	reset_fw();
	fw.hv_sd_status = 1;
	fw.hv_count = 99;
	cmd = ndctl_dimm_cmd_new_smart(&f->dimm);
	expect(cmd && ndctl_cmd_submit_xlat(cmd) == 0, "submit");
	expect(ndctl_cmd_smart_get_flags(cmd) == ND_SMART_HEALTH_VALID,
	       "count valid after its failure: %#x",
	       ndctl_cmd_smart_get_flags(cmd));
	ndctl_cmd_unref(cmd);

	/* function 2's ioctl fails */
	reset_fw();
	fw.hv_sd_fails = true;
	cmd = ndctl_dimm_cmd_new_smart(&f->dimm);
	expect(cmd && ndctl_cmd_submit_xlat(cmd) == 0, "submit");
	expect(ndctl_cmd_smart_get_flags(cmd) == ND_SMART_HEALTH_VALID,
	       "flags %#x", ndctl_cmd_smart_get_flags(cmd));
	ndctl_cmd_unref(cmd);

	/* function 1 fails: nothing is reported, function 2 not called */
	reset_fw();
	fw.hv_health_status = 3;
	cmd = ndctl_dimm_cmd_new_smart(&f->dimm);
	expect(cmd && ndctl_cmd_submit_xlat(cmd) < 0, "failed health accepted");
	expect(fw.ncalls == 1, "%d calls after a failed health", fw.ncalls);
	expect(ndctl_cmd_smart_get_flags(cmd) == UINT_MAX &&
		       ndctl_cmd_smart_get_health(cmd) == UINT_MAX,
	       "getters on a failed command");
	ndctl_cmd_unref(cmd);

	/* a host without function 2: one call, health only */
	reset_fw();
	fw.hv_health = 1u << 2;
	expect(ndctl_dimm_get_health(&f1->dimm) == ND_SMART_FATAL_HEALTH,
	       "dimm health %#x", ndctl_dimm_get_health(&f1->dimm));
	expect(fw.ncalls == 1, "%d calls without function 2", fw.ncalls);
	free(f);
	free(f1);
}

static void test_papr(void)
{
	struct fake *f = fake_dimm("papr", -1, 0, true);
	struct fake *none = fake_dimm("none", -1, 0, false);
	unsigned long mask = 0;
	struct ndctl_cmd *cmd;
	int32_t st;

	expect(nd_dimm_get_family(&f->dimm, &mask) == NVDIMM_FAMILY_PAPR,
	       "papr_scm DIMM family %d", nd_dimm_get_family(&f->dimm, NULL));
	expect(mask == nd_papr_pdsm_mask, "mask %#lx", mask);
	expect(nd_dimm_get_family(&none->dimm, NULL) == -1,
	       "a DIMM without nfit/ off papr_scm has a family");
	expect(!ndctl_dimm_cmd_new_smart(&none->dimm), "SMART with no family");

	reset_fw();
	cmd = ndctl_dimm_cmd_new_smart(&f->dimm);
	expect(cmd, "no PAPR SMART command");
	if (!cmd)
		return;
	expect(ndctl_cmd_submit_xlat(cmd) == 0, "submit");
	expect(fw.calls[0].family == NVDIMM_FAMILY_PAPR &&
		       fw.calls[0].command == 1 && fw.calls[0].size_in == 0 &&
		       fw.calls[0].size_out == 192,
	       "health envelope: func %u in %u out %u", fw.calls[0].command,
	       fw.calls[0].size_in, fw.calls[0].size_out);
	expect(ndctl_cmd_smart_get_flags(cmd) ==
		       (ND_SMART_HEALTH_VALID | ND_SMART_SHUTDOWN_VALID |
			ND_SMART_USED_VALID | ND_SMART_SHUTDOWN_COUNT_VALID),
	       "flags %#x", ndctl_cmd_smart_get_flags(cmd));
	expect(ndctl_cmd_smart_get_health(cmd) == ND_SMART_NON_CRITICAL_HEALTH,
	       "health %#x", ndctl_cmd_smart_get_health(cmd));
	expect(ndctl_cmd_smart_get_life_used(cmd) == 40, "life used %u",
	       ndctl_cmd_smart_get_life_used(cmd));
	expect(ndctl_cmd_smart_get_shutdown_state(cmd) == 1 &&
		       ndctl_cmd_smart_get_shutdown_count(cmd) == 12,
	       "shutdown %u count %u", ndctl_cmd_smart_get_shutdown_state(cmd),
	       ndctl_cmd_smart_get_shutdown_count(cmd));
	ndctl_cmd_unref(cmd);

	/* the PDSM reports an errno */
	reset_fw();
	fw.papr_status = -EIO;
	cmd = ndctl_dimm_cmd_new_smart(&f->dimm);
	expect(cmd && ndctl_cmd_submit_xlat(cmd) == -EIO, "PDSM -EIO");
	expect(ndctl_cmd_smart_get_flags(cmd) == UINT_MAX, "flags after -EIO");
	ndctl_cmd_unref(cmd);

	/* injection: fatal health and an unsafe shutdown */
	expect(ndctl_dimm_smart_inject_supported(&f->dimm) ==
		       (ND_SMART_INJECT_HEALTH_STATE |
			ND_SMART_INJECT_UNCLEAN_SHUTDOWN),
	       "inject supported %d", ndctl_dimm_smart_inject_supported(&f->dimm));
	reset_fw();
	cmd = ndctl_dimm_cmd_new_smart_inject(&f->dimm);
	expect(cmd, "no PAPR inject command");
	if (!cmd)
		return;
	expect(ndctl_cmd_smart_inject_fatal(cmd, true) == 0 &&
		       ndctl_cmd_smart_inject_unsafe_shutdown(cmd, true) == 0,
	       "inject setters");
	expect(ndctl_cmd_smart_inject_media_temperature(cmd, true, 0x100) ==
		       -EOPNOTSUPP &&
		       ndctl_cmd_smart_inject_spares(cmd, true, 1) == -EOPNOTSUPP,
	       "PAPR injects only health and shutdown");
	expect(ndctl_cmd_submit_xlat(cmd) == 0, "inject submit");
	expect(fw.calls[0].command == 2 && fw.calls[0].size_in == 192 &&
		       fw.calls[0].size_out == 192,
	       "inject envelope: func %u in %u out %u", fw.calls[0].command,
	       fw.calls[0].size_in, fw.calls[0].size_out);
	memcpy(&st, fw.calls[0].in, 4);
	expect(st == 0 && fw.calls[0].in[4] == 0 && fw.calls[0].in[6] == 0,
	       "PDSM header not zero");
	expect(fw.calls[0].in[8] == 0x3 && fw.calls[0].in[12] == 1 &&
		       fw.calls[0].in[13] == 1,
	       "inject payload %#x %u %u", fw.calls[0].in[8], fw.calls[0].in[12],
	       fw.calls[0].in[13]);
	ndctl_cmd_unref(cmd);
	free(f);
	free(none);
}

static void test_hpe1(void)
{
	struct fake *f = fake_dimm("hpe1", NVDIMM_FAMILY_HPE1, 0x1c3c76, false);
	struct ndctl_cmd *cmd;
	uint32_t want;

	reset_fw();
	cmd = ndctl_dimm_cmd_new_smart(&f->dimm);
	expect(cmd, "no HPE1 SMART command");
	if (!cmd)
		return;
	expect(ndctl_cmd_submit_xlat(cmd) == 0, "submit");
	expect(fw.calls[0].command == 1 && fw.calls[0].size_in == 4 &&
		       fw.calls[0].size_out == 128,
	       "SMART envelope: func %u in %u out %u", fw.calls[0].command,
	       fw.calls[0].size_in, fw.calls[0].size_out);
	memcpy(&want, fw.calls[0].in, 4);
	expect(want == 0x23f, "requested validity %#x", want);
	expect(ndctl_cmd_smart_get_flags(cmd) ==
		       (ND_SMART_HEALTH_VALID | ND_SMART_MTEMP_VALID |
			ND_SMART_SHUTDOWN_VALID),
	       "flags %#x", ndctl_cmd_smart_get_flags(cmd));
	expect(ndctl_cmd_smart_get_health(cmd) == ND_SMART_FATAL_HEALTH,
	       "health %#x", ndctl_cmd_smart_get_health(cmd));
	expect(ndctl_decode_smart_temperature(
		       ndctl_cmd_smart_get_temperature(cmd)) == 23.0,
	       "temperature %#x", ndctl_cmd_smart_get_temperature(cmd));
	expect(ndctl_cmd_smart_get_shutdown_state(cmd) == 0, "shutdown %u",
	       ndctl_cmd_smart_get_shutdown_state(cmd));
	ndctl_cmd_unref(cmd);

	reset_fw();
	cmd = ndctl_dimm_cmd_new_smart_threshold(&f->dimm);
	expect(cmd, "no HPE1 threshold command");
	if (!cmd)
		return;
	expect(ndctl_cmd_submit_xlat(cmd) == 0, "submit");
	expect(fw.calls[0].command == 2 && fw.calls[0].size_in == 0 &&
		       fw.calls[0].size_out == 36,
	       "threshold envelope: func %u in %u out %u", fw.calls[0].command,
	       fw.calls[0].size_in, fw.calls[0].size_out);
	expect(ndctl_cmd_smart_threshold_get_alarm_control(cmd) ==
		       (ND_SMART_MTEMP_TRIP | ND_SMART_SPARE_TRIP),
	       "alarm control %#x",
	       ndctl_cmd_smart_threshold_get_alarm_control(cmd));
	expect(ndctl_decode_smart_temperature(
		       ndctl_cmd_smart_threshold_get_temperature(cmd)) == 80.0 &&
		       ndctl_cmd_smart_threshold_get_spares(cmd) == 12,
	       "threshold values");
	expect(!ndctl_dimm_cmd_new_smart_set_threshold(cmd),
	       "HPE1 has no set-threshold");
	ndctl_cmd_unref(cmd);
	expect(!ndctl_dimm_cmd_new_smart_inject(&f->dimm) &&
		       ndctl_dimm_smart_inject_supported(&f->dimm) == -EOPNOTSUPP,
	       "HPE1 has no injection");
	free(f);
}

static void test_msft(void)
{
	struct fake *f = fake_dimm("msft", NVDIMM_FAMILY_MSFT, 0xffffffff, false);
	struct fake *nofn = fake_dimm("msft0", NVDIMM_FAMILY_MSFT, 0x1, false);
	struct ndctl_cmd *cmd;

	reset_fw();
	cmd = ndctl_dimm_cmd_new_smart(&f->dimm);
	expect(cmd, "no MSFT SMART command");
	if (!cmd)
		return;
	expect(ndctl_cmd_submit_xlat(cmd) == 0, "submit");
	expect(fw.calls[0].command == 11 && fw.calls[0].size_in == 0 &&
		       fw.calls[0].size_out == 13,
	       "envelope: func %u in %u out %u", fw.calls[0].command,
	       fw.calls[0].size_in, fw.calls[0].size_out);
	expect(ndctl_cmd_smart_get_health(cmd) == ND_SMART_CRITICAL_HEALTH,
	       "health %#x", ndctl_cmd_smart_get_health(cmd));
	expect(ndctl_decode_smart_temperature(
		       ndctl_cmd_smart_get_temperature(cmd)) == 40.0,
	       "temperature %#x", ndctl_cmd_smart_get_temperature(cmd));
	expect(ndctl_cmd_smart_get_life_used(cmd) == 3, "life used %u",
	       ndctl_cmd_smart_get_life_used(cmd));
	ndctl_cmd_unref(cmd);
	expect(!ndctl_dimm_cmd_new_smart(&nofn->dimm),
	       "SMART built without function 11 in the mask");
	free(f);
	free(nofn);
}

int main(void)
{
	char cmdline[PATH_MAX + 16];

	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	if (ndctl_new(&ctx) < 0)
		return 1;
	test_hyperv();
	test_papr();
	test_hpe1();
	test_msft();
	ndctl_unref(ctx);
	snprintf(cmdline, sizeof(cmdline), "rm -rf '%s'", root);
	if (system(cmdline) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	if (failures) {
		fprintf(stderr, "%d failures\n", failures);
		return 1;
	}
	printf("family commands: all passed\n");
	return 0;
}
