# SPDX-License-Identifier: GPL-2.0-only
# 4b.5: a callback of a state the livepatch does not have
% insmod test_klp_state_a.ko states=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 1
test_klp_state_a: pre_patch: state 2
livepatch: 'test_klp_state_a': starting patching transition
