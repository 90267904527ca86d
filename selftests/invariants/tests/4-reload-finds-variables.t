# SPDX-License-Identifier: GPL-2.0-only
# 4b.4: a module's second instance finds the variables of the first
% insmod test_klp_state_a.ko states=9m mod=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: pre_patch: state 9
test_klp_state_a: post_patch: state 9
test_klp_state_mod: loaded, version 2
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
test_klp_state_a: pre_unpatch: state 9
livepatch: reverting patch 'test_klp_state_a' on unloading module 'test_klp_state_mod'
test_klp_state_a: post_unpatch: state 9
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: pre_patch: state 9 finds 2 shadow variables
test_klp_state_a: pre_patch: state 9
test_klp_state_a: post_patch: state 9
test_klp_state_mod: loaded, version 2
