# SPDX-License-Identifier: GPL-2.0-only
# A module's load fails after the livepatch came for it (an allocation of
# its init): its states, established, are removed with pre_unpatch and
# post_unpatch before the kernel's line and insmod's error.
% insmod test_klp_state_target.ko reader=1
test_klp_state_target: loaded
% insmod test_klp_state_a.ko states=1,3s,8m,9m target=1 mod=1 log_shadows=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 1
test_klp_state_a: shadow_ctor: state 3 obj 1
test_klp_state_a: shadow_ctor: state 3 obj 2
test_klp_state_a: pre_patch: state 3
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 1
test_klp_state_a: post_patch: state 3
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_mod.ko reader=1
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: pre_patch: state 8
test_klp_state_a: shadow_ctor: state 9 obj 1
test_klp_state_a: shadow_ctor: state 9 obj 2
test_klp_state_a: pre_patch: state 9
test_klp_state_a: post_patch: state 8
test_klp_state_a: post_patch: state 9
test_klp_state_a: pre_unpatch: state 8
test_klp_state_a: pre_unpatch: state 9
livepatch: reverting patch 'test_klp_state_a' on unloading module 'test_klp_state_mod'
test_klp_state_a: post_unpatch: state 8
test_klp_state_a: post_unpatch: state 9
test_klp_state_a: shadow_dtor: state 9 obj 1
test_klp_state_a: shadow_dtor: state 9 obj 2
insmod: ERROR: could not insert module test_klp_state_mod.ko: Cannot allocate memory
% echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
livepatch: 'test_klp_state_a': initializing unpatching transition
test_klp_state_a: pre_unpatch: state 1
test_klp_state_a: pre_unpatch: state 3
livepatch: 'test_klp_state_a': starting unpatching transition
livepatch: 'test_klp_state_a': completing unpatching transition
test_klp_state_a: post_unpatch: state 1
test_klp_state_a: post_unpatch: state 3
livepatch: 'test_klp_state_a': unpatching complete
test_klp_state_a: shadow_dtor: obj 1
test_klp_state_a: shadow_dtor: obj 2
% rmmod test_klp_state_a
test_klp_state_a: exit: 2 shadow variables made, 2 freed
% rmmod test_klp_state_target
test_klp_state_target: unloaded
