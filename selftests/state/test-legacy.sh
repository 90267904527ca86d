#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Livepatches built without the header next to converted ones: their
# plain states count as present elsewhere, and they may replace converted
# livepatches that hold no managed state.
. "$(dirname "$0")/functions.sh"

A=test_klp_state_a
P=test_klp_state_plain

start_test "a converted replace keeps a state of a livepatch built without the header"
load_lp $P state_id=1
load_lp $A states=1 replace=1
unload_lp $P
disable_lp $A
check_result "% insmod $P.ko state_id=1
livepatch: enabling patch '$P'
livepatch: '$P': initializing patching transition
livepatch: '$P': starting patching transition
livepatch: '$P': completing patching transition
livepatch: '$P': patching complete
% insmod $A.ko states=1 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% rmmod $P
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A"

start_test "a state a livepatch built without the header still has is not removed"
load_lp $P state_id=1 replace=0
load_lp $A states=1,2
disable_lp $A
disable_lp $P
check_result "% insmod $P.ko state_id=1 replace=0
livepatch: enabling patch '$P'
livepatch: '$P': initializing patching transition
livepatch: '$P': starting patching transition
livepatch: '$P': completing patching transition
livepatch: '$P': patching complete
% insmod $A.ko states=1,2
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 2
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 2
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 2
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 2
livepatch: '$A': unpatching complete
% rmmod $A
% echo 0 > $SYSFS_KLP/$P/enabled
livepatch: '$P': initializing unpatching transition
livepatch: '$P': starting unpatching transition
livepatch: '$P': completing unpatching transition
livepatch: '$P': unpatching complete
% rmmod $P"

start_test "a livepatch built without the header replaces one without managed states"
load_lp $A replace=1
load_lp $P
unload_lp $A
disable_lp $P
check_result "% insmod $A.ko replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% insmod $P.ko
livepatch: enabling patch '$P'
livepatch: '$P': initializing patching transition
livepatch: '$P': starting patching transition
livepatch: '$P': completing patching transition
livepatch: '$P': patching complete
% rmmod $A
% echo 0 > $SYSFS_KLP/$P/enabled
livepatch: '$P': initializing unpatching transition
livepatch: '$P': starting unpatching transition
livepatch: '$P': completing unpatching transition
livepatch: '$P': unpatching complete
% rmmod $P"
