# SPDX-License-Identifier: GPL-2.0-only
# 4b.4: variables freed by the destructor of a patch that did not remove the state
% insmod test_klp_state_a.ko states=3s
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 3
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 3
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_b.ko states=3s
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
livepatch: 'test_klp_state_b': starting patching transition
livepatch: 'test_klp_state_b': completing patching transition
livepatch: 'test_klp_state_b': patching complete
% echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
livepatch: 'test_klp_state_a': initializing unpatching transition
livepatch: 'test_klp_state_a': starting unpatching transition
livepatch: 'test_klp_state_a': completing unpatching transition
livepatch: 'test_klp_state_a': unpatching complete
% echo 0 > /sys/kernel/livepatch/test_klp_state_b/enabled
livepatch: 'test_klp_state_b': initializing unpatching transition
test_klp_state_b: pre_unpatch: state 3
livepatch: 'test_klp_state_b': starting unpatching transition
livepatch: 'test_klp_state_b': completing unpatching transition
test_klp_state_b: post_unpatch: state 3
livepatch: 'test_klp_state_b': unpatching complete
test_klp_state_a: shadow_dtor: obj 1
test_klp_state_a: shadow_dtor: obj 2
% rmmod test_klp_state_b
% rmmod test_klp_state_a
