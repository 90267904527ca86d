# SPDX-License-Identifier: GPL-2.0-only
# 4b.9: a replace drops a block_disable state
% insmod test_klp_state_a.ko states=4b,1 replace=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 4
test_klp_state_a: pre_patch: state 1
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 4
test_klp_state_a: post_patch: state 1
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_b.ko states=1 replace=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
test_klp_state_a: pre_unpatch: state 4
livepatch: 'test_klp_state_b': starting patching transition
