# SPDX-License-Identifier: GPL-2.0-only
# 4b.6: post_patch against the order of the table
% insmod test_klp_state_a.ko states=1,2
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 1
test_klp_state_a: pre_patch: state 2
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 2
test_klp_state_a: post_patch: state 1
livepatch: 'test_klp_state_a': patching complete
