#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# contrib/daxctl/90-daxctl-device.rules under the real systemd-udevd
# (test/vm/run --udev), on qemu's ACPI NVDIMM (real memory, so kmem can
# take it): a new dax device gets the rule's TAG and SYSTEMD_WANTS, and
# the unit it names, daxdev-reconfigure@.service, applies the
# daxctl.conf.d section whose nvdimm.uuid matches -- system-ram, online,
# not movable -- before `ndctl create-namespace` returns (it waits for
# udev, RUN programs included).  A device no section names is left alone.
#
# The guest has no systemd, which is what acts on SYSTEMD_WANTS: a test
# rule (91-, after ours) stands in for it and runs the unit's ExecStart
# with %i expanded, from udevd, for each daxdev-reconfigure@ instance the
# event wants.  Proven: our rule matches and names the unit, the unit's
# command line applies the config from the compiled-in daxctl.conf.d.  Not
# proven: systemd's own handling (BindsTo/After=dev-%i.device, starting
# the unit).
# Usage: udev-rule.sh [--guest]
. "$TEST_SRCDIR/common.sh"
if [ "${1:-}" != --guest ]; then
	export TEST_VM_ARGS="--udev --acpi-nvdimm --no-nfit --modules nfit,nd_pmem,dax_pmem,device_dax,kmem"
	exec "$TOP_SRCDIR/test/nfit-launch" "$TEST_SRCDIR/daxctl/udev-rule.sh" --guest
fi
. "$TEST_SRCDIR/daxctl/dax-helpers.sh"
[ -x "${NDCTL:-}" ] || fail "NDCTL is not set"
if ! [ -S /run/udev/control ]; then
	[ "${TEST_VM:-0}" = 1 ] && fail "no udev in the guest (/run/udev/control is missing)"
	skip "udev is not running"
fi
# it installs udev rules: only in a throwaway guest
[ "${TEST_VM:-0}" = 1 ] || skip "changes udev's rules: runs in the VM only"
bus=$(nd_bus_dir ACPI.NFIT) || skip "no ACPI.NFIT bus (needs test/vm/run --acpi-nvdimm)"
region=$(basename "$(ls -d "$bus"/region* | head -n1)")
nmem=$(basename "$(ls -d "$bus"/nmem* | head -n1)")

# the daxctl.conf.d the tool reads when nothing overrides it
opts=$TOP_BUILDDIR/meson-info/intro-buildoptions.json
prefix=$(jq -r '.[] | select(.name == "prefix") | .value' "$opts")
sysconf=$(jq -r '.[] | select(.name == "sysconfdir") | .value' "$opts")
case "$sysconf" in /*) ;; *) sysconf=$prefix/$sysconf ;; esac
confdir=$sysconf/daxctl.conf.d
unset DAXCTL_CONF_DIR

work=/run/udev-rule-test
mkdir -p "$work" /etc/udev/rules.d "$confdir"
cp "$TOP_SRCDIR/contrib/daxctl/90-daxctl-device.rules" /etc/udev/rules.d/
# the unit as installed, with the build's daxctl in place of @BINDIR@
sed "s|@BINDIR@|$(dirname "$DAXCTL")|" \
	"$TOP_SRCDIR/contrib/daxctl/daxdev-reconfigure@.service.in" >"$work/daxdev-reconfigure@.service"
cat >"$work/systemd-wants" <<'EOF'
#!/bin/bash
# Stand-in for systemd: start the daxdev-reconfigure@ instances that udev
# says the device wants, by running the unit's ExecStart.
work=/run/udev-rule-test
exec >>"$work/log" 2>&1
echo "event $ACTION $DEVNAME TAGS=$TAGS SYSTEMD_WANTS=$SYSTEMD_WANTS"
for u in $SYSTEMD_WANTS; do
	case "$u" in daxdev-reconfigure@*.service) ;; *) continue ;; esac
	i=${u#daxdev-reconfigure@}
	i=${i%.service}
	cmd=$(sed -n 's/^ExecStart=//p' "$work/daxdev-reconfigure@.service")
	cmd=${cmd//%i/$i}
	echo "start $u: $cmd"
	$cmd
	echo "exit $u: $?"
done
EOF
chmod +x "$work/systemd-wants"
echo "ACTION==\"add\", SUBSYSTEM==\"dax\", ENV{SYSTEMD_WANTS}==\"?*\", RUN+=\"$work/systemd-wants\"" \
	>/etc/udev/rules.d/91-test-systemd-wants.rules
check udevadm control --reload

uuid=$(cat /proc/sys/kernel/random/uuid)
cat >"$confdir/50-udev-test.conf" <<EOF
[reconfigure-device udev-test]
nvdimm.uuid = $uuid
mode = system-ram
online = true
movable = false
EOF

check "$NDCTL" disable-region -b ACPI.NFIT all
check "$NDCTL" init-labels -f "$nmem"
check "$NDCTL" enable-region -b ACPI.NFIT all

ns=$("$NDCTL" create-namespace -r "$region" -m devdax -a 2M -s 256M -u "$uuid" 2>"$ERR") ||
	fail "create-namespace: $(cat "$ERR")"
dax=$(jq -r '.daxregion.devices[0].chardev' <<<"$ns")
# no settle: create-namespace has waited for udev and its RUN programs
mode=$(dev_field "$dax" mode)
if [ "$mode" != system-ram ]; then
	cat "$work/log" >&2
	fail "$dax: mode '$mode' when create-namespace returned, expected system-ram from $confdir"
fi
grep -q "^event add /dev/$dax TAGS=.*:systemd:.* SYSTEMD_WANTS=daxdev-reconfigure@$dax.service" "$work/log" ||
	fail "the rule's TAG/SYSTEMD_WANTS not on $dax's event: $(cat "$work/log")"
grep -qx "exit daxdev-reconfigure@$dax.service: 0" "$work/log" ||
	fail "the unit's command failed: $(cat "$work/log")"
total=$(dev_field "$dax" total_memblocks)
[ "$total" -gt 0 ] 2>/dev/null || fail "$dax: no memory blocks ($total)"
assert_eq "$(dev_field "$dax" online_memblocks)" "$total" "$dax: config online = true"
assert_eq "$(dev_field "$dax" movable)" false "$dax: config movable = false"
echo "$dax: reconfigured by udev per $confdir/50-udev-test.conf ($total memory blocks online)"

# a namespace no section names: the rule fires, the command finds
# nothing to do, the device stays devdax
ns2=$("$NDCTL" create-namespace -r "$region" -m devdax -a 2M -s 64M 2>"$ERR") ||
	fail "create-namespace (second): $(cat "$ERR")"
dax2=$(jq -r '.daxregion.devices[0].chardev' <<<"$ns2")
assert_eq "$(dev_field "$dax2" mode)" devdax "$dax2: no section, left as it was"
grep -qx "exit daxdev-reconfigure@$dax2.service: 0" "$work/log" ||
	fail "the unit did not run for $dax2: $(cat "$work/log")"
grep -q "no matching section" "$work/log" || fail "no 'no matching section' for $dax2: $(cat "$work/log")"
udevadm info -n "/dev/$dax2" >&2
cat "$work/log"
