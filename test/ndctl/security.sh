#!/bin/bash
# DIMM security on nfit_test.0 end to end: the passphrase lifecycle
# (setup, update, remove, master passphrase), freeze and what it refuses,
# crypto-erase (user, master, zero key), overwrite with wait-overwrite,
# load-keys from a keys directory, and bad input (no master key, wrong or
# missing DIMM key, wrong key type, frozen DIMM): one stderr line naming
# the problem and the DIMM's security state unchanged.
. "$TEST_SRCDIR/common.sh"
. "$TEST_SRCDIR/ndctl/lib.sh"

command -v keyctl >/dev/null || skip "keyctl (keyutils) is not installed"
grep -qw encrypted /proc/keys /proc/key-users 2>/dev/null ||
	keyctl add encrypted probe "new 32" @s >/dev/null 2>&1 || true

relabel 1.1
NDCTL_KEYS_DIR=$(mktemp -d)
export NDCTL_KEYS_DIR
keyctl clear @u >/dev/null

dimms=$(nd list -D -b "$BUS" | jq -r '[.[] | select(.security)] | sort_by(.dev) | .[].dev')
D=$(sed -n 1p <<<"$dimms")
F=$(sed -n 2p <<<"$dimms")
[ -n "$D" ] && [ -n "$F" ] || fail "no two DIMMs with security on $BUS: $dimms"
sec() { nd list -D -d "$1" | jq -r '.[0].security'; }
uid() { nd list -D -d "$1" | jq -r '.[0].id'; }
blob() { echo "$NDCTL_KEYS_DIR/${2:-nvdimm}_$(uid "$1")_$(hostname).blob"; }
haskey() { keyctl search @u encrypted "${2:-nvdimm}:$(uid "$1")" >/dev/null 2>&1; }
# unchanged STATE CMD...: must fail with one line naming $WANT, state kept
unchanged() {
	local dimm=$1 before
	shift
	before=$(sec "$dimm")
	expect_fail_line "$@"
	assert_eq "$(sec "$dimm")" "$before" "state after '$*'"
}

assert_eq "$(sec "$D")" disabled "$D before"

# -- no master key, bad key handle
WANT="master key 'nvdimm-master' is not in the user keyring" unchanged "$D" nd setup-passphrase "$D"
WANT="expected user:NAME or trusted:NAME" unchanged "$D" nd setup-passphrase "$D" -k logon:nvdimm-master
WANT="'user:other' is not in the user keyring" unchanged "$D" nd setup-passphrase "$D" -k user:other
[ ! -e "$(blob "$D")" ] || fail "a blob after refused setups"

kek=$(head -c 24 /dev/urandom | base64 -w0)
check keyctl add user nvdimm-master "$kek" @u
printf '%s' "$kek" > "$NDCTL_KEYS_DIR/nvdimm-master.blob"

# -- setup
check nd setup-passphrase "$D"
assert_eq "$(sec "$D")" unlocked "$D after setup"
[ -s "$(blob "$D")" ] || fail "no blob $(blob "$D")"
haskey "$D" || fail "no nvdimm:$(uid "$D") key after setup"
WANT="already has a passphrase" unchanged "$D" nd setup-passphrase "$D"
# the listing matches the established tool, key for key
if [ -x "${DEB_ROOT:-}/usr/bin/ndctl" ]; then
	theirs() { LD_LIBRARY_PATH=$DEB_ROOT/usr/lib/x86_64-linux-gnu "$DEB_ROOT/usr/bin/ndctl" "$@"; }
	assert_eq "$(nd list -D -b "$BUS" | jq -cS "sort_by(.dev)")" "$(theirs list -D -b "$BUS" | jq -cS "sort_by(.dev)")" \
		"list -D vs the established ndctl (passphrase set)"
fi

# -- update (explicit key handle), the blob changes
old=$(cat "$(blob "$D")")
check nd update-passphrase "$D" -k user:nvdimm-master
new=$(cat "$(blob "$D")")
[ "$old" != "$new" ] || fail "update-passphrase left the blob unchanged"
assert_eq "$(sec "$D")" unlocked "$D after update"
keyctl search @u encrypted "nvdimm-new:$(uid "$D")" >/dev/null 2>&1 &&
	fail "the temporary key stayed in the keyring"

# -- wrong key: the old blob, no key in the keyring
keyctl unlink "$(keyctl search @u encrypted "nvdimm:$(uid "$D")")" @u >/dev/null
printf '%s' "$old" > "$(blob "$D")"
WANT="changing the passphrase failed" unchanged "$D" nd update-passphrase "$D"
keyctl unlink "$(keyctl search @u encrypted "nvdimm:$(uid "$D")")" @u >/dev/null
printf '%s' "$new" > "$(blob "$D")"

# -- missing key: neither in the keyring nor a blob
mv "$(blob "$D")" "$NDCTL_KEYS_DIR/saved"
WANT="key nvdimm:$(uid "$D") is not in the user keyring and there is no $(blob "$D")" \
	unchanged "$D" nd remove-passphrase "$D"
# wrong key type: a user key under the DIMM key's description
kid=$(keyctl add user "nvdimm:$(uid "$D")" junk @u)
WANT="is not an 'encrypted' key" unchanged "$D" nd remove-passphrase "$D"
keyctl unlink "$kid" @u >/dev/null
mv "$NDCTL_KEYS_DIR/saved" "$(blob "$D")"

# -- load-keys: the master key and the DIMM key from the keys directory
keyctl clear @u
WANT="the master key that sealed it is not in the user keyring" unchanged "$D" nd update-passphrase "$D"
WANT="cannot read the master key" expect_fail_line nd load-keys -p /nonexistent
out=$(nd load-keys 2>&1) || fail "load-keys: $out"
keyctl search @u user nvdimm-master >/dev/null || fail "load-keys did not load the master key"
haskey "$D" || fail "load-keys did not load nvdimm:$(uid "$D")"
check nd update-passphrase "$D"

# -- master passphrase
check nd setup-passphrase -m "$D"
[ -s "$(blob "$D" nvdimm-master)" ] || fail "no master blob"
haskey "$D" nvdimm-master || fail "no master key in the keyring"
check nd update-passphrase -m "$D"

# -- sanitize refuses while the DIMM's region is in use, and names it
r=$(nd list -R -D -b "$BUS" | jq -r --arg d "$D" '[.regions[] | select(any(.mappings[]; .dimm == $d))][0].dev')
[ "$r" != null ] || fail "no region on $D"
ns=$(nd create-namespace -r "$r" -s 16M -m raw | jq -r .dev) || fail "create-namespace on $r"
WANT="namespace $ns on $r is active" unchanged "$D" nd sanitize-dimm "$D"
WANT="namespace $ns on $r is active" unchanged "$D" nd sanitize-dimm -o "$D"
check nd destroy-namespace -f "$ns"
check nd disable-region -b "$BUS" all

# -- master erase
# (nfit_test's user erase also zeroes the master passphrase: master first)
check nd sanitize-dimm -m "$D"
assert_eq "$(sec "$D")" disabled "$D after master erase"
[ ! -e "$(blob "$D")" ] || fail "the user blob outlived the master erase"
[ -s "$(blob "$D" nvdimm-master)" ] || fail "the master blob went with the erase"
WANT="overwrite does not take the master passphrase" expect_fail_line nd sanitize-dimm -o -m "$D"

# -- crypto-erase with the user passphrase takes the passphrase with it
check nd setup-passphrase "$D"
check nd sanitize-dimm "$D"
assert_eq "$(sec "$D")" disabled "$D after crypto-erase"
[ ! -e "$(blob "$D")" ] || fail "the blob outlived the passphrase"
haskey "$D" && fail "the key outlived the passphrase"
WANT="needs --zero-key" unchanged "$D" nd sanitize-dimm "$D"
check nd sanitize-dimm -z "$D"
assert_eq "$(sec "$D")" disabled "$D after zero-key erase"

# -- overwrite and wait-overwrite; the passphrase survives
check nd setup-passphrase "$D"
out=$(nd sanitize-dimm -o "$D" 2>&1) || fail "overwrite: $out"
# nfit_test's security attribute fails to read during an overwrite (its
# emulation never says "overwrite"): no "security" key, as the established
# tool prints it
assert_eq "$(sec "$D")" null "$D during the overwrite"
WANT="an overwrite is running" unchanged "$D" nd update-passphrase "$D"
t0=$(date +%s)
out=$(nd wait-overwrite "$D" 2>&1) || fail "wait-overwrite: $out"
grep -q "overwrite completed" <<<"$out" || fail "wait-overwrite: $out"
[ $(( $(date +%s) - t0 )) -ge 1 ] || fail "wait-overwrite returned at once"
assert_eq "$(sec "$D")" unlocked "$D after the overwrite"
out=$(nd wait-overwrite "$D" 2>&1) || fail "second wait-overwrite: $out"
grep -q "no overwrite in progress" <<<"$out" || fail "second wait-overwrite: $out"

# -- remove
check nd remove-passphrase "$D"
assert_eq "$(sec "$D")" disabled "$D after remove"
[ ! -e "$(blob "$D")" ] || fail "remove left the blob"
WANT="has no passphrase to remove" unchanged "$D" nd remove-passphrase "$D"

# -- freeze, and what a frozen DIMM refuses
WANT="nothing to freeze" unchanged "$F" nd freeze-security "$F"
check nd setup-passphrase "$F"
check nd freeze-security "$F"
j=$(nd list -D -d "$F" | jq -c '.[0]')
assert_eq "$(jq -r .security_frozen <<<"$j")" true "security_frozen of $F: $j"
if [ -x "${DEB_ROOT:-}/usr/bin/ndctl" ]; then
	assert_eq "$(nd list -D -b "$BUS" | jq -cS "sort_by(.dev)")" "$(theirs list -D -b "$BUS" | jq -cS "sort_by(.dev)")" \
		"list -D vs the established ndctl (frozen)"
fi
for c in "update-passphrase" "remove-passphrase" "sanitize-dimm" "sanitize-dimm -o" \
	 "setup-passphrase -m"; do
	WANT="security is frozen" unchanged "$F" nd $c "$F"
done
[ -s "$(blob "$F")" ] || fail "the frozen DIMM's blob went away"

# -- operands
WANT="specify a dimm" expect_fail_line nd setup-passphrase
WANT="nmem999" expect_fail_line nd setup-passphrase nmem999
echo "security: ok"
