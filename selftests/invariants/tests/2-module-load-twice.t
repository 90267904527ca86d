# SPDX-License-Identifier: GPL-2.0-only
# 4b.2: two stacked carriers both introduce a module's state as it loads
% insmod test_klp_state_a.ko states=8m mod=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_b.ko states=8m mod=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
livepatch: 'test_klp_state_b': starting patching transition
livepatch: 'test_klp_state_b': completing patching transition
livepatch: 'test_klp_state_b': patching complete
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: pre_patch: state 8
test_klp_state_a: post_patch: state 8
livepatch: applying patch 'test_klp_state_b' to loading module 'test_klp_state_mod'
test_klp_state_b: pre_patch: state 8
test_klp_state_b: post_patch: state 8
test_klp_state_mod: loaded, version 2
