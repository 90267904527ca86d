#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The compat engine forced on a native kernel (KLP_STATE_FORCE_COMPAT):
# upgrade, downgrade and block_disable walk as with the native core.
. "$(dirname "$0")/functions.sh"

FA=test_klp_state_fa
FB=test_klp_state_fb

if [ "$BACKEND" != native ]; then
	echo "TEST: forced compat on a native kernel ... skip the state modules are compat already"
	exit 0
fi

start_test "forced compat on a native kernel: upgrade, downgrade, block_disable"
load_lp $FA states=1,4b replace=1
load_fail $FB states=1 replace=1
load_lp $FB states=1,4,3s replace=1
unload_lp $FA
load_lp $FA states=1,4b replace=1
unload_lp $FB
! write_enabled $FA 0 || die "disable of $FA was not refused"
load_lp $FB states=1,4 replace=1
unload_lp $FA
disable_lp $FB
check_result "% insmod $FA.ko states=1,4b replace=1
livepatch: enabling patch '$FA'
livepatch: '$FA': initializing patching transition
$FA: pre_patch: state 1
$FA: pre_patch: state 4
livepatch: '$FA': starting patching transition
livepatch: '$FA': completing patching transition
$FA: post_patch: state 1
$FA: post_patch: state 4
livepatch: '$FA': patching complete
% insmod $FB.ko states=1 replace=1
livepatch: Livepatch patch ($FB) is not compatible with the already installed livepatches.
insmod: ERROR: could not insert module $FB.ko: Invalid parameters
% insmod $FB.ko states=1,4,3s replace=1
livepatch: enabling patch '$FB'
livepatch: '$FB': initializing patching transition
$FB: pre_patch: state 3
livepatch: '$FB': starting patching transition
livepatch: '$FB': completing patching transition
$FB: post_patch: state 3
livepatch: '$FB': patching complete
% rmmod $FA
% insmod $FA.ko states=1,4b replace=1
livepatch: enabling patch '$FA'
livepatch: '$FA': initializing patching transition
$FB: pre_unpatch: state 3
livepatch: '$FA': starting patching transition
livepatch: '$FA': completing patching transition
$FB: post_unpatch: state 3
$FB: shadow_dtor: obj 1
$FB: shadow_dtor: obj 2
livepatch: '$FA': patching complete
% rmmod $FB
% echo 0 > $SYSFS_KLP/$FA/enabled
livepatch: The livepatch '$FA' does not support disable
write error: Invalid argument
% insmod $FB.ko states=1,4 replace=1
livepatch: enabling patch '$FB'
livepatch: '$FB': initializing patching transition
livepatch: '$FB': starting patching transition
livepatch: '$FB': completing patching transition
livepatch: '$FB': patching complete
% rmmod $FA
% echo 0 > $SYSFS_KLP/$FB/enabled
livepatch: '$FB': initializing unpatching transition
$FB: pre_unpatch: state 1
$FB: pre_unpatch: state 4
livepatch: '$FB': starting unpatching transition
livepatch: '$FB': completing unpatching transition
$FB: post_unpatch: state 1
$FB: post_unpatch: state 4
livepatch: '$FB': unpatching complete
% rmmod $FB"
