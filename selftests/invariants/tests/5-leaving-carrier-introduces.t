# SPDX-License-Identifier: GPL-2.0-only
# 4b.5: the leaving oldest carrier introduces a module's state the newer one keeps (issue 28, defect 8)
% insmod test_klp_state_target.ko
test_klp_state_target: loaded
% insmod test_klp_state_a.ko states=9m mod=1 target=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_b.ko states=9m mod=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
livepatch: 'test_klp_state_b': starting patching transition
livepatch: 'test_klp_state_b': completing patching transition
livepatch: 'test_klp_state_b': patching complete
% echo 1 > /sys/module/test_klp_state_target/parameters/block
% echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
livepatch: 'test_klp_state_a': initializing unpatching transition
livepatch: 'test_klp_state_a': starting unpatching transition
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: pre_patch: state 9
test_klp_state_a: post_patch: state 9
livepatch: applying patch 'test_klp_state_b' to loading module 'test_klp_state_mod'
test_klp_state_mod: loaded, version 2
