# SPDX-License-Identifier: GPL-2.0-only
# accepted: compat keeps a forced replace's variables, a later replace finds them (compat)
% insmod test_klp_state_target.ko reader=1
test_klp_state_target: loaded
% insmod test_klp_state_a.ko states=3s,9m replace=1 target=1 mod=1 log_shadows=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: shadow_ctor: state 3 obj 1
test_klp_state_a: shadow_ctor: state 3 obj 2
test_klp_state_a: pre_patch: state 3
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 3
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_mod.ko reader=1
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: shadow_ctor: state 9 obj 1
test_klp_state_a: shadow_ctor: state 9 obj 2
test_klp_state_a: pre_patch: state 9
test_klp_state_a: post_patch: state 9
test_klp_state_mod: loaded, version 2
% echo 1 > /sys/module/test_klp_state_target/parameters/block
% insmod test_klp_state_b.ko states=1 replace=1 target=1 mod=1 log_shadows=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
test_klp_state_b: pre_patch: state 1
test_klp_state_a: pre_unpatch: state 3
test_klp_state_a: pre_unpatch: state 9
livepatch: 'test_klp_state_b': starting patching transition
% echo 1 > /sys/kernel/livepatch/test_klp_state_b/force
livepatch: forcing remaining tasks to the patched state
livepatch: 'test_klp_state_b': completing patching transition
test_klp_state_a: post_unpatch: state 3
test_klp_state_a: post_unpatch: state 9
test_klp_state_b: post_patch: state 1
klp-state: 'test_klp_state_b': forced transition, shadow variables of the removed states are kept
livepatch: 'test_klp_state_b': patching complete
% echo 0 > /sys/module/test_klp_state_target/parameters/block
% insmod test_klp_state_c.ko states=3s,9m replace=1 target=1 mod=1 log_shadows=1
livepatch: enabling patch 'test_klp_state_c'
livepatch: 'test_klp_state_c': initializing patching transition
test_klp_state_c: pre_patch: state 3
test_klp_state_c: pre_patch: state 9 finds 2 shadow variables
test_klp_state_c: pre_patch: state 9
test_klp_state_b: pre_unpatch: state 1
livepatch: 'test_klp_state_c': starting patching transition
livepatch: 'test_klp_state_c': completing patching transition
test_klp_state_b: post_unpatch: state 1
test_klp_state_c: post_patch: state 9
test_klp_state_c: post_patch: state 3
livepatch: 'test_klp_state_c': patching complete
% echo 0 > /sys/kernel/livepatch/test_klp_state_c/enabled
livepatch: 'test_klp_state_c': initializing unpatching transition
test_klp_state_c: pre_unpatch: state 3
test_klp_state_c: pre_unpatch: state 9
livepatch: 'test_klp_state_c': starting unpatching transition
livepatch: 'test_klp_state_c': completing unpatching transition
test_klp_state_c: post_unpatch: state 9
test_klp_state_c: post_unpatch: state 3
klp-state: 'test_klp_state_c': an earlier transition was forced, shadow variables of the removed states are kept
livepatch: 'test_klp_state_c': unpatching complete
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
% rmmod test_klp_state_b
% rmmod test_klp_state_c
% rmmod test_klp_state_target
test_klp_state_target: unloaded
