# SPDX-License-Identifier: GPL-2.0-only
# bad input: a state callback's lookup answer in no known format
% insmod test_klp_state_split.ko
livepatch: enabling patch 'test_klp_state_split'
livepatch: 'test_klp_state_split': initializing patching transition
test_klp_state_split: pre_patch: state 1, klp_get_state this, klp_get_prev_state 1 NULL, 2 none
livepatch: 'test_klp_state_split': starting patching transition
