# SPDX-License-Identifier: GPL-2.0-only
# 4b.1: a module's unload removes its established state with post_unpatch alone
% insmod test_klp_state_mod.ko
test_klp_state_mod: loaded, version 1
% insmod test_klp_state_a.ko states=9m mod=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 9
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 9
livepatch: 'test_klp_state_a': patching complete
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
livepatch: reverting patch 'test_klp_state_a' on unloading module 'test_klp_state_mod'
test_klp_state_a: post_unpatch: state 9
