# SPDX-License-Identifier: GPL-2.0-only
# accepted: a later instance finds what a forced replace kept, compat exception 4 (compat)
% insmod test_klp_state_mod.ko
test_klp_state_mod: loaded, version 1
% insmod test_klp_state_a.ko states=3s,9m replace=1 mod=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 3
test_klp_state_a: pre_patch: state 9
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 9
test_klp_state_a: post_patch: state 3
livepatch: 'test_klp_state_a': patching complete
% echo 1 > /sys/module/test_klp_state_target/parameters/block
% insmod test_klp_state_b.ko states=1 target=1 replace=1
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
test_klp_state_b.shadow_count = 2
test_klp_state_a.obj_shadows = 2 made, 0 freed
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
test_klp_state_a.obj_shadows = 2 made, 0 freed
% echo 0 > /sys/kernel/livepatch/test_klp_state_b/enabled
livepatch: 'test_klp_state_b': initializing unpatching transition
test_klp_state_b: pre_unpatch: state 1
livepatch: 'test_klp_state_b': starting unpatching transition
livepatch: 'test_klp_state_b': completing unpatching transition
test_klp_state_b: post_unpatch: state 1
livepatch: 'test_klp_state_b': unpatching complete
% insmod test_klp_state_c.ko states=3s fail_pre_patch=3 log_shadows=1
livepatch: enabling patch 'test_klp_state_c'
livepatch: 'test_klp_state_c': initializing patching transition
test_klp_state_c: pre_patch: state 3 fails
klp-state: 'test_klp_state_c': an earlier transition was forced, shadow variables of the removed states are kept
livepatch: pre-patch callback failed for object 'vmlinux'
livepatch: failed to enable patch 'test_klp_state_c'
livepatch: 'test_klp_state_c': canceling patching transition, going to unpatch
livepatch: 'test_klp_state_c': completing unpatching transition
livepatch: 'test_klp_state_c': unpatching complete
insmod: ERROR: could not insert module test_klp_state_c.ko: No such device
% insmod test_klp_state_c.ko states=3s log_shadows=1
livepatch: enabling patch 'test_klp_state_c'
livepatch: 'test_klp_state_c': initializing patching transition
test_klp_state_c: pre_patch: state 3
livepatch: 'test_klp_state_c': starting patching transition
livepatch: 'test_klp_state_c': completing patching transition
test_klp_state_c: post_patch: state 3
livepatch: 'test_klp_state_c': patching complete
test_klp_state_c.shadow_count = 2
% echo 0 > /sys/kernel/livepatch/test_klp_state_c/enabled
livepatch: 'test_klp_state_c': initializing unpatching transition
test_klp_state_c: pre_unpatch: state 3
livepatch: 'test_klp_state_c': starting unpatching transition
livepatch: 'test_klp_state_c': completing unpatching transition
test_klp_state_c: post_unpatch: state 3
klp-state: 'test_klp_state_c': an earlier transition was forced, shadow variables of the removed states are kept
livepatch: 'test_klp_state_c': unpatching complete
% rmmod test_klp_state_c
