#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Per-object states: a state that names a module lives while that module
# is patched by a livepatch carrying it, and its shadow variables, which
# hang off addresses inside the module, go when the module goes.
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

# A native kernel without the per-object backport patch builds the
# livepatch without the per-object catalog entries.
if [ -z "$(modinfo -F klp_state_objects "$(dirname "$0")/$A.ko")" ]; then
	echo "this native kernel has no per-object states (KLP_HAVE_STATE_OBJECTS)"
	exit 4
fi

not_loaded()
{
	local m

	while read -r m _; do
		[ "$m" != "$1" ] || die "$1 is still loaded"
	done </proc/modules
}

start_test "a module's states come and go with the enable and the disable"
load_mod $M
load_lp $A states=1,8m,9m obj_callbacks=1 mod=1
expect_param $A obj_shadows
disable_lp $A
unload_mod $M
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=1,8m,9m obj_callbacks=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: object pre_patch: vmlinux
$A: pre_patch: state 8
$A: pre_patch: state 9
$A: object pre_patch: $M
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: object post_patch: vmlinux
$A: object post_patch: $M
$A: post_patch: state 8
$A: post_patch: state 9
$A: post_patch: state 1
livepatch: '$A': patching complete
$A.obj_shadows = 2 made, 0 freed
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
$A: object pre_unpatch: vmlinux
$A: pre_unpatch: state 8
$A: pre_unpatch: state 9
$A: object pre_unpatch: $M
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: object post_unpatch: vmlinux
$A: object post_unpatch: $M
$A: post_unpatch: state 8
$A: post_unpatch: state 9
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A
$A: exit: 2 shadow variables made, 2 freed
% rmmod $M
$M: unloaded"

start_test "an unload frees the module's shadow variables, a reload starts afresh"
load_lp $A states=9m obj_callbacks=1 mod=1
load_mod $M
expect_param $A obj_shadows
unload_mod $M
expect_param $A obj_shadows
load_mod $M
expect_param $A obj_shadows
unload_mod $M
disable_lp $A
check_result "% insmod $A.ko states=9m obj_callbacks=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: object pre_patch: vmlinux
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: object post_patch: vmlinux
livepatch: '$A': patching complete
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
$A: pre_patch: state 9
$A: object pre_patch: $M
$A: object post_patch: $M
$A: post_patch: state 9
$M: loaded, version 2
$A.obj_shadows = 2 made, 0 freed
% rmmod $M
$M: unloaded
$A: pre_unpatch: state 9
$A: object pre_unpatch: $M
livepatch: reverting patch '$A' on unloading module '$M'
$A: object post_unpatch: $M
$A: post_unpatch: state 9
$A.obj_shadows = 2 made, 2 freed
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
$A: pre_patch: state 9
$A: object pre_patch: $M
$A: object post_patch: $M
$A: post_patch: state 9
$M: loaded, version 2
$A.obj_shadows = 4 made, 2 freed
% rmmod $M
$M: unloaded
$A: pre_unpatch: state 9
$A: object pre_unpatch: $M
livepatch: reverting patch '$A' on unloading module '$M'
$A: object post_unpatch: $M
$A: post_unpatch: state 9
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: object pre_unpatch: vmlinux
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: object post_unpatch: vmlinux
livepatch: '$A': unpatching complete
% rmmod $A
$A: exit: 4 shadow variables made, 4 freed"

start_test "a failing pre_patch of a module's state refuses the module"
load_lp $A states=9m,8m mod=1 fail_pre_patch=8
load_fail $M
not_loaded $M
expect_param $A obj_shadows
disable_lp $A
load_mod $M
unload_mod $M
check_result "% insmod $A.ko states=9m,8m mod=1 fail_pre_patch=8
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
$A: pre_patch: state 9
$A: pre_patch: state 8 fails
$A: post_unpatch: state 9
livepatch: pre-patch callback failed for object '$M'
livepatch: patch '$A' failed for module '$M', refusing to load module '$M'
insmod: ERROR: could not insert module $M.ko: No such device
$A.obj_shadows = 2 made, 2 freed
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
% rmmod $A
$A: exit: 2 shadow variables made, 2 freed
% insmod $M.ko
$M: loaded, version 1
% rmmod $M
$M: unloaded"

start_test "a failing pre_patch of a module's state fails the enable"
load_mod $M
load_fail $A states=1,9m,8m mod=1 fail_pre_patch=8
load_lp $A states=9m mod=1
disable_lp $A
unload_mod $M
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=1,9m,8m mod=1 fail_pre_patch=8
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 9
$A: pre_patch: state 8 fails
$A: post_unpatch: state 9
livepatch: pre-patch callback failed for object '$M'
livepatch: failed to enable patch '$A'
livepatch: '$A': canceling patching transition, going to unpatch
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
insmod: ERROR: could not insert module $A.ko: No such device
% insmod $A.ko states=9m mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 9
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 9
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 9
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 9
livepatch: '$A': unpatching complete
% rmmod $A
$A: exit: 2 shadow variables made, 2 freed
% rmmod $M
$M: unloaded"

start_test "upgrade and downgrade with the module loaded"
load_mod $M
load_lp $A states=9m replace=1 mod=1
load_lp $B states=9m,8m replace=1 mod=1
unload_lp $A
load_lp $A states=9m replace=1 mod=1
unload_lp $B
disable_lp $A
unload_mod $M
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=9m replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 9
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 9
livepatch: '$A': patching complete
% insmod $B.ko states=9m,8m replace=1 mod=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 8
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$B: post_patch: state 8
livepatch: '$B': patching complete
% rmmod $A
$A: exit: 2 shadow variables made, 0 freed
% insmod $A.ko states=9m replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$B: pre_unpatch: state 8
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$B: post_unpatch: state 8
livepatch: '$A': patching complete
% rmmod $B
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 9
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 9
livepatch: '$A': unpatching complete
% rmmod $A
$A: exit: 0 shadow variables made, 2 freed
% rmmod $M
$M: unloaded"

start_test "upgrade and downgrade with the module unloaded in between"
load_mod $M
load_lp $A states=9m replace=1 mod=1
unload_mod $M
load_lp $B states=9m,8m replace=1 mod=1
unload_lp $A
load_mod $M
load_lp $A states=9m replace=1 mod=1
unload_lp $B
unload_mod $M
disable_lp $A
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=9m replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 9
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 9
livepatch: '$A': patching complete
% rmmod $M
$M: unloaded
$A: pre_unpatch: state 9
livepatch: reverting patch '$A' on unloading module '$M'
$A: post_unpatch: state 9
% insmod $B.ko states=9m,8m replace=1 mod=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
livepatch: '$B': patching complete
% rmmod $A
$A: exit: 2 shadow variables made, 2 freed
% insmod $M.ko
livepatch: applying patch '$B' to loading module '$M'
$B: pre_patch: state 9
$B: pre_patch: state 8
$B: post_patch: state 9
$B: post_patch: state 8
$M: loaded, version 2
% insmod $A.ko states=9m replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$B: pre_unpatch: state 8
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$B: post_unpatch: state 8
livepatch: '$A': patching complete
% rmmod $B
$B: exit: 2 shadow variables made, 0 freed
% rmmod $M
$M: unloaded
$A: pre_unpatch: state 9
livepatch: reverting patch '$A' on unloading module '$M'
$A: post_unpatch: state 9
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
% rmmod $A
$A: exit: 0 shadow variables made, 2 freed"

start_test "a replace without the state, the module not loaded, runs nothing for it"
load_lp $A states=8m replace=1 mod=1
load_lp $B states=2 replace=1 mod=1
unload_lp $A
load_mod $M
unload_mod $M
disable_lp $B
check_result "% insmod $A.ko states=8m replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% insmod $B.ko states=2 replace=1 mod=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 2
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$B: post_patch: state 2
livepatch: '$B': patching complete
% rmmod $A
% insmod $M.ko
livepatch: applying patch '$B' to loading module '$M'
$M: loaded, version 2
% rmmod $M
$M: unloaded
livepatch: reverting patch '$B' on unloading module '$M'
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
$B: pre_unpatch: state 2
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 2
livepatch: '$B': unpatching complete
% rmmod $B"

start_test "the module unloads during an upgrade that keeps its state"
# $A introduced state 9; the module goes while $B, which keeps it,
# replaces $A: $B, the newest carrier, removes it, pre_unpatch then
# post_unpatch (contract 4b.1, 4b.5).  $B, in transition, gets no object
# pre_unpatch: the state's pre_unpatch comes once $M is unpatched.
load_mod $T
load_mod $M
load_lp $A states=9m replace=1 mod=1 target=1
hold 1
load_lp_nowait $B states=9m replace=1 mod=1 target=1
unload_mod $M
expect_param $B obj_shadows
hold 0
loop_until "transition_done $B" || die "$B transition stuck"
unload_lp $A
disable_lp $B
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=9m replace=1 mod=1 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 9
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 9
livepatch: '$A': patching complete
% echo 1 > /sys/module/$T/parameters/block
% insmod $B.ko states=9m replace=1 mod=1 target=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
livepatch: '$B': starting patching transition
% rmmod $M
$M: unloaded
livepatch: reverting patch '$A' on unloading module '$M'
livepatch: reverting patch '$B' on unloading module '$M'
$B: pre_unpatch: state 9
$B: post_unpatch: state 9
$B.obj_shadows = 0 made, 2 freed
% echo 0 > /sys/module/$T/parameters/block
livepatch: '$B': completing patching transition
livepatch: '$B': patching complete
% rmmod $A
$A: exit: 2 shadow variables made, 0 freed
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
livepatch: '$B': unpatching complete
% rmmod $B
$B: exit: 0 shadow variables made, 2 freed
% rmmod $T
$T: unloaded"

start_test "the module unloads while the newer of two carriers is disabled"
# $A and $B both carry state 9, which $A introduced.  The module goes
# while $B is being disabled: $B, the newest carrier, removes the state,
# pre_unpatch (once $M is unpatched, as for the transition above) then
# post_unpatch (contract 4b.1, 4b.5), and frees its variables before the
# unload returns; $A finds nothing left to do.
load_mod $T
load_mod $M
load_lp $A states=9m mod=1 target=1
load_lp $B states=9m mod=1 target=1
hold 1
write_enabled $B 0 || die "disable of $B refused"
unload_mod $M
expect_param $A obj_shadows
expect_param $B obj_shadows
hold 0
wait_freed $B
unload_mod $B
disable_lp $A
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=9m mod=1 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 9
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 9
livepatch: '$A': patching complete
% insmod $B.ko states=9m mod=1 target=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
livepatch: '$B': patching complete
% echo 1 > /sys/module/$T/parameters/block
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
livepatch: '$B': starting unpatching transition
% rmmod $M
$M: unloaded
livepatch: reverting patch '$A' on unloading module '$M'
livepatch: reverting patch '$B' on unloading module '$M'
$B: pre_unpatch: state 9
$B: post_unpatch: state 9
$A.obj_shadows = 2 made, 0 freed
$B.obj_shadows = 0 made, 2 freed
% echo 0 > /sys/module/$T/parameters/block
livepatch: '$B': completing unpatching transition
livepatch: '$B': unpatching complete
% rmmod $B
$B: exit: 0 shadow variables made, 2 freed
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
% rmmod $A
$A: exit: 2 shadow variables made, 0 freed
% rmmod $T
$T: unloaded"

start_test "the module loads during a replace that drops its state"
# The kernel patches the loading module with both livepatches; the state
# comes and, as the replace lacks it, begins to go at once: the replace's
# end removes it, its shadow variables with it.
load_mod $T
load_lp $A states=9m replace=1 mod=1 target=1
hold 1
load_lp_nowait $B states=1 replace=1 mod=1 target=1
load_mod $M
hold 0
loop_until "transition_done $B" || die "$B transition stuck"
# Native destructors run when the replaced livepatch is freed, after
# the transition.
wait_freed $A
expect_param $A obj_shadows
unload_lp $A
unload_mod $M
disable_lp $B
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=9m replace=1 mod=1 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% echo 1 > /sys/module/$T/parameters/block
% insmod $B.ko states=1 replace=1 mod=1 target=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 1
livepatch: '$B': starting patching transition
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
$A: pre_patch: state 9
$A: post_patch: state 9
$A: pre_unpatch: state 9
livepatch: applying patch '$B' to loading module '$M'
$M: loaded, version 2
% echo 0 > /sys/module/$T/parameters/block
livepatch: '$B': completing patching transition
$A: post_unpatch: state 9
$B: post_patch: state 1
livepatch: '$B': patching complete
$A.obj_shadows = 2 made, 2 freed
% rmmod $A
$A: exit: 2 shadow variables made, 2 freed
% rmmod $M
$M: unloaded
livepatch: reverting patch '$B' on unloading module '$M'
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
$B: pre_unpatch: state 1
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 1
livepatch: '$B': unpatching complete
% rmmod $B
% rmmod $T
$T: unloaded"

start_test "the module loads while a livepatch in the middle of a stack is disabled"
# Three livepatches stacked, none replacing, all patching the module.  It
# loads while $B, in the middle, is being disabled: $A, the oldest,
# introduces state 9, which $B carries too; state 8 is $B's alone: like
# the kernel's object callbacks, it gets pre_patch as the module loads
# and post_unpatch as $B's transition ends.
load_mod $T
load_lp $A states=9m mod=1 target=1
load_lp $B states=8m,9m mod=1 target=1
load_lp $C states=1 mod=1
hold 1
write_enabled $B 0 || die "disable of $B refused"
load_mod $M
hold 0
wait_freed $B
expect_param $A obj_shadows
expect_param $B obj_shadows
unload_mod $B
unload_mod $M
expect_param $A obj_shadows
disable_lp $C
disable_lp $A
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=9m mod=1 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% insmod $B.ko states=8m,9m mod=1 target=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
livepatch: '$B': patching complete
% insmod $C.ko states=1 mod=1
livepatch: enabling patch '$C'
livepatch: '$C': initializing patching transition
$C: pre_patch: state 1
livepatch: '$C': starting patching transition
livepatch: '$C': completing patching transition
$C: post_patch: state 1
livepatch: '$C': patching complete
% echo 1 > /sys/module/$T/parameters/block
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
livepatch: '$B': starting unpatching transition
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
$A: pre_patch: state 9
$A: post_patch: state 9
livepatch: applying patch '$B' to loading module '$M'
$B: pre_patch: state 8
livepatch: applying patch '$C' to loading module '$M'
$M: loaded, version 2
% echo 0 > /sys/module/$T/parameters/block
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 8
livepatch: '$B': unpatching complete
$A.obj_shadows = 2 made, 0 freed
$B.obj_shadows = 0 made, 0 freed
% rmmod $B
% rmmod $M
$M: unloaded
$A: pre_unpatch: state 9
livepatch: reverting patch '$A' on unloading module '$M'
$A: post_unpatch: state 9
livepatch: reverting patch '$C' on unloading module '$M'
$A.obj_shadows = 2 made, 2 freed
% echo 0 > $SYSFS_KLP/$C/enabled
livepatch: '$C': initializing unpatching transition
$C: pre_unpatch: state 1
livepatch: '$C': starting unpatching transition
livepatch: '$C': completing unpatching transition
$C: post_unpatch: state 1
livepatch: '$C': unpatching complete
% rmmod $C
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
% rmmod $A
$A: exit: 2 shadow variables made, 2 freed
% rmmod $T
$T: unloaded"

start_test "the module loads while the older of two carriers of its state is disabled"
# $A and $B, stacked, both carry state 9; $A alone patches the target,
# where the worker holds $A's disable open.  The module loads while $A is
# being disabled: $A is leaving, so $B, which stays, introduces the state
# and removes it when the module unloads; $A's disable runs nothing for
# it (contract 4b.2, 4b.3, 4b.5).
load_mod $T
load_lp $A states=9m mod=1 target=1
load_lp $B states=9m mod=1
hold 1
write_enabled $A 0 || die "disable of $A refused"
load_mod $M
hold 0
wait_freed $A
expect_param $A obj_shadows
unload_mod $A
expect_param $B obj_shadows
unload_mod $M
expect_param $B obj_shadows
disable_lp $B
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=9m mod=1 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% insmod $B.ko states=9m mod=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
livepatch: '$B': patching complete
% echo 1 > /sys/module/$T/parameters/block
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
livepatch: '$A': starting unpatching transition
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
livepatch: applying patch '$B' to loading module '$M'
$B: pre_patch: state 9
$B: post_patch: state 9
$M: loaded, version 2
% echo 0 > /sys/module/$T/parameters/block
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
$A.obj_shadows = 0 made, 0 freed
% rmmod $A
$B.obj_shadows = 2 made, 0 freed
% rmmod $M
$M: unloaded
$B: pre_unpatch: state 9
livepatch: reverting patch '$B' on unloading module '$M'
$B: post_unpatch: state 9
$B.obj_shadows = 2 made, 2 freed
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
livepatch: '$B': unpatching complete
% rmmod $B
$B: exit: 2 shadow variables made, 2 freed
% rmmod $T
$T: unloaded"

start_test "the module loads during a replace by a livepatch without managed states"
# $B replaces $A and carries no managed state.  The module loads while
# the replace is held open: $A introduces state 9, which the replace
# lacks, so it begins to go at once and the replace's end removes it
# with its shadow variables (contract 4b.3, 4b.4, 4b.8).
load_mod $T
load_lp $A states=9m replace=1 mod=1 target=1
hold 1
load_lp_nowait $B replace=1 mod=1 target=1
load_mod $M
hold 0
loop_until "transition_done $B" || die "$B transition stuck"
wait_freed $A
expect_param $A obj_shadows
unload_lp $A
unload_mod $M
disable_lp $B
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=9m replace=1 mod=1 target=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% echo 1 > /sys/module/$T/parameters/block
% insmod $B.ko replace=1 mod=1 target=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
livepatch: '$B': starting patching transition
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
$A: pre_patch: state 9
$A: post_patch: state 9
$A: pre_unpatch: state 9
livepatch: applying patch '$B' to loading module '$M'
$M: loaded, version 2
% echo 0 > /sys/module/$T/parameters/block
livepatch: '$B': completing patching transition
$A: post_unpatch: state 9
livepatch: '$B': patching complete
$A.obj_shadows = 2 made, 2 freed
% rmmod $A
$A: exit: 2 shadow variables made, 2 freed
% rmmod $M
$M: unloaded
livepatch: reverting patch '$B' on unloading module '$M'
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
livepatch: '$B': unpatching complete
% rmmod $B
% rmmod $T
$T: unloaded"

start_test "block_disable on a module's state refuses a replace dropping it"
load_mod $M
load_lp $A states=10mb replace=1 mod=1
load_fail $B states=1 replace=1 mod=1
unload_mod $M
load_lp $C states=10m replace=1 mod=1
unload_lp $A
disable_lp $C
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=10mb replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 10
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 10
livepatch: '$A': patching complete
% insmod $B.ko states=1 replace=1 mod=1
livepatch: Livepatch patch ($B) is not compatible with the already installed livepatches.
insmod: ERROR: could not insert module $B.ko: Invalid parameters
% rmmod $M
$M: unloaded
$A: pre_unpatch: state 10
livepatch: reverting patch '$A' on unloading module '$M'
$A: post_unpatch: state 10
% insmod $C.ko states=10m replace=1 mod=1
livepatch: enabling patch '$C'
livepatch: '$C': initializing patching transition
livepatch: '$C': starting patching transition
livepatch: '$C': completing patching transition
livepatch: '$C': patching complete
% rmmod $A
% echo 0 > $SYSFS_KLP/$C/enabled
livepatch: '$C': initializing unpatching transition
livepatch: '$C': starting unpatching transition
livepatch: '$C': completing unpatching transition
livepatch: '$C': unpatching complete
% rmmod $C"

start_test "a state naming no object of its livepatch is refused"
load_fail $A states=1,8x mod=1
load_fail $A states=8e mod=1
load_fail $A states=8m
load_fail $A states=8v mod=1
not_loaded $A
check_result "% insmod $A.ko states=1,8x mod=1
[native] livepatch: state 8 of livepatch '$A' names object 'test_klp_state_nowhere', which the livepatch does not patch
[compat] klp-state: state 0x8 of livepatch '$A' names object 'test_klp_state_nowhere', which the livepatch does not patch
insmod: ERROR: could not insert module $A.ko: Invalid parameters
% insmod $A.ko states=8e mod=1
[native] livepatch: state 8 of livepatch '$A' names object '', which the livepatch does not patch
[compat] klp-state: state 0x8 of livepatch '$A' names object '', which the livepatch does not patch
insmod: ERROR: could not insert module $A.ko: Invalid parameters
% insmod $A.ko states=8m
[native] livepatch: state 8 of livepatch '$A' names object '$M', which the livepatch does not patch
[compat] klp-state: state 0x8 of livepatch '$A' names object '$M', which the livepatch does not patch
insmod: ERROR: could not insert module $A.ko: Invalid parameters
% insmod $A.ko states=8v mod=1
[native] livepatch: state 8 of livepatch '$A' names object '$M', which needs a state without a version
[compat] klp-state: state 0x8 of livepatch '$A' names object '$M', which needs a state without a version
insmod: ERROR: could not insert module $A.ko: Invalid parameters"

start_test "a module load refused by a newer carrier removes the older one's state"
# $A introduces state 9 as the module loads; $B's pre_patch of state 8
# then refuses the module: $A removes state 9 and frees its variables,
# and the next instance of the module starts afresh (contract 4b.1,
# 4b.2, 4b.4).
load_lp $A states=9m mod=1
load_lp $B states=9m,8m mod=1 fail_pre_patch=8
load_fail $M
not_loaded $M
expect_param $A obj_shadows
disable_lp $B
load_mod $M
unload_mod $M
expect_param $A obj_shadows
disable_lp $A
check_result "% insmod $A.ko states=9m mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% insmod $B.ko states=9m,8m mod=1 fail_pre_patch=8
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
livepatch: '$B': patching complete
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
$A: pre_patch: state 9
$A: post_patch: state 9
livepatch: applying patch '$B' to loading module '$M'
$B: pre_patch: state 8 fails
livepatch: pre-patch callback failed for object '$M'
livepatch: patch '$B' failed for module '$M', refusing to load module '$M'
$A: pre_unpatch: state 9
livepatch: reverting patch '$A' on unloading module '$M'
$A: post_unpatch: state 9
insmod: ERROR: could not insert module $M.ko: No such device
$A.obj_shadows = 2 made, 2 freed
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
livepatch: '$B': unpatching complete
% rmmod $B
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
$A: pre_patch: state 9
$A: post_patch: state 9
$M: loaded, version 2
% rmmod $M
$M: unloaded
$A: pre_unpatch: state 9
livepatch: reverting patch '$A' on unloading module '$M'
$A: post_unpatch: state 9
$A.obj_shadows = 4 made, 4 freed
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
% rmmod $A
$A: exit: 4 shadow variables made, 4 freed"

start_test "a livepatch that gives a state another scope is refused"
# State 8 of $A belongs to $M; a livepatch that has it for the whole
# livepatch, or for another module, is refused whether it replaces $A or
# goes on top of it, and so is one that makes a state of the whole
# livepatch belong to a module: the state would never be removed with
# the module, or be removed where it was never introduced.  Nothing runs.
load_mod $M
load_lp $A states=8m mod=1
load_fail $B states=8 replace=1 mod=1
load_fail $B states=8t replace=1 mod=1 target=1
load_fail $B states=2,8 mod=1
disable_lp $A
load_lp $A states=8
load_fail $B states=8m replace=1 mod=1
disable_lp $A
unload_mod $M
not_loaded $B
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=8m mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 8
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 8
livepatch: '$A': patching complete
% insmod $B.ko states=8 replace=1 mod=1
[native] livepatch: state 8 of livepatch '$B' has another scope than in livepatch '$A'
[compat] klp-state: state 0x8 of livepatch '$B' has another scope than in livepatch '$A'
insmod: ERROR: could not insert module $B.ko: Invalid parameters
% insmod $B.ko states=8t replace=1 mod=1 target=1
[native] livepatch: state 8 of livepatch '$B' has another scope than in livepatch '$A'
[compat] klp-state: state 0x8 of livepatch '$B' has another scope than in livepatch '$A'
insmod: ERROR: could not insert module $B.ko: Invalid parameters
% insmod $B.ko states=2,8 mod=1
[native] livepatch: state 8 of livepatch '$B' has another scope than in livepatch '$A'
[compat] klp-state: state 0x8 of livepatch '$B' has another scope than in livepatch '$A'
insmod: ERROR: could not insert module $B.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 8
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 8
livepatch: '$A': unpatching complete
% rmmod $A
% insmod $A.ko states=8
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 8
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 8
livepatch: '$A': patching complete
% insmod $B.ko states=8m replace=1 mod=1
[native] livepatch: state 8 of livepatch '$B' has another scope than in livepatch '$A'
[compat] klp-state: state 0x8 of livepatch '$B' has another scope than in livepatch '$A'
insmod: ERROR: could not insert module $B.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 8
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 8
livepatch: '$A': unpatching complete
% rmmod $A
% rmmod $M
$M: unloaded"

start_test "a reversed replace restores the dropped state before removing the new one"
# $B replaces $A, dropping state 1; the module loads during the replace
# and $B introduces its state 10; the replace is reversed: $A's
# post_patch of the dropped state comes first, then $B's states go, the
# module's before the whole livepatch's (contract 4b.6).
load_mod $T
load_lp $A states=1 replace=1 mod=1
hold 1
load_lp_nowait $B states=2,10m replace=1 mod=1 target=1
load_mod $M
write_enabled $B 0 || die "reversing the enable of $B was refused"
wait_freed $B
hold 0
unload_mod $B
unload_mod $M
disable_lp $A
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=1 replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
% echo 1 > /sys/module/$T/parameters/block
% insmod $B.ko states=2,10m replace=1 mod=1 target=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 2
$A: pre_unpatch: state 1
livepatch: '$B': starting patching transition
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
livepatch: applying patch '$B' to loading module '$M'
$B: pre_patch: state 10
$M: loaded, version 2
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': reversing transition from patching to unpatching
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$A: post_patch: state 1
$B: post_unpatch: state 10
$B: post_unpatch: state 2
livepatch: '$B': unpatching complete
% echo 0 > /sys/module/$T/parameters/block
% rmmod $B
% rmmod $M
$M: unloaded
livepatch: reverting patch '$A' on unloading module '$M'
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

start_test "a replace removes the dropped state before the new one of the module"
# The same replace, completed: $A's post_unpatch of the dropped state
# runs before $B's post_patch of the module's new state (contract 4b.6).
load_mod $T
load_lp $A states=1 replace=1 mod=1
hold 1
load_lp_nowait $B states=2,10m replace=1 mod=1 target=1
load_mod $M
hold 0
loop_until "transition_done $B" || die "$B transition stuck"
unload_lp $A
unload_mod $M
disable_lp $B
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $A.ko states=1 replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
% echo 1 > /sys/module/$T/parameters/block
% insmod $B.ko states=2,10m replace=1 mod=1 target=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 2
$A: pre_unpatch: state 1
livepatch: '$B': starting patching transition
% insmod $M.ko
livepatch: applying patch '$A' to loading module '$M'
livepatch: applying patch '$B' to loading module '$M'
$B: pre_patch: state 10
$M: loaded, version 2
% echo 0 > /sys/module/$T/parameters/block
livepatch: '$B': completing patching transition
$A: post_unpatch: state 1
$B: post_patch: state 10
$B: post_patch: state 2
livepatch: '$B': patching complete
% rmmod $A
% rmmod $M
$M: unloaded
$B: pre_unpatch: state 10
livepatch: reverting patch '$B' on unloading module '$M'
$B: post_unpatch: state 10
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
$B: pre_unpatch: state 2
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 2
livepatch: '$B': unpatching complete
% rmmod $B
% rmmod $T
$T: unloaded"

start_test "a replace introduces the module's new state before it drops the old one"
# $B replaces $A, dropping state 1 and introducing state 8 of the loaded
# module: $B's pre_patch runs before $A's pre_unpatch, and $A's
# post_unpatch before $B's post_patch (contract 4b.6).
load_mod $M
load_lp $A states=1 replace=1 mod=1
load_lp $B states=8m replace=1 mod=1
unload_lp $A
unload_mod $M
disable_lp $B
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=1 replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
% insmod $B.ko states=8m replace=1 mod=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 8
$A: pre_unpatch: state 1
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$A: post_unpatch: state 1
$B: post_patch: state 8
livepatch: '$B': patching complete
% rmmod $A
% rmmod $M
$M: unloaded
$B: pre_unpatch: state 8
livepatch: reverting patch '$B' on unloading module '$M'
$B: post_unpatch: state 8
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
livepatch: '$B': unpatching complete
% rmmod $B"

start_test "a failure after the old pre_unpatch restores the dropped state before removing the module's new one"
# $B replaces $A as above; the object pre_patch of $T, which comes after
# the states, fails: $A's post_patch of the dropped state comes first,
# then $B's post_unpatch of the module's state it introduced (table 4).
load_mod $T
load_mod $M
load_lp $A states=1 replace=1 mod=1
load_fail $B states=8m replace=1 target=1 mod=1 obj_callbacks=1 fail_obj_pre_patch=1
disable_lp $A
unload_mod $M
unload_mod $T
check_result "% insmod $T.ko
$T: loaded
% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=1 replace=1 mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
% insmod $B.ko states=8m replace=1 target=1 mod=1 obj_callbacks=1 fail_obj_pre_patch=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 8
$A: pre_unpatch: state 1
$B: object pre_patch: vmlinux
$B: object pre_patch: $T fails
livepatch: pre-patch callback failed for object '$T'
livepatch: failed to enable patch '$B'
livepatch: '$B': canceling patching transition, going to unpatch
livepatch: '$B': completing unpatching transition
$B: object post_unpatch: vmlinux
$A: post_patch: state 1
$B: post_unpatch: state 8
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
% rmmod $M
$M: unloaded
% rmmod $T
$T: unloaded"

start_test "an unrelated module's unload does not wait for a livepatch's destructors"
# $A's disable leaves the variables of its state 9 of $M to the freeing
# of $A, where the destructor waits until told.  Meanwhile $T, which no
# state belongs to, unloads without waiting for it (contract 4b.10).
# Native only: the compat engine runs destructors right after
# post_unpatch, under a spinlock, where they cannot wait.
if [ "$BACKEND" = compat ]; then
	echo "TEST: $TEST_NAME ... skip the compat engine's destructors cannot wait"
else
load_mod $T
load_mod $M
load_lp $A states=9m mod=1 dtor_hold=1
write_enabled $A 0 || die "disable of $A refused"
loop_until "transition_done $A" || die "$A transition stuck"
unload_mod_bg $T
if ! RETRIES=50 loop_until unload_returned; then
	set_param $A dtor_hold 0
	unload_wait
	die "rmmod $T waited for the destructors of $A"
fi
unload_wait || die "rmmod $T failed"
expect_param $A obj_shadows
set_param $A dtor_hold 0
wait_freed $A
expect_param $A obj_shadows
unload_mod $A
unload_mod $M
check_result "% insmod $T.ko
$T: loaded
% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=9m mod=1 dtor_hold=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 9
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 9
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 9
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 9
livepatch: '$A': unpatching complete
% rmmod $T
$T: unloaded
$A.obj_shadows = 2 made, 0 freed
% echo 0 > /sys/module/$A/parameters/dtor_hold
$A.obj_shadows = 2 made, 2 freed
% rmmod $A
$A: exit: 2 shadow variables made, 2 freed
% rmmod $M
$M: unloaded"
fi

start_test "a new introduction of a state waits for the destructors of its removal"
# $A's disable removes state 9 of $M; its destructors wait until told.
# $B introduces state 9 again meanwhile: its pre_patch must come after
# the last of them (contract 4b.4), so its enable waits for them.
# Native only, as above.
if [ "$BACKEND" = compat ]; then
	echo "TEST: $TEST_NAME ... skip the compat engine's destructors cannot wait"
else
load_mod $M
load_lp $A states=9m mod=1 dtor_hold=1
write_enabled $A 0 || die "disable of $A refused"
loop_until "transition_done $A" || die "$A transition stuck"
log "% insmod $B.ko states=9m mod=1"
insmod $B.ko states=9m mod=1 &
LOAD_PID=$!
sleep 1
expect_param $A obj_shadows
set_param $A dtor_hold 0
wait "$LOAD_PID" || die "insmod $B failed"
loop_until "transition_done $B" || die "$B transition stuck"
wait_freed $A
expect_param $A obj_shadows
unload_mod $A
disable_lp $B
unload_mod $M
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=9m mod=1 dtor_hold=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 9
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 9
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 9
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 9
livepatch: '$A': unpatching complete
% insmod $B.ko states=9m mod=1
$A.obj_shadows = 2 made, 0 freed
% echo 0 > /sys/module/$A/parameters/dtor_hold
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
$B: pre_patch: state 9
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
$B: post_patch: state 9
livepatch: '$B': patching complete
$A.obj_shadows = 2 made, 2 freed
% rmmod $A
$A: exit: 2 shadow variables made, 2 freed
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
$B: pre_unpatch: state 9
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
$B: post_unpatch: state 9
livepatch: '$B': unpatching complete
% rmmod $B
$B: exit: 2 shadow variables made, 2 freed
% rmmod $M
$M: unloaded"
fi
