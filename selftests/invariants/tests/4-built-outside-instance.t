# SPDX-License-Identifier: GPL-2.0-only
# 4b.4: a variable of state 3 built before any pre_patch of state 3
% insmod test_klp_state_a.ko states=1,3s log_shadows=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: shadow_ctor: state 3 obj 1
test_klp_state_a: pre_patch: state 1
test_klp_state_a: shadow_ctor: state 3 obj 2
test_klp_state_a: pre_patch: state 3
livepatch: 'test_klp_state_a': starting patching transition
