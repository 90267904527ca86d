#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Compat engines of different protocols: a later one takes over from an
# earlier one and hands back, each walking the other's records by the
# size recorded in them; engines that cannot work together refuse the
# enable, naming both livepatches and protocols.
. "$(dirname "$0")/functions.sh"

# The protocol 2 engine: the plain test module on stock kernels, the one
# that forces the engine on native kernels (the others force it too).
if [ "$BACKEND" = native ]; then
	OLD=test_klp_state_fa
else
	OLD=test_klp_state_a
fi
P3=test_klp_state_p3
P4=test_klp_state_p4

start_test "a protocol 3 engine takes over from protocol 2 and hands back"
load_lp $OLD states=1,2,6 replace=1
load_lp $P3 states=1,3,6 replace=1
unload_lp $OLD
load_lp $OLD states=1 replace=1
unload_lp $P3
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
% insmod $P3.ko states=1,3,6 replace=1
livepatch: enabling patch '$P3'
livepatch: '$P3': initializing patching transition
$P3: pre_patch: state 3
$OLD: pre_unpatch: state 2
livepatch: '$P3': starting patching transition
livepatch: '$P3': completing patching transition
$OLD: post_unpatch: state 2
$P3: post_patch: state 3
livepatch: '$P3': patching complete
% rmmod $OLD
% insmod $OLD.ko states=1 replace=1
livepatch: enabling patch '$OLD'
livepatch: '$OLD': initializing patching transition
$P3: pre_unpatch: state 3
livepatch: '$OLD': starting patching transition
livepatch: '$OLD': completing patching transition
$P3: post_unpatch: state 3
livepatch: '$OLD': patching complete
% rmmod $P3
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
load_fail $P4 states=1 replace=1
disable_lp $OLD
load_lp $P4 states=1 replace=1
load_fail $OLD states=1 replace=1
disable_lp $P4
check_result "% insmod $OLD.ko states=1 replace=1
livepatch: enabling patch '$OLD'
livepatch: '$OLD': initializing patching transition
$OLD: pre_patch: state 1
livepatch: '$OLD': starting patching transition
livepatch: '$OLD': completing patching transition
$OLD: post_patch: state 1
livepatch: '$OLD': patching complete
% insmod $P4.ko states=1 replace=1
livepatch: enabling patch '$P4'
livepatch: '$P4': initializing patching transition
klp-state: livepatch '$P4' (state protocol 4, works with 4 and later) cannot work with livepatch '$OLD' (state protocol 2, works with 2 and later)
livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$P4'
livepatch: '$P4': canceling patching transition, going to unpatch
livepatch: '$P4': completing unpatching transition
livepatch: '$P4': unpatching complete
insmod: ERROR: could not insert module $P4.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$OLD/enabled
livepatch: '$OLD': initializing unpatching transition
$OLD: pre_unpatch: state 1
livepatch: '$OLD': starting unpatching transition
livepatch: '$OLD': completing unpatching transition
$OLD: post_unpatch: state 1
livepatch: '$OLD': unpatching complete
% rmmod $OLD
% insmod $P4.ko states=1 replace=1
livepatch: enabling patch '$P4'
livepatch: '$P4': initializing patching transition
$P4: pre_patch: state 1
livepatch: '$P4': starting patching transition
livepatch: '$P4': completing patching transition
$P4: post_patch: state 1
livepatch: '$P4': patching complete
% insmod $OLD.ko states=1 replace=1
livepatch: enabling patch '$OLD'
livepatch: '$OLD': initializing patching transition
klp-state: livepatch '$OLD' (state protocol 2, works with 2 and later) cannot work with livepatch '$P4' (state protocol 4, works with 4 and later)
livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$OLD'
livepatch: '$OLD': canceling patching transition, going to unpatch
livepatch: '$OLD': completing unpatching transition
livepatch: '$OLD': unpatching complete
insmod: ERROR: could not insert module $OLD.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$P4/enabled
livepatch: '$P4': initializing unpatching transition
$P4: pre_unpatch: state 1
livepatch: '$P4': starting unpatching transition
livepatch: '$P4': completing unpatching transition
$P4: post_unpatch: state 1
livepatch: '$P4': unpatching complete
% rmmod $P4"
