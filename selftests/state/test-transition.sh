#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Transitions held by a busy target task: reversed enable, reversed
# disable and forced transitions.
. "$(dirname "$0")/functions.sh"

A=test_klp_state_a
B=test_klp_state_b
C=test_klp_state_c
M=test_klp_state_mod
T=test_klp_state_target

# hold: park the target's worker in the function the livepatches patch
hold()
{
	set_param $T block "$1"
	sleep 0.5
}

start_test "a reversed enable undoes the new and the dropped states"
load_mod $T
load_lp $A states=1 replace=1
hold 1
load_lp_nowait $B states=2,4b replace=1 target=1
write_enabled $B 0 || die "reversing the enable of $B was refused"
wait_freed $B
hold 0
unload_mod $B
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
% echo 1 > /sys/module/$T/parameters/block
% insmod $B.ko states=2,4b replace=1 target=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 2
$B: pre_patch: state 4
$A: pre_unpatch: state 1
livepatch: '$B': starting patching transition
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': reversing transition from patching to unpatching
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$A: post_patch: state 1
$B: post_unpatch: state 2
$B: post_unpatch: state 4
livepatch: '$B': unpatching complete
% echo 0 > /sys/module/$T/parameters/block
% rmmod $B
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

start_test "a reversed disable re-establishes the states"
load_mod $T
load_lp $A states=1,2 target=1
hold 1
write_enabled $A 0 || die "disable of $A refused"
write_enabled $A 1 || die "reversing the disable of $A was refused"
loop_until "transition_done $A" || die "$A transition stuck"
hold 0
disable_lp $A
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=1,2 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 2
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
$A: post_patch: state 2
livepatch: '$A': patching complete
% echo 1 > /sys/module/$T/parameters/block
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
$A: pre_unpatch: state 2
livepatch: '$A': starting unpatching transition
% echo 1 > $SYSFS_KLP/$A/enabled
livepatch: '$A': reversing transition from unpatching to patching
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
$A: post_patch: state 2
livepatch: '$A': patching complete
% echo 0 > /sys/module/$T/parameters/block
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
$A: pre_unpatch: state 2
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
$A: post_unpatch: state 2
livepatch: '$A': unpatching complete
% rmmod $A
% rmmod $T
$T: unloaded"

start_test "a replace during a pending transition is busy"
load_mod $T
hold 1
load_lp_nowait $A states=1 target=1
load_fail $B states=2 replace=1
hold 0
loop_until "transition_done $A" || die "$A transition stuck"
disable_lp $A
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% echo 1 > /sys/module/$T/parameters/block
% insmod $A.ko states=1 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
% insmod $B.ko states=2 replace=1
insmod: ERROR: could not insert module $B.ko: Device or resource busy
% echo 0 > /sys/module/$T/parameters/block
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

# Last, in the last script of the suite: a forced patch module can never
# be unloaded, and the scripts run in the order of their names.
start_test "a forced transition runs the normal callbacks"
load_mod $T
hold 1
load_lp_nowait $C states=1 target=1
log "% echo 1 > $SYSFS_KLP/$C/force"
echo 1 > "$SYSFS_KLP/$C/force"
loop_until "transition_done $C" || die "$C transition stuck"
hold 0
write_enabled $C 0 || die "disable of $C refused"
wait_freed $C
check_result "% insmod $T.ko
$T: loaded
% echo 1 > /sys/module/$T/parameters/block
% insmod $C.ko states=1 target=1
livepatch: enabling patch '$C'
livepatch: '$C': initializing patching transition
$C: pre_patch: state 1
livepatch: '$C': starting patching transition
% echo 1 > $SYSFS_KLP/$C/force
livepatch: forcing remaining tasks to the patched state
livepatch: '$C': completing patching transition
$C: post_patch: state 1
livepatch: '$C': patching complete
% echo 0 > /sys/module/$T/parameters/block
% echo 0 > $SYSFS_KLP/$C/enabled
livepatch: '$C': initializing unpatching transition
$C: pre_unpatch: state 1
livepatch: '$C': starting unpatching transition
livepatch: '$C': completing unpatching transition
$C: post_unpatch: state 1
livepatch: '$C': unpatching complete"

# After the forced test above: $A stays loaded for good once forced.
# A module's state too: its variables stay, and its unload, with nothing
# left to free, does not wait for them.  The native core takes the kept
# variables out of klp_shadow_get()'s reach, the compat engine cannot
# (contract 4b.4).
start_test "a forced replace keeps the shadow variables of the dropped states"
load_mod $M
load_lp $A states=3s,9m replace=1 mod=1
hold 1
load_lp_nowait $B states=1 target=1 replace=1
log "% echo 1 > $SYSFS_KLP/$B/force"
echo 1 > "$SYSFS_KLP/$B/force"
loop_until "transition_done $B" || die "$B transition stuck"
hold 0
expect_param $B shadow_count
expect_param $A obj_shadows
unload_mod $M
expect_param $A obj_shadows
write_enabled $B 0 || die "disable of $B refused"
wait_freed $B
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=3s,9m replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 3
$A: pre_patch: state 9
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 9
$A: post_patch: state 3
livepatch: '$A': patching complete
% echo 1 > /sys/module/$T/parameters/block
% insmod $B.ko states=1 target=1 replace=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 1
$A: pre_unpatch: state 3
$A: pre_unpatch: state 9
livepatch: '$B': starting patching transition
% echo 1 > $SYSFS_KLP/$B/force
livepatch: forcing remaining tasks to the patched state
livepatch: '$B': completing patching transition
$A: post_unpatch: state 3
$A: post_unpatch: state 9
$B: post_patch: state 1
[native] livepatch: '$B': forced transition, shadow variables of the removed states are kept
[compat] klp-state: '$B': forced transition, shadow variables of the removed states are kept
livepatch: '$B': patching complete
% echo 0 > /sys/module/$T/parameters/block
[native] $B.shadow_count = 0
[compat] $B.shadow_count = 2
$A.obj_shadows = 2 made, 0 freed
% rmmod $M
$M: unloaded
$A.obj_shadows = 2 made, 0 freed
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
$B: pre_unpatch: state 1
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 1
livepatch: '$B': unpatching complete"

# After the forced replace above, the variables of $A's state 3 are kept
# for good.  A later instance of state 3 neither finds them nor frees
# them: each builds its own (the constructor lines), a failing pre_patch
# frees only what it attached, a disable only what its instance built
# (contract 4b.4).  The compat engine cannot take them out of the stock
# hash table: the later instance finds them (no constructor lines), and
# neither its failing pre_patch nor its disable frees them.
rmmod $C 2>/dev/null
start_test "a later instance of a state never frees what a forced replace kept"
load_fail $C states=3s fail_pre_patch=3 log_shadows=1
load_lp $C states=3s log_shadows=1
expect_param $C shadow_count
disable_lp $C
check_result "% insmod $C.ko states=3s fail_pre_patch=3 log_shadows=1
livepatch: enabling patch '$C'
livepatch: '$C': initializing patching transition
[native] $C: shadow_ctor: state 3 obj 1
[native] $C: shadow_ctor: state 3 obj 2
$C: pre_patch: state 3 fails
[compat] klp-state: '$C': an earlier transition was forced, shadow variables of the removed states are kept
[compat] livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch '$C'
livepatch: '$C': canceling patching transition, going to unpatch
livepatch: '$C': completing unpatching transition
livepatch: '$C': unpatching complete
[native] $C: shadow_dtor: obj 1
[native] $C: shadow_dtor: obj 2
insmod: ERROR: could not insert module $C.ko: No such device
% insmod $C.ko states=3s log_shadows=1
livepatch: enabling patch '$C'
livepatch: '$C': initializing patching transition
[native] $C: shadow_ctor: state 3 obj 1
[native] $C: shadow_ctor: state 3 obj 2
$C: pre_patch: state 3
livepatch: '$C': starting patching transition
livepatch: '$C': completing patching transition
$C: post_patch: state 3
livepatch: '$C': patching complete
$C.shadow_count = 2
% echo 0 > $SYSFS_KLP/$C/enabled
livepatch: '$C': initializing unpatching transition
$C: pre_unpatch: state 3
livepatch: '$C': starting unpatching transition
livepatch: '$C': completing unpatching transition
$C: post_unpatch: state 3
[compat] klp-state: '$C': an earlier transition was forced, shadow variables of the removed states are kept
livepatch: '$C': unpatching complete
[native] $C: shadow_dtor: obj 1
[native] $C: shadow_dtor: obj 2
% rmmod $C"

# Code outside the states may still free an id: a livepatch written for
# a stock kernel calls klp_shadow_free_all() in its exit.  What state 3
# kept after the forced replace above is the only thing of id 3 its
# destructor may be handed.  The native core took them out of the hash
# table, where no klp_shadow_free_all() finds them; the compat engine
# left them there, so they go, and its marker of the kept id is out of
# reach of the call.
start_test "klp_shadow_free_all() of a kept id hands over only its variables"
load_lp $C states=1
set_param $C free_all 3
disable_lp $C
check_result "% insmod $C.ko states=1
livepatch: enabling patch '$C'
livepatch: '$C': initializing patching transition
$C: pre_patch: state 1
livepatch: '$C': starting patching transition
livepatch: '$C': completing patching transition
$C: post_patch: state 1
livepatch: '$C': patching complete
% echo 3 > /sys/module/$C/parameters/free_all
[compat] $C: foreign_dtor: obj 1
[compat] $C: foreign_dtor: obj 2
% echo 0 > $SYSFS_KLP/$C/enabled
livepatch: '$C': initializing unpatching transition
$C: pre_unpatch: state 1
livepatch: '$C': starting unpatching transition
livepatch: '$C': completing unpatching transition
$C: post_unpatch: state 1
livepatch: '$C': unpatching complete
% rmmod $C"

# After the forced tests above: $B and $C were never forced and can go
# ($C already went).
# Forcing a replace marks the replaced $B forced for good; the replace,
# reversed before it completes, leaves $B enabled.  A later removal of
# $B's state, at the unload of $M, is no forced transition: its
# variables are freed (contract 4b.4).  On compat, state 9 had variables
# kept by the forced replace above: this instance keeps its own too
# (compat exception 4 of check-4b), with its line.
rmmod $B 2>/dev/null
start_test "a removal after a forced, then reversed replace frees the variables"
load_mod $M
load_lp $B states=9m mod=1 replace=1
hold 1
load_lp_nowait $C states=1 target=1 replace=1
log "% echo 1 > $SYSFS_KLP/$C/force"
echo 1 > "$SYSFS_KLP/$C/force"
write_enabled $C 0 || die "reversing the replace by $C was refused"
wait_freed $C
hold 0
unload_mod $C
expect_param $B obj_shadows
unload_mod $M
expect_param $B obj_shadows
write_enabled $B 0 || die "disable of $B refused"
wait_freed $B
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $B.ko states=9m mod=1 replace=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 9
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$B: post_patch: state 9
livepatch: '$B': patching complete
% echo 1 > /sys/module/$T/parameters/block
% insmod $C.ko states=1 target=1 replace=1
livepatch: enabling patch '$C'
livepatch: '$C': initializing patching transition
$C: pre_patch: state 1
$B: pre_unpatch: state 9
livepatch: '$C': starting patching transition
% echo 1 > $SYSFS_KLP/$C/force
livepatch: forcing remaining tasks to the patched state
% echo 0 > $SYSFS_KLP/$C/enabled
livepatch: '$C': reversing transition from patching to unpatching
livepatch: '$C': starting unpatching transition
livepatch: '$C': completing unpatching transition
$B: post_patch: state 9
$C: post_unpatch: state 1
livepatch: '$C': unpatching complete
% echo 0 > /sys/module/$T/parameters/block
% rmmod $C
$B.obj_shadows = 2 made, 0 freed
% rmmod $M
$M: unloaded
$B: pre_unpatch: state 9
livepatch: reverting patch '$B' on unloading module '$M'
$B: post_unpatch: state 9
[compat] klp-state: '$B': an earlier transition was forced, shadow variables of the removed states are kept
[native] $B.obj_shadows = 2 made, 2 freed
[compat] $B.obj_shadows = 2 made, 0 freed
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
livepatch: '$B': unpatching complete"
