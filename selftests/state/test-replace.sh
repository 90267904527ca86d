#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Atomic replace: kept states are left alone, dropped ones are removed by
# the old patch, new ones introduced by the new patch.
. "$(dirname "$0")/functions.sh"

A=test_klp_state_a
B=test_klp_state_b
C=test_klp_state_c
P=test_klp_state_plain
L=test_klp_state_legacy
T=test_klp_state_target

start_test "replace keeps, drops and introduces states"
load_lp $A states=1,3s replace=1
load_lp $B states=3s,2 replace=1
expect_param $B shadow_count
unload_lp $A
disable_lp $B
check_result "% insmod $A.ko states=1,3s replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 3
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
$A: post_patch: state 3
livepatch: '$A': patching complete
% insmod $B.ko states=3s,2 replace=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 2
$A: pre_unpatch: state 1
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$A: post_unpatch: state 1
$B: post_patch: state 2
livepatch: '$B': patching complete
$B.shadow_count = 2
% rmmod $A
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

start_test "upgrade chain v1, v2, v3 and downgrade to v1"
load_lp $A states=1 replace=1
load_lp $B states=1,3s replace=1
unload_lp $A
load_lp $C states=1,3s,2 replace=1
unload_lp $B
expect_param $C shadow_count
load_lp $A states=1 replace=1
unload_lp $C
disable_lp $A
check_result "% insmod $A.ko states=1 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
% insmod $B.ko states=1,3s replace=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 3
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$B: post_patch: state 3
livepatch: '$B': patching complete
% rmmod $A
% insmod $C.ko states=1,3s,2 replace=1
livepatch: enabling patch '$C'
livepatch: '$C': initializing patching transition
$C: pre_patch: state 2
livepatch: '$C': starting patching transition
livepatch: '$C': completing patching transition
$C: post_patch: state 2
livepatch: '$C': patching complete
% rmmod $B
$C.shadow_count = 2
% insmod $A.ko states=1 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$C: pre_unpatch: state 3
$C: pre_unpatch: state 2
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$C: post_unpatch: state 3
[compat] $C: shadow_dtor: obj 1
[compat] $C: shadow_dtor: obj 2
$C: post_unpatch: state 2
livepatch: '$A': patching complete
[native] $C: shadow_dtor: obj 1
[native] $C: shadow_dtor: obj 2
% rmmod $C
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A"

start_test "a block_disable state refuses a replace that drops it"
load_lp $A states=4b,1 replace=1
load_fail $B states=1 replace=1
load_lp $B states=4 replace=1
unload_lp $A
disable_lp $B
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
% insmod $B.ko states=1 replace=1
livepatch: Livepatch patch ($B) is not compatible with the already installed livepatches.
insmod: ERROR: could not insert module $B.ko: Invalid parameters
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

start_test "legacy versioned states keep the stock rule"
load_lp $A states=5v2,1 replace=1
load_fail $B states=5v1 replace=1
load_lp $B states=5v2 replace=1
unload_lp $A
disable_lp $B
check_result "% insmod $A.ko states=5v2,1 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 5
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 5
$A: post_patch: state 1
livepatch: '$A': patching complete
% insmod $B.ko states=5v1 replace=1
livepatch: Livepatch patch ($B) is not compatible with the already installed livepatches.
insmod: ERROR: could not insert module $B.ko: Invalid parameters
% insmod $B.ko states=5v2 replace=1
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
$B: pre_unpatch: state 5
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 5
livepatch: '$B': unpatching complete
% rmmod $B"

start_test "an unversioned plain state keeps the stock rule"
load_lp $L
load_fail $P
disable_lp $L
load_lp $L dup=1
disable_lp $L
check_result "% insmod $L.ko
livepatch: enabling patch '$L'
livepatch: '$L': initializing patching transition
livepatch: '$L': starting patching transition
livepatch: '$L': completing patching transition
livepatch: '$L': patching complete
% insmod $P.ko
livepatch: Livepatch patch ($P) is not compatible with the already installed livepatches.
insmod: ERROR: could not insert module $P.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$L/enabled
livepatch: '$L': initializing unpatching transition
livepatch: '$L': starting unpatching transition
livepatch: '$L': completing unpatching transition
livepatch: '$L': unpatching complete
% rmmod $L
% insmod $L.ko dup=1
[native] livepatch: livepatch '$L' uses state id 7 more than once
livepatch: enabling patch '$L'
livepatch: '$L': initializing patching transition
livepatch: '$L': starting patching transition
livepatch: '$L': completing patching transition
livepatch: '$L': patching complete
% echo 0 > $SYSFS_KLP/$L/enabled
livepatch: '$L': initializing unpatching transition
livepatch: '$L': starting unpatching transition
livepatch: '$L': completing unpatching transition
livepatch: '$L': unpatching complete
% rmmod $L"

start_test "a kept state changing is_shadow warns, the last patch decides"
load_lp $A states=3s replace=1
load_lp $B states=3 replace=1
unload_lp $A
disable_lp $B
load_lp $A states=3s
expect_param $A shadow_count
disable_lp $A
check_result "% insmod $A.ko states=3s replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 3
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 3
livepatch: '$A': patching complete
% insmod $B.ko states=3 replace=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
[native] livepatch: state 3: is_shadow differs between livepatches '$A' and '$B'
[compat] klp-state: state 0x3: is_shadow differs between livepatches '$A' and '$B'
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
livepatch: '$B': patching complete
% rmmod $A
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
$B: pre_unpatch: state 3
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 3
[compat] klp-state: state 0x3: livepatch '$B' removes it without is_shadow, the shadow variables an earlier livepatch owned are left
livepatch: '$B': unpatching complete
% rmmod $B
% insmod $A.ko states=3s
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 3
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 3
livepatch: '$A': patching complete
$A.shadow_count = 2
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 3
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 3
[compat] $A: shadow_dtor: obj 1
[compat] $A: shadow_dtor: obj 2
livepatch: '$A': unpatching complete
[native] $A: shadow_dtor: obj 1
[native] $A: shadow_dtor: obj 2
% rmmod $A"

start_test "a failure after the old pre_unpatch undoes it"
load_mod $T
load_lp $A states=1 replace=1
load_fail $B states=2 replace=1 target=1 obj_callbacks=1 fail_obj_pre_patch=1
disable_lp $A
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=1 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
% insmod $B.ko states=2 replace=1 target=1 obj_callbacks=1 fail_obj_pre_patch=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 2
$A: pre_unpatch: state 1
$B: object pre_patch: vmlinux
$B: object pre_patch: $T fails
livepatch: pre-patch callback failed for object '$T'
livepatch: failed to enable patch '$B'
livepatch: '$B': canceling patching transition, going to unpatch
livepatch: '$B': completing unpatching transition
$B: object post_unpatch: vmlinux
$A: post_patch: state 1
$B: post_unpatch: state 2
livepatch: '$B': unpatching complete
insmod: ERROR: could not insert module $B.ko: No such device
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A
% rmmod $T
$T: unloaded"

start_test "replacement by a livepatch built without the header (compat: exception 3)"
load_lp $A states=1 replace=1
if [ "$BACKEND" = native ]; then
	load_lp $P
	unload_lp $A
	disable_lp $P
else
	load_fail $P
	disable_lp $A
fi
if [ "$BACKEND" = native ]; then
	check_result "% insmod $A.ko states=1 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
% insmod $P.ko
livepatch: enabling patch '$P'
livepatch: '$P': initializing patching transition
$A: pre_unpatch: state 1
livepatch: '$P': starting patching transition
livepatch: '$P': completing patching transition
$A: post_unpatch: state 1
livepatch: '$P': patching complete
% rmmod $A
% echo 0 > $SYSFS_KLP/$P/enabled
livepatch: '$P': initializing unpatching transition
livepatch: '$P': starting unpatching transition
livepatch: '$P': completing unpatching transition
livepatch: '$P': unpatching complete
% rmmod $P"
else
	check_result "% insmod $A.ko states=1 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
% insmod $P.ko
livepatch: Livepatch patch ($P) is not compatible with the already installed livepatches.
insmod: ERROR: could not insert module $P.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A"
fi
