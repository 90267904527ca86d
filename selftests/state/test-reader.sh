#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Patched code calls klp_get_state() in a loop, on a worker of its own,
# while compat livepatches join and leave the registry the lookup walks
# (contract section 5: no walk of shared lists outside klp_mutex or RCU).
# The runner fails the run on any KASAN, lockdep or list debugging report.
. "$(dirname "$0")/functions.sh"

R=test_klp_state_reader
T=test_klp_state_spin
# compat on every kernel, as the reader
A=test_klp_state_fa
B=test_klp_state_fb
ROUNDS=5
# A transition completes once the busy worker is caught off the CPU: on a
# debug kernel whose two vCPUs share one host thread of a loaded machine,
# one took more than the 30 s of the other tests (debug 6.1, 2026-12-07).
RETRIES=1200	# 0.1 s each

# enable_lines MOD ID: what enabling a livepatch with one new state logs
enable_lines()
{
	echo "livepatch: enabling patch '$1'
livepatch: '$1': initializing patching transition
$1: pre_patch: state $2
livepatch: '$1': starting patching transition
livepatch: '$1': completing patching transition
$1: post_patch: state $2
livepatch: '$1': patching complete"
}

# disable_lines MOD ID: what disabling it logs
disable_lines()
{
	echo "% echo 0 > $SYSFS_KLP/$1/enabled
livepatch: '$1': initializing unpatching transition
$1: pre_unpatch: state $2
livepatch: '$1': starting unpatching transition
livepatch: '$1': completing unpatching transition
$1: post_unpatch: state $2
livepatch: '$1': unpatching complete
% rmmod $1"
}

read_reads()
{
	read -r "$1" <"/sys/module/$R/parameters/reads"
}

start_test "patched code looks up states while compat livepatches come and go"
load_mod $T
load_lp $R
read_reads before
want="% insmod $T.ko
% insmod $R.ko
livepatch: enabling patch '$R'
livepatch: '$R': initializing patching transition
livepatch: '$R': starting patching transition
livepatch: '$R': completing patching transition
livepatch: '$R': patching complete"
for ((i = 0; i < ROUNDS; i++)); do
	load_lp $A states=1
	load_lp $B states=2
	disable_lp $B
	disable_lp $A
	want+="
% insmod $A.ko states=1
$(enable_lines $A 1)
% insmod $B.ko states=2
$(enable_lines $B 2)
$(disable_lines $B 2)
$(disable_lines $A 1)"
done
read_reads after
read -r wrong <"/sys/module/$R/parameters/wrong"
log "% lookups during the changes: $([ "$after" -gt "$before" ] && echo some || echo none), wrong answers: $wrong"
disable_lp $R
unload_mod $T
check_result "$want
% lookups during the changes: some, wrong answers: 0
% echo 0 > $SYSFS_KLP/$R/enabled
livepatch: '$R': initializing unpatching transition
livepatch: '$R': starting unpatching transition
livepatch: '$R': completing unpatching transition
livepatch: '$R': unpatching complete
% rmmod $R
% rmmod $T"
