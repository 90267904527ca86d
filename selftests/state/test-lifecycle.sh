#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# One livepatch at a time: its states come and go with it.
. "$(dirname "$0")/functions.sh"

A=test_klp_state_a
B=test_klp_state_b
M=test_klp_state_mod
T=test_klp_state_target

start_test "enable and disable introduce and remove states"
load_lp $A states=1,2
disable_lp $A
check_result "% insmod $A.ko states=1,2
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 2
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
$A: post_patch: state 2
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
$A: pre_unpatch: state 2
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
$A: post_unpatch: state 2
livepatch: '$A': unpatching complete
% rmmod $A"

start_test "shadow variables are freed with their state"
load_lp $A states=3s,1
expect_param $A shadow_count
disable_lp $A
check_result "% insmod $A.ko states=3s,1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 3
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 3
$A: post_patch: state 1
livepatch: '$A': patching complete
$A.shadow_count = 2
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 3
$A: pre_unpatch: state 1
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 3
[compat] $A: shadow_dtor: obj 1
[compat] $A: shadow_dtor: obj 2
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
[native] $A: shadow_dtor: obj 1
[native] $A: shadow_dtor: obj 2
% rmmod $A"

start_test "a native shadow_dtor runs without locks and may sleep"
if [ "$BACKEND" = native ]; then
	load_lp $A states=3s dtor_sleeps=1
	disable_lp $A
	check_result "% insmod $A.ko states=3s dtor_sleeps=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 3
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 3
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 3
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 3
livepatch: '$A': unpatching complete
$A: shadow_dtor: obj 1, slept
$A: shadow_dtor: obj 2, slept
% rmmod $A"
else
	echo "TEST: $TEST_NAME ... skip: stock kernels call it under a spinlock"
fi

start_test "failing pre_patch undoes the states before it"
load_fail $A states=1,3s,2 fail_pre_patch=2
check_result "% insmod $A.ko states=1,3s,2 fail_pre_patch=2
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 3
$A: pre_patch: state 2 fails
$A: post_unpatch: state 1
$A: post_unpatch: state 3
[compat] $A: shadow_dtor: obj 1
[compat] $A: shadow_dtor: obj 2
[compat] livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$A'
livepatch: '$A': canceling patching transition, going to unpatch
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
[native] $A: shadow_dtor: obj 1
[native] $A: shadow_dtor: obj 2
insmod: ERROR: could not insert module $A.ko: No such device"

start_test "a failing pre_patch frees the shadow variables it attached"
load_fail $A states=1,3s fail_pre_patch=3
load_lp $A states=1
expect_param $A shadow_count
disable_lp $A
check_result "% insmod $A.ko states=1,3s fail_pre_patch=3
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 3 fails
$A: post_unpatch: state 1
[compat] $A: shadow_dtor: obj 1
[compat] $A: shadow_dtor: obj 2
[compat] livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$A'
livepatch: '$A': canceling patching transition, going to unpatch
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
[native] $A: shadow_dtor: obj 1
[native] $A: shadow_dtor: obj 2
insmod: ERROR: could not insert module $A.ko: No such device
% insmod $A.ko states=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
$A.shadow_count = 0
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A"

start_test "sysfs shows one directory per state, one value per file"
if [ "$BACKEND" = native ]; then
	# 8 belongs to a module that is not loaded: only its files show
	load_lp $A states=1,3s,5v2,8m mod=1
	[ -d "$SYSFS_KLP/$A/states" ] || die "$SYSFS_KLP/$A/states is not a directory"
	for d in "$SYSFS_KLP/$A"/states/*; do
		line="$A: states/${d##*/}:"
		for f in "$d"/*; do
			read -r v <"$f"
			line+=" ${f##*/}=$v"
		done
		log "$line"
	done
	disable_lp $A
	check_result "% insmod $A.ko states=1,3s,5v2,8m mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 3
$A: pre_patch: state 5
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
$A: post_patch: state 3
$A: post_patch: state 5
livepatch: '$A': patching complete
$A: states/1: block_disable=0 is_shadow=0 managed=1 obj_name= version=0
$A: states/3: block_disable=0 is_shadow=1 managed=1 obj_name= version=0
$A: states/5: block_disable=0 is_shadow=0 managed=0 obj_name= version=2
$A: states/8: block_disable=0 is_shadow=0 managed=1 obj_name=$M version=0
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
$A: pre_unpatch: state 3
$A: pre_unpatch: state 5
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
$A: post_unpatch: state 3
$A: post_unpatch: state 5
livepatch: '$A': unpatching complete
$A: shadow_dtor: obj 1
$A: shadow_dtor: obj 2
% rmmod $A"
else
	echo "TEST: $TEST_NAME ... skip: stock kernels have no states in sysfs"
fi

start_test "duplicate state ids are refused"
load_fail $A states=1,2,1
load_fail $A states=3s,3
check_result "% insmod $A.ko states=1,2,1
[native] livepatch: duplicate state id 1 in livepatch '$A'
[compat] klp-state: duplicate state id 0x1 in livepatch '$A'
insmod: ERROR: could not insert module $A.ko: Invalid parameters
% insmod $A.ko states=3s,3
[native] livepatch: duplicate state id 3 in livepatch '$A'
[compat] klp-state: duplicate state id 0x3 in livepatch '$A'
insmod: ERROR: could not insert module $A.ko: Invalid parameters"

start_test "state callbacks wrap the object callbacks"
load_mod $T
load_lp $A states=1 obj_callbacks=1 target=1
disable_lp $A
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=1 obj_callbacks=1 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: object pre_patch: vmlinux
$A: object pre_patch: $T
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: object post_patch: vmlinux
$A: object post_patch: $T
$A: post_patch: state 1
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
$A: object pre_unpatch: vmlinux
$A: object pre_unpatch: $T
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: object post_unpatch: vmlinux
$A: object post_unpatch: $T
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A
% rmmod $T
$T: unloaded"

start_test "a livepatched module coming and going runs no state callbacks"
load_lp $A states=1 obj_callbacks=1 target=1
load_mod $T
unload_mod $T
disable_lp $A
check_result "% insmod $A.ko states=1 obj_callbacks=1 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: object pre_patch: vmlinux
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: object post_patch: vmlinux
$A: post_patch: state 1
livepatch: '$A': patching complete
% insmod $T.ko
livepatch: applying patch '$A' to loading module '$T'
$A: object pre_patch: $T
$A: object post_patch: $T
$T: loaded
% rmmod $T
$T: unloaded
$A: object pre_unpatch: $T
livepatch: reverting patch '$A' on unloading module '$T'
$A: object post_unpatch: $T
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
$A: object pre_unpatch: vmlinux
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: object post_unpatch: vmlinux
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A"

start_test "a livepatch without a vmlinux object"
load_mod $T
load_lp $A states=1 no_vmlinux=1
disable_lp $A
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=1 no_vmlinux=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
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

start_test "klp_get_state() finds the entries the author declared"
load_lp $A states=1,3s,5v2 replace=1
expect_param $A get_state
load_lp $B states=3s,5v2,2 replace=1
expect_param $B get_state
unload_lp $A
disable_lp $B
check_result "% insmod $A.ko states=1,3s,5v2 replace=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 3
$A: pre_patch: state 5
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
$A: post_patch: state 3
$A: post_patch: state 5
livepatch: '$A': patching complete
$A.get_state = 1:own 3:own 5:own
% insmod $B.ko states=3s,5v2,2 replace=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 2
$A: pre_unpatch: state 1
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$A: post_unpatch: state 1
$B: post_patch: state 2
livepatch: '$B': patching complete
$B.get_state = 3:own 5:own 2:own
% rmmod $A
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
$B: pre_unpatch: state 3
$B: pre_unpatch: state 5
$B: pre_unpatch: state 2
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 3
[compat] $B: shadow_dtor: obj 1
[compat] $B: shadow_dtor: obj 2
$B: post_unpatch: state 5
$B: post_unpatch: state 2
livepatch: '$B': unpatching complete
[native] $B: shadow_dtor: obj 1
[native] $B: shadow_dtor: obj 2
% rmmod $B"

start_test "a failing pre_patch of a shadow state frees its variables"
load_fail $A states=1,3s fail_pre_patch=3
check_result "% insmod $A.ko states=1,3s fail_pre_patch=3
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 3 fails
$A: post_unpatch: state 1
[compat] $A: shadow_dtor: obj 1
[compat] $A: shadow_dtor: obj 2
[compat] livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$A'
livepatch: '$A': canceling patching transition, going to unpatch
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
[native] $A: shadow_dtor: obj 1
[native] $A: shadow_dtor: obj 2
insmod: ERROR: could not insert module $A.ko: No such device"
