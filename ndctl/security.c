// SPDX-License-Identifier: GPL-2.0-only
/*
 * DIMM security: setup-passphrase, update-passphrase, remove-passphrase,
 * freeze-security, sanitize-dimm, wait-overwrite and load-keys.  The
 * kernel runs the passphrase protocol with keys it looks up by serial in
 * our user keyring (keys.c); we check the state first so that a request
 * the DIMM cannot take is refused with a reason, before anything changes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "ndctl/builtin.h"
#include "ndctl/dimm.h"
#include "ndctl/json-firmware.h"
#include "ndctl/keys.h"

enum sec_op {
	OP_SETUP, OP_UPDATE, OP_REMOVE, OP_FREEZE, OP_SANITIZE, OP_WAIT,
};

struct sec_args {
	enum sec_op op;
	const char *prog;
	struct nd_keys keys;
	bool master, crypto_erase, overwrite, zero_key, force;
};

static const char *keys_dir(void)
{
	const char *dir = getenv("NDCTL_KEYS_DIR");

	return dir && *dir ? dir : ND_KEYS_DIR;
}

static const char *state_word(struct ndctl_dimm *dimm)
{
	const char *w = nd_security_state_name(ndctl_dimm_get_security(dimm));

	return w ? w : "unknown";
}

/* One line for a failed security op: what, which DIMM, why, its state. */
static int op_failed(const struct sec_args *a, struct ndctl_dimm *dimm,
		     const char *what, int rc)
{
	const char *why = strerror(-rc);

	if (rc == -ENOKEY)
		why = "the kernel found no usable encrypted key for it";
	else if (rc == -EINVAL)
		why = "the DIMM rejected the passphrase (wrong key?)";
	else if (rc == -EBUSY)
		why = "the DIMM is busy (an enabled region or an overwrite)";
	fprintf(stderr, "%s: %s: %s failed: %s (security: %s)\n", a->prog,
		ndctl_dimm_get_devname(dimm), what, why, state_word(dimm));
	return rc;
}

/* Refusals every passphrase operation shares. */
static int check_state(const struct sec_args *a, struct ndctl_dimm *dimm,
		       enum ndctl_security_state st)
{
	const char *dev = ndctl_dimm_get_devname(dimm);

	if (st == NDCTL_SECURITY_INVALID) {
		/* the kernel cannot say a state while an overwrite runs */
		fprintf(stderr, "%s: %s: security state unavailable (an overwrite is running, or the DIMM has no security interface)\n",
			a->prog, dev);
		return -EOPNOTSUPP;
	}
	if (st == NDCTL_SECURITY_OVERWRITE) {
		fprintf(stderr, "%s: %s: an overwrite is running (see ndctl wait-overwrite)\n",
			a->prog, dev);
		return -EBUSY;
	}
	if (ndctl_dimm_security_is_frozen(dimm)) {
		fprintf(stderr, "%s: %s: security is frozen until the next power cycle\n",
			a->prog, dev);
		return -EPERM;
	}
	return 0;
}

static bool has_user_pass(enum ndctl_security_state st)
{
	return st == NDCTL_SECURITY_UNLOCKED || st == NDCTL_SECURITY_LOCKED ||
	       st == NDCTL_SECURITY_FROZEN;
}

static int setup_one(const struct sec_args *a, struct ndctl_dimm *dimm,
		     enum ndctl_security_state st)
{
	enum nd_key_kind kind = a->master ? ND_KEY_MASTER : ND_KEY_USER;
	key_serial_t key;
	int rc;

	if (!a->master && has_user_pass(st)) {
		fprintf(stderr, "%s: %s already has a passphrase (see ndctl update-passphrase)\n",
			a->prog, ndctl_dimm_get_devname(dimm));
		return -EEXIST;
	}
	rc = nd_key_create(&a->keys, dimm, kind, false, &key);
	if (rc)
		return rc;
	/* key 0: the DIMM's current (zero) passphrase */
	rc = a->master ? ndctl_dimm_update_master_passphrase(dimm, 0, key)
		       : ndctl_dimm_update_passphrase(dimm, 0, key);
	if (rc < 0) {
		nd_key_drop(key);
		return op_failed(a, dimm, a->master ? "setting the master passphrase"
						    : "setting the passphrase", rc);
	}
	return nd_key_commit(&a->keys, dimm, kind, key);
}

static int update_one(const struct sec_args *a, struct ndctl_dimm *dimm,
		      enum ndctl_security_state st)
{
	enum nd_key_kind kind = a->master ? ND_KEY_MASTER : ND_KEY_USER;
	key_serial_t cur, key;
	int rc;

	if (!a->master && !has_user_pass(st)) {
		fprintf(stderr, "%s: %s has no passphrase to update (see ndctl setup-passphrase)\n",
			a->prog, ndctl_dimm_get_devname(dimm));
		return -ENOENT;
	}
	rc = nd_key_get(&a->keys, dimm, kind, &cur);
	if (rc)
		return rc;
	rc = nd_key_create(&a->keys, dimm, kind, true, &key);
	if (rc)
		return rc;
	rc = a->master ? ndctl_dimm_update_master_passphrase(dimm, cur, key)
		       : ndctl_dimm_update_passphrase(dimm, cur, key);
	if (rc < 0) {
		nd_key_drop(key);
		return op_failed(a, dimm, "changing the passphrase", rc);
	}
	return nd_key_commit(&a->keys, dimm, kind, key);
}

static int remove_one(const struct sec_args *a, struct ndctl_dimm *dimm,
		      enum ndctl_security_state st)
{
	enum nd_key_kind kind = a->master ? ND_KEY_MASTER : ND_KEY_USER;
	key_serial_t cur;
	int rc;

	if (!a->master && !has_user_pass(st)) {
		fprintf(stderr, "%s: %s has no passphrase to remove\n", a->prog,
			ndctl_dimm_get_devname(dimm));
		return -ENOENT;
	}
	rc = nd_key_get(&a->keys, dimm, kind, &cur);
	if (rc)
		return rc;
	rc = a->master ? ndctl_dimm_disable_master_passphrase(dimm, cur)
		       : ndctl_dimm_disable_passphrase(dimm, cur);
	if (rc < 0)
		return op_failed(a, dimm, "removing the passphrase", rc);
	return nd_key_remove(&a->keys, dimm, kind);
}

static int sanitize_one(const struct sec_args *a, struct ndctl_dimm *dimm,
			enum ndctl_security_state st)
{
	key_serial_t key = 0;
	int rc;

	if (!a->force && (rc = nd_dimm_check_unused(dimm, a->prog, true)))
		return rc;
	if (a->master) {
		rc = nd_key_get(&a->keys, dimm, ND_KEY_MASTER, &key);
	} else if (!a->zero_key && has_user_pass(st)) {
		rc = nd_key_get(&a->keys, dimm, ND_KEY_USER, &key);
	} else if (!a->zero_key && a->crypto_erase) {
		fprintf(stderr, "%s: %s has no passphrase; crypto-erase with the zero key needs --zero-key\n",
			a->prog, ndctl_dimm_get_devname(dimm));
		return -ENOKEY;
	} else {
		rc = 0;	/* key 0: the zero passphrase */
	}
	if (rc)
		return rc;
	if (a->crypto_erase) {
		rc = a->master ? ndctl_dimm_master_secure_erase(dimm, key)
			       : ndctl_dimm_secure_erase(dimm, key);
		if (rc < 0)
			return op_failed(a, dimm, "crypto-erase", rc);
		/* an erase takes the user passphrase with the data */
		if (ndctl_dimm_get_security(dimm) == NDCTL_SECURITY_DISABLED &&
		    (rc = nd_key_remove(&a->keys, dimm, ND_KEY_USER)))
			return rc;
		if (!a->overwrite)
			return 0;
		key = 0;	/* the passphrase went with the erase */
		if (ndctl_dimm_get_security(dimm) != NDCTL_SECURITY_DISABLED &&
		    (rc = nd_key_get(&a->keys, dimm, ND_KEY_USER, &key)))
			return rc;
	}
	rc = ndctl_dimm_overwrite(dimm, key);
	if (rc < 0)
		return op_failed(a, dimm, "overwrite", rc);
	return 0;
}

static int wait_one(const struct sec_args *a, struct ndctl_dimm *dimm)
{
	int rc = ndctl_dimm_wait_overwrite(dimm);

	/*
	 * Some kernels (nfit_test's emulation among them) fail the state
	 * read with ENOTTY for as long as the overwrite runs instead of
	 * saying "overwrite"; they notify nothing then, so look once a
	 * second until the state reads again.
	 */
	if (rc == -ENOTTY) {
		while (ndctl_dimm_get_security(dimm) == NDCTL_SECURITY_INVALID)
			sleep(1);
		rc = 1;
	}
	if (rc < 0) {
		if (ndctl_dimm_get_security(dimm) == NDCTL_SECURITY_INVALID)
			fprintf(stderr, "%s: %s: the DIMM has no security interface\n",
				a->prog, ndctl_dimm_get_devname(dimm));
		else
			op_failed(a, dimm, "waiting for the overwrite", rc);
		return rc;
	}
	fprintf(stderr, "%s: %s\n", ndctl_dimm_get_devname(dimm),
		rc ? "overwrite completed" : "no overwrite in progress");
	return 0;
}

static int sec_one(struct ndctl_dimm *dimm, void *arg)
{
	const struct sec_args *a = arg;
	enum ndctl_security_state st;
	int rc;

	if (a->op == OP_WAIT)
		return wait_one(a, dimm);
	st = ndctl_dimm_get_security(dimm);
	rc = check_state(a, dimm, st);
	if (rc)
		return rc;
	switch (a->op) {
	case OP_SETUP:
		return setup_one(a, dimm, st);
	case OP_UPDATE:
		return update_one(a, dimm, st);
	case OP_REMOVE:
		return remove_one(a, dimm, st);
	case OP_FREEZE:
		if (st == NDCTL_SECURITY_DISABLED) {
			fprintf(stderr, "%s: %s has no passphrase; there is nothing to freeze\n",
				a->prog, ndctl_dimm_get_devname(dimm));
			return -ENOENT;
		}
		rc = ndctl_dimm_freeze_security(dimm);
		return rc < 0 ? op_failed(a, dimm, "freeze", rc) : 0;
	case OP_SANITIZE:
		return sanitize_one(a, dimm, st);
	default:
		return -EINVAL;
	}
}

static const char *done_words(const struct sec_args *a)
{
	switch (a->op) {
	case OP_SETUP:
		return "passphrase enabled for";
	case OP_UPDATE:
		return "passphrase updated for";
	case OP_REMOVE:
		return "passphrase removed for";
	case OP_FREEZE:
		return "security froze";
	case OP_SANITIZE:
		return a->crypto_erase && !a->overwrite ? "sanitized"
							: "overwrite issued for";
	default:
		return NULL;
	}
}

static int sec_action(int argc, const char **argv, struct ndctl_ctx *ctx,
		      enum sec_op op, const char *name)
{
	char prog[64], usage_line[128];
	const char *usage[] = { usage_line, NULL };
	const char *bus = NULL;
	int verbose = 0, n, done, failed;
	struct sec_args a = { .op = op, .prog = prog };
	const struct option common[] = {
		OPT_STRING('b', "bus", &bus, "bus-id",
			   "<nmem> must be on a bus with an id/provider of <bus-id>"),
		OPT_INCR('v', "verbose", &verbose, "turn on debug"),
	};
	struct option opts[12];
	size_t i = 0;

	snprintf(prog, sizeof(prog), "ndctl %s", name);
	snprintf(usage_line, sizeof(usage_line),
		 "ndctl %s <nmem0> [<nmem1>..<nmemN>] [<options>]", name);
	opts[i++] = common[0];
	opts[i++] = common[1];
	if (op == OP_SETUP || op == OP_UPDATE)
		opts[i++] = (struct option)OPT_STRING('k', "key-handle",
			&a.keys.kek, "key-handle",
			"master encryption key handle (default: nvdimm-master)");
	if (op == OP_SETUP || op == OP_UPDATE || op == OP_REMOVE ||
	    op == OP_SANITIZE)
		opts[i++] = (struct option)OPT_BOOLEAN('m', "master-passphrase",
			&a.master, "use master passphrase");
	if (op == OP_SANITIZE) {
		opts[i++] = (struct option)OPT_BOOLEAN('c', "crypto-erase",
			&a.crypto_erase, "crypto erase a dimm (the default)");
		opts[i++] = (struct option)OPT_BOOLEAN('o', "overwrite",
			&a.overwrite, "overwrite a dimm");
		opts[i++] = (struct option)OPT_BOOLEAN('z', "zero-key",
			&a.zero_key, "pass in a zero key");
		opts[i++] = (struct option)OPT_BOOLEAN('f', "force", &a.force,
			"erase even while a namespace on its region is active");
	}
	opts[i] = (struct option)OPT_END();

	n = nd_parse_options(argc, argv, opts, usage, prog);
	if (n == 0) {
		fprintf(stderr, "%s: specify a dimm (nmemN) to act on, or 'all'\n",
			prog);
		return EXIT_USAGE;
	}
	if (op == OP_SANITIZE) {
		if (!a.crypto_erase && !a.overwrite)
			a.crypto_erase = true;
		if (a.overwrite && a.master) {
			fprintf(stderr, "%s: overwrite does not take the master passphrase\n",
				prog);
			return EXIT_USAGE;
		}
		if (a.zero_key && a.master) {
			fprintf(stderr, "%s: --zero-key and --master-passphrase are exclusive\n",
				prog);
			return EXIT_USAGE;
		}
	}
	nd_quiet_library(ctx, verbose);
	a.keys.prog = prog;
	a.keys.dir = keys_dir();
	done = nd_for_each_dimm(ctx, prog, bus, argv, n, sec_one, &a, &failed);
	if (done < 0)
		return 1;
	if (done_words(&a) && (done || !failed))
		fprintf(stderr, "%s %d nmem%s.\n", done_words(&a), done,
			done == 1 ? "" : "s");
	return failed ? 1 : 0;
}

int cmd_setup_passphrase(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return sec_action(argc, argv, ctx, OP_SETUP, "setup-passphrase");
}

int cmd_update_passphrase(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return sec_action(argc, argv, ctx, OP_UPDATE, "update-passphrase");
}

int cmd_remove_passphrase(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return sec_action(argc, argv, ctx, OP_REMOVE, "remove-passphrase");
}

int cmd_freeze_security(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return sec_action(argc, argv, ctx, OP_FREEZE, "freeze-security");
}

int cmd_sanitize_dimm(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return sec_action(argc, argv, ctx, OP_SANITIZE, "sanitize-dimm");
}

int cmd_wait_overwrite(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	return sec_action(argc, argv, ctx, OP_WAIT, "wait-overwrite");
}

int cmd_load_keys(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = { "ndctl load-keys [<options>]", NULL };
	const char *prog = "ndctl load-keys", *dir = keys_dir(), *tpm = NULL;
	const struct option opts[] = {
		OPT_STRING('p', "key-path", &dir, "key-path",
			   "override the default key path"),
		OPT_STRING('t', "tpm-handle", &tpm, "tpm-handle",
			   "TPM handle for trusted key"),
		OPT_END(),
	};
	int n;

	(void)ctx;
	n = nd_parse_options(argc, argv, opts, usage, prog);
	if (n > 0) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", prog, argv[0]);
		return EXIT_USAGE;

	}
	return nd_load_keys(prog, dir, tpm) ? 1 : 0;
}
