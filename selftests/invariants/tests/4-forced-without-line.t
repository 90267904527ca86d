# SPDX-License-Identifier: GPL-2.0-only
# 4b.4: a forced transition keeps variables without saying so
% insmod test_klp_state_target.ko
test_klp_state_target: loaded
% insmod test_klp_state_a.ko states=3s replace=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 3
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 3
livepatch: 'test_klp_state_a': patching complete
% echo 1 > /sys/module/test_klp_state_target/parameters/block
% insmod test_klp_state_b.ko states=1 target=1 replace=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
test_klp_state_b: pre_patch: state 1
test_klp_state_a: pre_unpatch: state 3
livepatch: 'test_klp_state_b': starting patching transition
% echo 1 > /sys/kernel/livepatch/test_klp_state_b/force
livepatch: forcing remaining tasks to the patched state
livepatch: 'test_klp_state_b': completing patching transition
test_klp_state_a: post_unpatch: state 3
test_klp_state_b: post_patch: state 1
livepatch: 'test_klp_state_b': patching complete
