# SPDX-License-Identifier: GPL-2.0-only
# 4b.6: a reversed replace undoes the new state before it restores the old one (issue 28, defect 6)
% insmod test_klp_state_mod.ko
test_klp_state_mod: loaded, version 1
% insmod test_klp_state_target.ko
test_klp_state_target: loaded
% insmod test_klp_state_a.ko states=8m mod=1 replace=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 8
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 8
livepatch: 'test_klp_state_a': patching complete
% echo 1 > /sys/module/test_klp_state_target/parameters/block
% insmod test_klp_state_b.ko states=9m mod=1 target=1 replace=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
test_klp_state_b: pre_patch: state 9
test_klp_state_a: pre_unpatch: state 8
livepatch: 'test_klp_state_b': starting patching transition
% echo 0 > /sys/kernel/livepatch/test_klp_state_b/enabled
livepatch: 'test_klp_state_b': reversing transition from patching to unpatching
livepatch: 'test_klp_state_b': starting unpatching transition
livepatch: 'test_klp_state_b': completing unpatching transition
test_klp_state_b: post_unpatch: state 9
test_klp_state_a: post_patch: state 8
livepatch: 'test_klp_state_b': unpatching complete
