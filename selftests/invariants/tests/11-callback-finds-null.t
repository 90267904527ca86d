# SPDX-License-Identifier: GPL-2.0-only
# 4b.11: a callback's klp_get_state() does not find its own entry
% insmod test_klp_state_a.ko states=1,2
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 1
test_klp_state_a: pre_patch: klp_get_state(2) is NULL, not the callback's state
test_klp_state_a: pre_patch: state 2
livepatch: 'test_klp_state_a': starting patching transition
