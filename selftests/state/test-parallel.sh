#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Livepatches stacked without replace share their states: the first one
# in introduces a state, the last one out removes it.
. "$(dirname "$0")/functions.sh"

A=test_klp_state_a
B=test_klp_state_b

start_test "parallel livepatches share a state"
load_lp $A states=1,3s
load_lp $B states=3s,2
disable_lp $A
expect_param $B shadow_count
disable_lp $B
check_result "% insmod $A.ko states=1,3s
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 3
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
$A: post_patch: state 3
livepatch: '$A': patching complete
% insmod $B.ko states=3s,2
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 2
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$B: post_patch: state 2
livepatch: '$B': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A
$B.shadow_count = 2
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
$B: pre_unpatch: state 3
$B: pre_unpatch: state 2
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 3
[compat] $B: shadow_dtor: obj 1
[compat] $B: shadow_dtor: obj 2
$B: post_unpatch: state 2
livepatch: '$B': unpatching complete
[native] $B: shadow_dtor: obj 1
[native] $B: shadow_dtor: obj 2
% rmmod $B"
