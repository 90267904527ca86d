#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A livepatch built from two files, whose klp_enable_patch() call is in
# the file that does not include the header.
. "$(dirname "$0")/functions.sh"

S=test_klp_state_split

start_test "a livepatch built from two files runs its state callbacks"
load_lp $S
disable_lp $S
check_result "% insmod $S.ko
livepatch: enabling patch '$S'
livepatch: '$S': initializing patching transition
$S: pre_patch: state 1
livepatch: '$S': starting patching transition
livepatch: '$S': completing patching transition
$S: post_patch: state 1
livepatch: '$S': patching complete
% echo 0 > $SYSFS_KLP/$S/enabled
livepatch: '$S': initializing unpatching transition
$S: pre_unpatch: state 1
livepatch: '$S': starting unpatching transition
livepatch: '$S': completing unpatching transition
$S: post_unpatch: state 1
livepatch: '$S': unpatching complete
% rmmod $S"
