# SPDX-License-Identifier: GPL-2.0-only
# bad input: a livepatch enabled that was never loaded
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 1
