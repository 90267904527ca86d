# SPDX-License-Identifier: GPL-2.0-only
# 4b.4: a removal after a forced, then reversed replace keeps its variables
% insmod test_klp_state_target.ko
test_klp_state_target: loaded
% insmod test_klp_state_mod.ko
test_klp_state_mod: loaded, version 1
% insmod test_klp_state_b.ko states=9m mod=1 replace=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
test_klp_state_b: pre_patch: state 9
livepatch: 'test_klp_state_b': starting patching transition
livepatch: 'test_klp_state_b': completing patching transition
test_klp_state_b: post_patch: state 9
livepatch: 'test_klp_state_b': patching complete
% echo 1 > /sys/module/test_klp_state_target/parameters/block
% insmod test_klp_state_c.ko states=1 target=1 replace=1
livepatch: enabling patch 'test_klp_state_c'
livepatch: 'test_klp_state_c': initializing patching transition
test_klp_state_c: pre_patch: state 1
test_klp_state_b: pre_unpatch: state 9
livepatch: 'test_klp_state_c': starting patching transition
% echo 1 > /sys/kernel/livepatch/test_klp_state_c/force
livepatch: forcing remaining tasks to the patched state
% echo 0 > /sys/kernel/livepatch/test_klp_state_c/enabled
livepatch: 'test_klp_state_c': reversing transition from patching to unpatching
livepatch: 'test_klp_state_c': starting unpatching transition
livepatch: 'test_klp_state_c': completing unpatching transition
test_klp_state_b: post_patch: state 9
test_klp_state_c: post_unpatch: state 1
livepatch: 'test_klp_state_c': unpatching complete
% echo 0 > /sys/module/test_klp_state_target/parameters/block
% rmmod test_klp_state_c
test_klp_state_b.obj_shadows = 2 made, 0 freed
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
test_klp_state_b: pre_unpatch: state 9
livepatch: reverting patch 'test_klp_state_b' on unloading module 'test_klp_state_mod'
test_klp_state_b: post_unpatch: state 9
livepatch: 'test_klp_state_b': forced transition, shadow variables of state 9 are kept
test_klp_state_b.obj_shadows = 2 made, 0 freed
% echo 0 > /sys/kernel/livepatch/test_klp_state_b/enabled
livepatch: 'test_klp_state_b': initializing unpatching transition
livepatch: 'test_klp_state_b': starting unpatching transition
livepatch: 'test_klp_state_b': completing unpatching transition
livepatch: 'test_klp_state_b': unpatching complete
