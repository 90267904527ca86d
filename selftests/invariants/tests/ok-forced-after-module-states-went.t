# SPDX-License-Identifier: GPL-2.0-only
# accepted: the module goes during the held transition, its states with
# it (their variables freed); forcing the transition later keeps nothing,
# so it needs no log line (seed 7:9 on stock 6.12, shrunk)
% insmod test_klp_state_target.ko
test_klp_state_target: loaded
% echo 1 > /sys/module/test_klp_state_target/parameters/block
% insmod test_klp_state_c.ko states=8m,9m replace=1 target=1 mod=1 log_shadows=1
livepatch: enabling patch 'test_klp_state_c'
livepatch: 'test_klp_state_c': initializing patching transition
livepatch: 'test_klp_state_c': starting patching transition
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_c' to loading module 'test_klp_state_mod'
test_klp_state_c: pre_patch: state 8
test_klp_state_c: shadow_ctor: state 9 obj 1
test_klp_state_c: shadow_ctor: state 9 obj 2
test_klp_state_c: pre_patch: state 9
test_klp_state_mod: loaded, version 2
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
livepatch: reverting patch 'test_klp_state_c' on unloading module 'test_klp_state_mod'
test_klp_state_c: post_unpatch: state 8
test_klp_state_c: post_unpatch: state 9
test_klp_state_c: shadow_dtor: state 9 obj 1
test_klp_state_c: shadow_dtor: state 9 obj 2
% echo 1 > /sys/kernel/livepatch/test_klp_state_c/force
livepatch: forcing remaining tasks to the patched state
livepatch: 'test_klp_state_c': completing patching transition
livepatch: 'test_klp_state_c': patching complete
% echo 0 > /sys/module/test_klp_state_target/parameters/block
% echo 0 > /sys/kernel/livepatch/test_klp_state_c/enabled
livepatch: 'test_klp_state_c': initializing unpatching transition
livepatch: 'test_klp_state_c': starting unpatching transition
livepatch: 'test_klp_state_c': completing unpatching transition
livepatch: 'test_klp_state_c': unpatching complete
% rmmod test_klp_state_c
test_klp_state_c: exit: 2 shadow variables made, 2 freed
% rmmod test_klp_state_target
test_klp_state_target: unloaded
