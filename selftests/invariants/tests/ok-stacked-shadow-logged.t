# SPDX-License-Identifier: GPL-2.0-only
# accepted: stacked carriers of a shadow state, constructions logged
% insmod test_klp_state_a.ko states=3s log_shadows=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: shadow_ctor: state 3 obj 1
test_klp_state_a: shadow_ctor: state 3 obj 2
test_klp_state_a: pre_patch: state 3
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 3
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_b.ko states=3s,2 log_shadows=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
test_klp_state_b: pre_patch: state 2
livepatch: 'test_klp_state_b': starting patching transition
livepatch: 'test_klp_state_b': completing patching transition
test_klp_state_b: post_patch: state 2
livepatch: 'test_klp_state_b': patching complete
% echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
livepatch: 'test_klp_state_a': initializing unpatching transition
livepatch: 'test_klp_state_a': starting unpatching transition
livepatch: 'test_klp_state_a': completing unpatching transition
livepatch: 'test_klp_state_a': unpatching complete
% rmmod test_klp_state_a
test_klp_state_b.shadow_count = 2
% echo 0 > /sys/kernel/livepatch/test_klp_state_b/enabled
livepatch: 'test_klp_state_b': initializing unpatching transition
test_klp_state_b: pre_unpatch: state 3
test_klp_state_b: pre_unpatch: state 2
livepatch: 'test_klp_state_b': starting unpatching transition
livepatch: 'test_klp_state_b': completing unpatching transition
test_klp_state_b: post_unpatch: state 3
test_klp_state_b: post_unpatch: state 2
livepatch: 'test_klp_state_b': unpatching complete
test_klp_state_b: shadow_dtor: obj 2
test_klp_state_b: shadow_dtor: obj 1
% rmmod test_klp_state_b
