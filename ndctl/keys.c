// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DIMM passphrase keys: kernel keyring "encrypted" keys sealed by a
 * key encryption key, and their blobs in the keys directory (keys.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/read-file.h"
#include "ndctl/keys.h"

#define BLOB_MAX 4096

static const char *kind_prefix(enum nd_key_kind kind)
{
	return kind == ND_KEY_MASTER ? "nvdimm-master" : "nvdimm";
}

static const char *host(void)
{
	static char name[HOST_NAME_MAX + 1];

	if (!name[0] && (gethostname(name, sizeof(name) - 1) < 0 || !name[0]))
		snprintf(name, sizeof(name), "(none)");
	return name;
}

void nd_key_desc(struct ndctl_dimm *dimm, enum nd_key_kind kind, char *buf,
		 size_t len)
{
	snprintf(buf, len, "%s:%s", kind_prefix(kind),
		 ndctl_dimm_get_unique_id(dimm));
}

static void blob_path(const struct nd_keys *k, struct ndctl_dimm *dimm,
		      enum nd_key_kind kind, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s_%s_%s.blob", k->dir, kind_prefix(kind),
		 ndctl_dimm_get_unique_id(dimm), host());
}

static key_serial_t find(const char *type, const char *desc)
{
	long rc = keyctl_search(KEY_SPEC_USER_KEYRING, type, desc, 0);

	return rc < 0 ? 0 : (key_serial_t)rc;
}

/*
 * The KEK named by -k: "user:NAME", "trusted:NAME", or a bare NAME looked
 * up as a user key, then a trusted one.  Fills "type:NAME" into @spec.
 */
static int kek_spec(const struct nd_keys *k, struct ndctl_dimm *dimm,
		    char *spec, size_t len)
{
	const char *handle = k->kek ? k->kek : ND_KEK_DEFAULT;
	const char *colon = strchr(handle, ':');
	static const char *const types[] = { "user", "trusted" };
	size_t i;

	if (colon) {
		size_t tlen = (size_t)(colon - handle);

		if (!colon[1] || !((tlen == 4 && !strncmp(handle, "user", 4)) ||
				   (tlen == 7 && !strncmp(handle, "trusted", 7)))) {
			fprintf(stderr, "%s: key handle '%s': expected user:NAME or trusted:NAME\n",
				k->prog, handle);
			return -EINVAL;
		}
		snprintf(spec, len, "%.*s", (int)tlen, handle);
		if (find(spec, colon + 1)) {
			snprintf(spec, len, "%s", handle);
			return 0;
		}
	} else {
		for (i = 0; i < 2; i++)
			if (find(types[i], handle)) {
				snprintf(spec, len, "%s:%s", types[i], handle);
				return 0;
			}
	}
	fprintf(stderr, "%s: %s: master key '%s' is not in the user keyring (see ndctl load-keys)\n",
		k->prog, ndctl_dimm_get_devname(dimm), handle);
	return -ENOKEY;
}

static bool have_id(const struct nd_keys *k, struct ndctl_dimm *dimm)
{
	if (ndctl_dimm_get_unique_id(dimm))
		return true;
	fprintf(stderr, "%s: %s has no unique id to name its key by\n",
		k->prog, ndctl_dimm_get_devname(dimm));
	return false;
}

int nd_key_create(const struct nd_keys *k, struct ndctl_dimm *dimm,
		  enum nd_key_kind kind, bool temporary, key_serial_t *serial)
{
	char desc[ND_KEY_DESC_SIZE], spec[ND_KEY_CMD_SIZE];
	char cmd[ND_KEY_CMD_SIZE + 32];
	int rc;

	if (!have_id(k, dimm))
		return -ENXIO;
	rc = kek_spec(k, dimm, spec, sizeof(spec));
	if (rc)
		return rc;
	if (temporary)
		snprintf(desc, sizeof(desc), "%s-new:%s", kind_prefix(kind),
			 ndctl_dimm_get_unique_id(dimm));
	else
		nd_key_desc(dimm, kind, desc, sizeof(desc));
	if (find("encrypted", desc)) {
		fprintf(stderr, "%s: %s: key %s is already in the user keyring\n",
			k->prog, ndctl_dimm_get_devname(dimm), desc);
		return -EEXIST;
	}
	snprintf(cmd, sizeof(cmd), "new enc32 %s 32", spec);
	*serial = add_key("encrypted", desc, cmd, strlen(cmd),
			  KEY_SPEC_USER_KEYRING);
	if (*serial < 0) {
		rc = -errno;
		fprintf(stderr, "%s: %s: cannot create key %s sealed by %s: %s\n",
			k->prog, ndctl_dimm_get_devname(dimm), desc, spec,
			strerror(errno));
		*serial = 0;
		return rc;
	}
	return 0;
}

void nd_key_drop(key_serial_t serial)
{
	if (serial > 0)
		keyctl_unlink(serial, KEY_SPEC_USER_KEYRING);
}

/*
 * The whole file into @buf (NUL terminated), trailing whitespace cut.  Read
 * with the shared bounded reader: a FIFO or device planted in the key
 * directory is refused, and a blob that does not fit is -EFBIG.
 */
static ssize_t read_blob(const char *path, char *buf, size_t len, bool trim)
{
	char why[96], *data;
	size_t total;
	int rc;

	rc = util_read_file(path, len - 2, 0, &data, &total, why, sizeof(why));
	if (rc)
		return rc;
	memcpy(buf, data, total + 1);
	free(data);
	while (trim && total && (buf[total - 1] == '\n' || buf[total - 1] == ' '))
		buf[--total] = '\0';
	return (ssize_t)total;
}

static int write_blob(const char *path, const void *data, size_t len)
{
	char tmp[PATH_MAX + 8];
	int fd, rc = 0;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, data, len) != (ssize_t)len || fsync(fd) < 0)
		rc = errno ? -errno : -EIO;
	if (close(fd) < 0 && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path) < 0)
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}

static key_serial_t load(const char *desc, const char *blob)
{
	char *cmd;
	key_serial_t serial;

	if (asprintf(&cmd, "load %s", blob) < 0)
		return -1;
	serial = add_key("encrypted", desc, cmd, strlen(cmd),
			 KEY_SPEC_USER_KEYRING);
	free(cmd);
	return serial;
}

int nd_key_get(const struct nd_keys *k, struct ndctl_dimm *dimm,
	       enum nd_key_kind kind, key_serial_t *serial)
{
	char desc[ND_KEY_DESC_SIZE], path[PATH_MAX], blob[BLOB_MAX];
	ssize_t n;

	if (!have_id(k, dimm))
		return -ENXIO;
	nd_key_desc(dimm, kind, desc, sizeof(desc));
	*serial = find("encrypted", desc);
	if (*serial)
		return 0;
	if (find("user", desc) || find("logon", desc) || find("trusted", desc)) {
		fprintf(stderr, "%s: %s: key %s in the user keyring is not an 'encrypted' key\n",
			k->prog, ndctl_dimm_get_devname(dimm), desc);
		return -EKEYREJECTED;
	}
	blob_path(k, dimm, kind, path, sizeof(path));
	n = read_blob(path, blob, sizeof(blob), true);
	if (n == -ENOENT) {
		fprintf(stderr, "%s: %s: key %s is not in the user keyring and there is no %s\n",
			k->prog, ndctl_dimm_get_devname(dimm), desc, path);
		return -ENOKEY;
	}
	if (n <= 0) {
		fprintf(stderr, "%s: %s: cannot read key blob %s: %s\n", k->prog,
			ndctl_dimm_get_devname(dimm), path,
			n ? strerror((int)-n) : "empty file");
		return n ? (int)n : -EINVAL;
	}
	*serial = load(desc, blob);
	if (*serial < 0) {
		int rc = -errno;

		fprintf(stderr, "%s: %s: cannot load key %s from %s: %s\n",
			k->prog, ndctl_dimm_get_devname(dimm), desc, path,
			errno == ENOKEY ? "the master key that sealed it is not in the user keyring (see ndctl load-keys)"
					: strerror(errno));
		*serial = 0;
		return rc;
	}
	return 0;
}

int nd_key_commit(const struct nd_keys *k, struct ndctl_dimm *dimm,
		  enum nd_key_kind kind, key_serial_t serial)
{
	char desc[ND_KEY_DESC_SIZE], path[PATH_MAX];
	key_serial_t cur, final = serial;
	char *blob = NULL;
	long len;
	int rc = 0;

	nd_key_desc(dimm, kind, desc, sizeof(desc));
	len = keyctl_read_alloc(serial, (void **)&blob);
	if (len < 0) {
		rc = -errno;
		fprintf(stderr, "%s: %s: the DIMM has the new passphrase but reading its key back failed: %s\n",
			k->prog, ndctl_dimm_get_devname(dimm), strerror(errno));
		return rc;
	}
	cur = find("encrypted", desc);
	if (cur != serial) {
		/* a temporary description: the key becomes "nvdimm:<id>" */
		nd_key_drop(cur);
		final = load(desc, blob);
		if (final < 0) {
			rc = -errno;
			fprintf(stderr, "%s: %s: cannot store the new key as %s: %s\n",
				k->prog, ndctl_dimm_get_devname(dimm), desc,
				strerror(errno));
			free(blob);
			return rc;
		}
		nd_key_drop(serial);
	}
	blob_path(k, dimm, kind, path, sizeof(path));
	rc = write_blob(path, blob, (size_t)len);
	if (rc)
		fprintf(stderr, "%s: %s: the DIMM has the new passphrase (key %s) but saving %s failed: %s\n",
			k->prog, ndctl_dimm_get_devname(dimm), desc, path,
			strerror(-rc));
	free(blob);
	return rc;
}

int nd_key_remove(const struct nd_keys *k, struct ndctl_dimm *dimm,
		  enum nd_key_kind kind)
{
	char desc[ND_KEY_DESC_SIZE], path[PATH_MAX];

	nd_key_desc(dimm, kind, desc, sizeof(desc));
	nd_key_drop(find("encrypted", desc));
	blob_path(k, dimm, kind, path, sizeof(path));
	if (unlink(path) < 0 && errno != ENOENT) {
		fprintf(stderr, "%s: %s: cannot remove %s: %s\n", k->prog,
			ndctl_dimm_get_devname(dimm), path, strerror(errno));
		return -errno;
	}
	return 0;
}

/* ---- load-keys ---- */

static int load_kek(const char *prog, const char *dir, const char *tpm_handle)
{
	char path[PATH_MAX], handle[256], blob[BLOB_MAX], *cmd;
	key_serial_t serial;
	ssize_t n;

	if (find("user", ND_KEK_DEFAULT) || find("trusted", ND_KEK_DEFAULT)) {
		fprintf(stderr, "%s: master key %s already loaded\n", prog,
			ND_KEK_DEFAULT);
		return 0;
	}
	if (!tpm_handle) {
		snprintf(path, sizeof(path), "%s/tpm.handle", dir);
		n = read_blob(path, handle, sizeof(handle), true);
		if (n > 0)
			tpm_handle = handle;
		else if (n != -ENOENT) {
			fprintf(stderr, "%s: cannot read %s: %s\n", prog, path,
				n ? strerror((int)-n) : "empty file");
			return n ? (int)n : -EINVAL;
		}
	}
	snprintf(path, sizeof(path), "%s/%s.blob", dir, ND_KEK_DEFAULT);
	n = read_blob(path, blob, sizeof(blob), !!tpm_handle);
	if (n <= 0) {
		fprintf(stderr, "%s: cannot read the master key %s: %s\n", prog,
			path, n ? strerror((int)-n) : "empty file");
		return n ? (int)n : -EINVAL;
	}
	if (tpm_handle) {
		if (asprintf(&cmd, "load %s keyhandle=%s", blob, tpm_handle) < 0)
			return -ENOMEM;
		serial = add_key("trusted", ND_KEK_DEFAULT, cmd, strlen(cmd),
				 KEY_SPEC_USER_KEYRING);
		free(cmd);
	} else {
		serial = add_key("user", ND_KEK_DEFAULT, blob, (size_t)n,
				 KEY_SPEC_USER_KEYRING);
	}
	if (serial < 0) {
		int rc = -errno;

		fprintf(stderr, "%s: cannot load the %s master key from %s: %s\n",
			prog, tpm_handle ? "trusted" : "user", path,
			strerror(errno));
		return rc;
	}
	fprintf(stderr, "%s: master key %s loaded from %s\n", prog,
		ND_KEK_DEFAULT, path);
	return 0;
}

/* "nvdimm_<id>_<host>.blob" or "nvdimm-master_..." into "<prefix>:<id>" */
static bool blob_desc(const char *name, char *desc, size_t len)
{
	static const char *const prefixes[] = { "nvdimm-master_", "nvdimm_" };
	char suffix[HOST_NAME_MAX + 8];
	size_t i, nlen = strlen(name), plen, slen;

	snprintf(suffix, sizeof(suffix), "_%s.blob", host());
	slen = strlen(suffix);
	for (i = 0; i < 2; i++) {
		plen = strlen(prefixes[i]);
		if (nlen <= plen + slen || strncmp(name, prefixes[i], plen) ||
		    strcmp(name + nlen - slen, suffix))
			continue;
		snprintf(desc, len, "%.*s:%.*s", (int)plen - 1, prefixes[i],
			 (int)(nlen - plen - slen), name + plen);
		return true;
	}
	return false;
}

int nd_load_keys(const char *prog, const char *dir, const char *tpm_handle)
{
	char desc[ND_KEY_DESC_SIZE], path[PATH_MAX], blob[BLOB_MAX];
	int rc, loaded = 0, failed = 0;
	struct dirent *de;
	DIR *d;
	ssize_t n;

	rc = load_kek(prog, dir, tpm_handle);
	if (rc)
		return rc;
	d = opendir(dir);
	if (!d) {
		fprintf(stderr, "%s: cannot open %s: %s\n", prog, dir,
			strerror(errno));
		return -errno;
	}
	while ((de = readdir(d))) {
		if (!blob_desc(de->d_name, desc, sizeof(desc)))
			continue;
		if (find("encrypted", desc))
			continue;	/* already there */
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		n = read_blob(path, blob, sizeof(blob), true);
		if (n <= 0 || load(desc, blob) < 0) {
			fprintf(stderr, "%s: cannot load %s from %s: %s\n", prog,
				desc, path,
				n < 0 ? strerror((int)-n) :
				n == 0 ? "empty file" : strerror(errno));
			failed++;
			continue;
		}
		loaded++;
	}
	closedir(d);
	fprintf(stderr, "%s: %d nvdimm key%s loaded\n", prog, loaded,
		loaded == 1 ? "" : "s");
	return failed ? -EIO : 0;
}
