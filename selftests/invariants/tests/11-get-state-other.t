# SPDX-License-Identifier: GPL-2.0-only
# 4b.11: klp_get_state() outside callbacks finds another patch's entry
% insmod test_klp_state_a.ko states=1,3s,5v2 replace=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 1
test_klp_state_a: pre_patch: state 3
test_klp_state_a: pre_patch: state 5
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 1
test_klp_state_a: post_patch: state 3
test_klp_state_a: post_patch: state 5
livepatch: 'test_klp_state_a': patching complete
test_klp_state_a.get_state = 1:own 3:other 5:own
