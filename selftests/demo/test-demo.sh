#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Walks the shadow-variable sample through load, upgrade, downgrade and
# disable, telling what happens at each step.  Lines starting with "|"
# are the narration; the last line is the verdict.
set -u

V1=livepatch_state_shadow_v1
V2=livepatch_state_shadow_v2
KLP=/sys/kernel/livepatch
MARK=

say()	{ printf '|\n| %s\n' "$*"; }
tell()	{ printf '|    %s\n' "$*"; }
fail()	{ echo "TEST: demo ... not ok"; echo "# $*"; exit 1; }

# kernel log lines of the samples since the last step
since()
{
	dmesg | sed -n "\|$MARK|,\$p" | sed 1d | sed 's/^\[[ 0-9.]*\] //' |
		grep -e '^livepatch_state' -e '^livepatch:' |
		grep -v -e 'taint' -e 'transition$'
}

step()
{
	MARK="demo step $(date +%s%N)"
	echo "$MARK" > /dev/kmsg
	say "$1"
	tell "\$ $2"
	eval "$2" 2>&1 | sed 's/^/|      /'
}

wait_idle()
{
	local i

	for ((i = 0; i < 300; i++)); do
		grep -qs 1 $KLP/*/transition || return 0
		sleep 0.1
	done
	fail "a transition did not finish"
}

kernel_said()
{
	local out

	wait_idle
	out=$(since)
	tell "the kernel log says:"
	printf '%s\n' "$out" | sed 's/^/|      /'
	for want in "$@"; do
		grep -qF -- "$want" <<< "$out" || fail "missing: $want"
	done
}

read_twice()
{
	bash -c 'for i in 1 2; do read -r l < /proc/cmdline; echo "$l"; done'
}

counters()
{
	local made freed first

	made=$(dmesg | grep -c 'new read counter')
	freed=$(dmesg | grep -c 'freeing read counter')
	first=$(dmesg | grep -c 'freeing first-read time')
	tell "shadow variables: $made read counters made, $freed freed," \
	     "$((made - freed)) alive; $first first-read times freed"
	LIVE=$((made - freed)) FREED=$freed FIRST=$first
}

say "A cumulative livepatch fixes /proc/cmdline: version 1 counts, per task, how often the task read it, in a shadow variable owned by the state SV_READS."
step "Load version 1." "insmod ${V1//_/-}.ko"
kernel_said "v1: counting reads of /proc/cmdline from now on" "patching complete"
tell "sysfs: $(ls $KLP) enabled=$(cat $KLP/$V1/enabled)"
step "One task reads /proc/cmdline twice, another once." "read_twice; cat /proc/cmdline"
tell "(kmod reads /proc/cmdline too: insmod and rmmod get counters of their own)"
counters
[ "$LIVE" -ge 2 ] || fail "expected at least 2 live counters, got $LIVE"

step "Upgrade to version 2: it keeps SV_READS and adds SV_FIRST. Only the new state's callbacks run; the counters survive." "insmod ${V2//_/-}.ko"
kernel_said "v2: remembering first reads from now on" "patching complete"
grep -q "counting reads" <<< "$(since)" && fail "SV_READS was set up twice"
tell "sysfs: $(ls $KLP); v1 is replaced and can be unloaded"
step "Unload the replaced v1 module." "rmmod $V1"
step "Under v2, new readers get counters too; the old ones live on." "read_twice"
counters
[ "$FREED" = 0 ] || fail "the upgrade freed read counters"

step "Downgrade to version 1: it lacks SV_FIRST, so v2's own callbacks remove it and free its shadow variables." "insmod ${V1//_/-}.ko"
kernel_said "v2: first-read times removed, freeing them" "freeing first-read time"
step "Unload the replaced v2 module." "rmmod $V2"
counters
[ "$FREED" = 0 ] || fail "the read counters did not survive the downgrade"
[ "$FIRST" -ge 1 ] || fail "the downgrade freed no first-read time"

step "Disable version 1: SV_READS goes, and with it every read counter." "echo 0 > $KLP/$V1/enabled"
kernel_said "v1: read counting removed, freeing the counters" "unpatching complete"
counters
[ "$LIVE" = 0 ] || fail "$LIVE read counters leaked"
rmmod $V1
say "Nothing was set up twice, nothing leaked, and the downgrade cleaned up after the newer version."
echo "TEST: demo ... ok"
