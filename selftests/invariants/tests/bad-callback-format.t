# SPDX-License-Identifier: GPL-2.0-only
# bad input: a callback line in no known format
% insmod test_klp_state_a.ko states=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state one
