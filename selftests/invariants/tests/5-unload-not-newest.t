# SPDX-License-Identifier: GPL-2.0-only
# 4b.5: on a module's unload the older carrier removes the state
% insmod test_klp_state_mod.ko
test_klp_state_mod: loaded, version 1
% insmod test_klp_state_a.ko states=8m mod=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 8
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 8
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_b.ko states=8m mod=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
livepatch: 'test_klp_state_b': starting patching transition
livepatch: 'test_klp_state_b': completing patching transition
livepatch: 'test_klp_state_b': patching complete
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
test_klp_state_a: pre_unpatch: state 8
livepatch: reverting patch 'test_klp_state_a' on unloading module 'test_klp_state_mod'
livepatch: reverting patch 'test_klp_state_b' on unloading module 'test_klp_state_mod'
test_klp_state_a: post_unpatch: state 8
