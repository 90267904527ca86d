#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Compat engines of different protocols: a later one takes over from an
# earlier one and hands back, each walking the other's records by the
# size recorded in them; engines that cannot work together refuse the
# enable, naming both livepatches and protocols.
. "$(dirname "$0")/functions.sh"

# The protocol 3 engine: the plain test module on stock kernels, the one
# that forces the engine on native kernels (the others force it too).
if [ "$BACKEND" = native ]; then
	OLD=test_klp_state_fa
else
	OLD=test_klp_state_a
fi
P2=test_klp_state_p2
P4=test_klp_state_p4
P5=test_klp_state_p5

start_test "a protocol 4 engine takes over from protocol 3 and hands back"
load_lp $OLD states=1,2,6 replace=1
load_lp $P4 states=1,3,6 replace=1
unload_lp $OLD
load_lp $OLD states=1 replace=1
unload_lp $P4
disable_lp $OLD
check_result "% insmod $OLD.ko states=1,2,6 replace=1
livepatch: enabling patch '$OLD'
livepatch: '$OLD': initializing patching transition
$OLD: pre_patch: state 1
$OLD: pre_patch: state 2
livepatch: '$OLD': starting patching transition
livepatch: '$OLD': completing patching transition
$OLD: post_patch: state 1
$OLD: post_patch: state 2
livepatch: '$OLD': patching complete
% insmod $P4.ko states=1,3,6 replace=1
livepatch: enabling patch '$P4'
livepatch: '$P4': initializing patching transition
$P4: pre_patch: state 3
$OLD: pre_unpatch: state 2
livepatch: '$P4': starting patching transition
livepatch: '$P4': completing patching transition
$OLD: post_unpatch: state 2
$P4: post_patch: state 3
livepatch: '$P4': patching complete
% rmmod $OLD
% insmod $OLD.ko states=1 replace=1
livepatch: enabling patch '$OLD'
livepatch: '$OLD': initializing patching transition
$P4: pre_unpatch: state 3
livepatch: '$OLD': starting patching transition
livepatch: '$OLD': completing patching transition
$P4: post_unpatch: state 3
livepatch: '$OLD': patching complete
% rmmod $P4
% echo 0 > $SYSFS_KLP/$OLD/enabled
livepatch: '$OLD': initializing unpatching transition
$OLD: pre_unpatch: state 1
livepatch: '$OLD': starting unpatching transition
livepatch: '$OLD': completing unpatching transition
$OLD: post_unpatch: state 1
livepatch: '$OLD': unpatching complete
% rmmod $OLD"

start_test "engines that cannot work together refuse, naming both protocols"
load_lp $OLD states=1 replace=1
load_fail $P5 states=1 replace=1
disable_lp $OLD
load_lp $P5 states=1 replace=1
load_fail $OLD states=1 replace=1
disable_lp $P5
check_result "% insmod $OLD.ko states=1 replace=1
livepatch: enabling patch '$OLD'
livepatch: '$OLD': initializing patching transition
$OLD: pre_patch: state 1
livepatch: '$OLD': starting patching transition
livepatch: '$OLD': completing patching transition
$OLD: post_patch: state 1
livepatch: '$OLD': patching complete
% insmod $P5.ko states=1 replace=1
livepatch: enabling patch '$P5'
livepatch: '$P5': initializing patching transition
klp-state: livepatch '$P5' (state protocol 5, works with 5 and later) cannot work with livepatch '$OLD' (state protocol 3, works with 2 and later)
livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$P5'
livepatch: '$P5': canceling patching transition, going to unpatch
livepatch: '$P5': completing unpatching transition
livepatch: '$P5': unpatching complete
insmod: ERROR: could not insert module $P5.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$OLD/enabled
livepatch: '$OLD': initializing unpatching transition
$OLD: pre_unpatch: state 1
livepatch: '$OLD': starting unpatching transition
livepatch: '$OLD': completing unpatching transition
$OLD: post_unpatch: state 1
livepatch: '$OLD': unpatching complete
% rmmod $OLD
% insmod $P5.ko states=1 replace=1
livepatch: enabling patch '$P5'
livepatch: '$P5': initializing patching transition
$P5: pre_patch: state 1
livepatch: '$P5': starting patching transition
livepatch: '$P5': completing patching transition
$P5: post_patch: state 1
livepatch: '$P5': patching complete
% insmod $OLD.ko states=1 replace=1
livepatch: enabling patch '$OLD'
livepatch: '$OLD': initializing patching transition
klp-state: livepatch '$OLD' (state protocol 3, works with 2 and later) cannot work with livepatch '$P5' (state protocol 5, works with 5 and later)
livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$OLD'
livepatch: '$OLD': canceling patching transition, going to unpatch
livepatch: '$OLD': completing unpatching transition
livepatch: '$OLD': unpatching complete
insmod: ERROR: could not insert module $OLD.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$P5/enabled
livepatch: '$P5': initializing unpatching transition
$P5: pre_unpatch: state 1
livepatch: '$P5': starting unpatching transition
livepatch: '$P5': completing unpatching transition
$P5: post_unpatch: state 1
livepatch: '$P5': unpatching complete
% rmmod $P5"

start_test "per-object states refuse an engine of protocol 2, both ways"
load_lp $P2 states=1
load_fail $OLD states=8m mod=1
disable_lp $P2
load_lp $OLD states=8m mod=1
load_fail $P2 states=1
disable_lp $OLD
check_result "% insmod $P2.ko states=1
livepatch: enabling patch '$P2'
livepatch: '$P2': initializing patching transition
$P2: pre_patch: state 1
livepatch: '$P2': starting patching transition
livepatch: '$P2': completing patching transition
$P2: post_patch: state 1
livepatch: '$P2': patching complete
% insmod $OLD.ko states=8m mod=1
livepatch: enabling patch '$OLD'
livepatch: '$OLD': initializing patching transition
klp-state: livepatch '$OLD' (state protocol 3, works with 3 and later) cannot work with livepatch '$P2' (state protocol 2, works with 2 and later)
livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$OLD'
livepatch: '$OLD': canceling patching transition, going to unpatch
livepatch: '$OLD': completing unpatching transition
livepatch: '$OLD': unpatching complete
insmod: ERROR: could not insert module $OLD.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$P2/enabled
livepatch: '$P2': initializing unpatching transition
$P2: pre_unpatch: state 1
livepatch: '$P2': starting unpatching transition
livepatch: '$P2': completing unpatching transition
$P2: post_unpatch: state 1
livepatch: '$P2': unpatching complete
% rmmod $P2
% insmod $OLD.ko states=8m mod=1
livepatch: enabling patch '$OLD'
livepatch: '$OLD': initializing patching transition
livepatch: '$OLD': starting patching transition
livepatch: '$OLD': completing patching transition
livepatch: '$OLD': patching complete
% insmod $P2.ko states=1
livepatch: enabling patch '$P2'
livepatch: '$P2': initializing patching transition
klp-state: livepatch '$P2' (state protocol 2, works with 2 and later) cannot work with livepatch '$OLD' (state protocol 3, works with 3 and later)
livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$P2'
livepatch: '$P2': canceling patching transition, going to unpatch
livepatch: '$P2': completing unpatching transition
livepatch: '$P2': unpatching complete
insmod: ERROR: could not insert module $P2.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$OLD/enabled
livepatch: '$OLD': initializing unpatching transition
livepatch: '$OLD': starting unpatching transition
livepatch: '$OLD': completing unpatching transition
livepatch: '$OLD': unpatching complete
% rmmod $OLD"
