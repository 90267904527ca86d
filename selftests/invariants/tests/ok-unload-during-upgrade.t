# SPDX-License-Identifier: GPL-2.0-only
# accepted: test-objects.sh's module unload during an upgrade, as the contract wants it
% insmod test_klp_state_target.ko
test_klp_state_target: loaded
% insmod test_klp_state_mod.ko
test_klp_state_mod: loaded, version 1
% insmod test_klp_state_a.ko states=9m replace=1 mod=1 target=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 9
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 9
livepatch: 'test_klp_state_a': patching complete
% echo 1 > /sys/module/test_klp_state_target/parameters/block
% insmod test_klp_state_b.ko states=9m replace=1 mod=1 target=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
livepatch: 'test_klp_state_b': starting patching transition
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
test_klp_state_b: pre_unpatch: state 9
livepatch: reverting patch 'test_klp_state_a' on unloading module 'test_klp_state_mod'
livepatch: reverting patch 'test_klp_state_b' on unloading module 'test_klp_state_mod'
test_klp_state_b: post_unpatch: state 9
test_klp_state_b.obj_shadows = 0 made, 2 freed
% echo 0 > /sys/module/test_klp_state_target/parameters/block
livepatch: 'test_klp_state_b': completing patching transition
livepatch: 'test_klp_state_b': patching complete
% rmmod test_klp_state_a
test_klp_state_a: exit: 2 shadow variables made, 0 freed
% echo 0 > /sys/kernel/livepatch/test_klp_state_b/enabled
livepatch: 'test_klp_state_b': initializing unpatching transition
livepatch: 'test_klp_state_b': starting unpatching transition
livepatch: 'test_klp_state_b': completing unpatching transition
livepatch: 'test_klp_state_b': unpatching complete
% rmmod test_klp_state_b
test_klp_state_b: exit: 0 shadow variables made, 2 freed
% rmmod test_klp_state_target
test_klp_state_target: unloaded
