#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The bash completion completes commands, options and values from the
# binary under test (no kernel needed: object lists are simply empty).
. "$TEST_SRCDIR/common.sh"
NDCTL=${NDCTL:?}
. "$TOP_SRCDIR/contrib/ndctl/ndctl.bash"

complete_line() {
	# complete_line WORD... : completions of the last word
	COMP_WORDS=("$NDCTL" "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_ndctl
	echo "${COMPREPLY[*]}"
}
assert_eq "$(complete_line cre)" create-namespace "command"
assert_eq "$(complete_line create-namespace --al)" --align "option"
assert_eq "$(complete_line create-namespace -m d)" devdax "mode value"
assert_eq "$(complete_line init-labels -V 1.)" "1.1 1.2" "label version"
assert_eq "$(complete_line list --human --ver)" --verbose "option after option"
assert_eq "$(complete_line help read-l)" read-labels "help topic"
assert_eq "$(complete_line help read-i)" read-infoblock "help topic (read-infoblock)"
assert_eq "$(complete_line write-i)" write-infoblock "write-infoblock command"
assert_eq "$(complete_line write-infoblock --par)" --parent-uuid "write-infoblock option"
assert_eq "$(complete_line write-infoblock -m d)" devdax "write-infoblock mode"
assert_eq "$(complete_line write-infoblock -m s)" "" "write-infoblock: no sector mode"
assert_eq "$(complete_line write-infoblock -M m)" mem "write-infoblock map"
assert_eq "$(complete_line write-infoblock -c --of)" --offset "after the -c flag"
assert_eq "$(complete_line write-infoblock -p x)" "" "parent uuid: no completion"
assert_eq "$(complete_line help check-n)" check-namespace "help topic (check-namespace)"
assert_eq "$(complete_line check-namespace --rep)" --repair "check-namespace option"
assert_eq "$(complete_line check-namespace --rew)" --rewrite-log "check-namespace --rewrite-log"
assert_eq "$(complete_line inject-e)" inject-error "inject-error command"
assert_eq "$(complete_line inject-error --sat)" --saturate "inject-error option"
assert_eq "$(complete_line inject-error -n 4 --unin)" --uninject "after --count's value"
assert_eq "$(complete_line inject-error -d --no-n)" --no-notify "after a flag that is a value option elsewhere"
assert_eq "$(complete_line clear-errors -s --scr)" --scrub "clear-errors option after -s"
assert_eq "$(complete_line wait-scrub --po)" --poll "wait-scrub option"
assert_eq "$(complete_line start-s)" start-scrub "start-scrub command"
assert_eq "$(complete_line inject-sm)" inject-smart "inject-smart command"
assert_eq "$(complete_line inject-smart --spares-a)" --spares-alarm "inject-smart option"
assert_eq "$(complete_line inject-smart --spares-alarm o)" "on off" "alarm values"
assert_eq "$(complete_line inject-smart --ctrl-temperature-alarm of)" off "ctrl alarm value"
assert_eq "$(complete_line inject-smart -m 40 --media-temperature-u)" --media-temperature-uninject "after -m's value"
assert_eq "$(complete_line inject-smart -f --fatal-u)" --fatal-uninject "after the -f flag"
assert_eq "$(complete_line inject-smart -U --uninject-a)" --uninject-all "after -U (a value option of list)"
assert_eq "$(complete_line inject-smart -s 2)" "" "spares value: no completion"
assert_eq "$(complete_line mon)" monitor "monitor command"
assert_eq "$(complete_line monitor --dimm-e)" --dimm-event "monitor option"
assert_eq "$(complete_line monitor -D dimm-h)" dimm-health-state "event name"
assert_eq "$(complete_line monitor --dimm-event dimm-unc)" dimm-unclean-shutdown "event name (long option)"
assert_eq "$(complete_line monitor -l sys)" syslog "log target"
assert_eq "$(complete_line monitor -u --da)" --daemon "after -u"
assert_eq "$(complete_line monitor -p 5 --ver)" --verbose "after --poll's value"
assert_eq "$(complete_line sanitize-d)" sanitize-dimm "sanitize-dimm command"
assert_eq "$(complete_line sanitize-dimm -o --zer)" --zero-key "after -o, a flag here"
assert_eq "$(complete_line setup-passphrase -k user:)" user:nvdimm-master "key handle"
assert_eq "$(complete_line update-firmware -i --dis)" --disarm "after -i, a flag here"
assert_eq "$(complete_line activate-firmware -n --for)" --force "after -n, a flag here"
assert_eq "$(complete_line load-keys --tpm)" --tpm-handle "load-keys option"
exit 0
