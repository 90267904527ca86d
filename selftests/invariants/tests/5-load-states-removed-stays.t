# SPDX-License-Identifier: GPL-2.0-only
# 4b.5: the states of a loading module are removed, but its load does not
# fail and it stays loaded.
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
test_klp_state_mod: loaded, version 1
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
