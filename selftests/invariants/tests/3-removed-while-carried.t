# SPDX-License-Identifier: GPL-2.0-only
# 4b.3: the oldest of two stacked carriers removes their state
% insmod test_klp_state_a.ko states=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 1
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 1
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_b.ko states=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
livepatch: 'test_klp_state_b': starting patching transition
livepatch: 'test_klp_state_b': completing patching transition
livepatch: 'test_klp_state_b': patching complete
% echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
livepatch: 'test_klp_state_a': initializing unpatching transition
test_klp_state_a: pre_unpatch: state 1
livepatch: 'test_klp_state_a': starting unpatching transition
livepatch: 'test_klp_state_a': completing unpatching transition
test_klp_state_a: post_unpatch: state 1
livepatch: 'test_klp_state_a': unpatching complete
