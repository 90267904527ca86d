# SPDX-License-Identifier: GPL-2.0-only
# bad input: a transition completes that never began
% insmod test_klp_state_a.ko states=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': completing patching transition
