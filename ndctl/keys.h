/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDCTL_KEYS_H
#define NDCTL_KEYS_H

#include <stdbool.h>
#include <keyutils.h>
#include <ndctl/libndctl.h>

/*
 * DIMM passphrases as the kernel wants them: "encrypted" keys in the
 * user keyring, described "nvdimm:<unique id>" (the master passphrase
 * "nvdimm-master:<unique id>"), sealed by a "user" or "trusted" key
 * encryption key (KEK, "nvdimm-master" by default).  Each DIMM key is
 * kept as a sealed blob under the keys directory,
 * <dir>/nvdimm[-master]_<unique id>_<hostname>.blob, so that load-keys
 * can put it back at boot; the KEK itself is <dir>/<kek>.blob (a user
 * key's payload, or a TPM-sealed trusted key with <dir>/tpm.handle).
 */
#define ND_KEYS_DIR "/etc/ndctl/keys"
#define ND_KEK_DEFAULT "nvdimm-master"

enum nd_key_kind {
	ND_KEY_USER,	/* the user passphrase */
	ND_KEY_MASTER,	/* the master passphrase */
};

struct nd_keys {
	const char *prog;	/* message prefix */
	const char *dir;	/* keys directory */
	const char *kek;	/* -k: "user:NAME", "trusted:NAME" or "NAME" */
};

/*
 * Create a new passphrase key for @dimm sealed by the KEK (the sysfs
 * security op is the caller's); *@serial is the key.  The blob is written
 * by nd_key_commit() once the DIMM took the passphrase, or the key is
 * dropped by nd_key_drop().  One line and a negative errno on failure.
 */
int nd_key_create(const struct nd_keys *k, struct ndctl_dimm *dimm,
		  enum nd_key_kind kind, bool temporary, key_serial_t *serial);
/*
 * The DIMM's current key: from the user keyring, else loaded from its
 * blob.  Names the key and the blob it looked for when neither exists.
 */
int nd_key_get(const struct nd_keys *k, struct ndctl_dimm *dimm,
	       enum nd_key_kind kind, key_serial_t *serial);
/* After the DIMM accepted @serial: make it the DIMM's key of @kind (it
 * replaces any current one) and save its blob. */
int nd_key_commit(const struct nd_keys *k, struct ndctl_dimm *dimm,
		  enum nd_key_kind kind, key_serial_t serial);
/* Unlink @serial from the user keyring (0: nothing) */
void nd_key_drop(key_serial_t serial);
/* The passphrase of @kind is gone from the DIMM: drop its key and blob */
int nd_key_remove(const struct nd_keys *k, struct ndctl_dimm *dimm,
		  enum nd_key_kind kind);
/* "nvdimm:<id>" or "nvdimm-master:<id>" */
void nd_key_desc(struct ndctl_dimm *dimm, enum nd_key_kind kind, char *buf,
		 size_t len);

/* load-keys: the KEK, then every DIMM key blob of this host */
int nd_load_keys(const char *prog, const char *dir, const char *tpm_handle);

#endif
