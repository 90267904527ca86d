# SPDX-License-Identifier: GPL-2.0-only
# 4b.6: post_patch before the transition even started
% insmod test_klp_state_a.ko states=3s,1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 3
test_klp_state_a: post_patch: state 3
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: pre_patch: state 1
test_klp_state_a: post_patch: state 1
livepatch: 'test_klp_state_a': patching complete
