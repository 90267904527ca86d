#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Disabling a livepatch whose state has block_disable: the native core
# refuses it; a stock kernel cannot, so the compat engine says so and
# goes on (a documented compat exception).
. "$(dirname "$0")/functions.sh"

A=test_klp_state_a
B=test_klp_state_b

start_test "disabling a block_disable state (compat: exception 1)"
load_lp $A states=4b,1 replace=1
if [ "$BACKEND" = native ]; then
	! write_enabled $A 0 || die "disable of $A was not refused"
	load_lp $B states=4 replace=1
	unload_lp $A
	disable_lp $B
else
	disable_lp $A
fi
if [ "$BACKEND" = native ]; then
	check_result "% insmod $A.ko states=4b,1 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 4
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 4
$A: post_patch: state 1
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: The livepatch '$A' does not support disable
write error: Invalid argument
% insmod $B.ko states=4 replace=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$A: pre_unpatch: state 1
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$A: post_unpatch: state 1
livepatch: '$B': patching complete
% rmmod $A
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
$B: pre_unpatch: state 4
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 4
livepatch: '$B': unpatching complete
% rmmod $B"
else
	check_result "% insmod $A.ko states=4b,1 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 4
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 4
$A: post_patch: state 1
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
klp-state: livepatch '$A' state 0x4 does not support disable, but this kernel cannot refuse it
$A: pre_unpatch: state 4
$A: pre_unpatch: state 1
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 4
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A"
fi
