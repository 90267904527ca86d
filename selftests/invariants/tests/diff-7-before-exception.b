# SPDX-License-Identifier: GPL-2.0-only
# 4b.7: the backends differ before compat exception 1 (compat)
% insmod test_klp_state_a.ko states=4b,1 replace=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 4
test_klp_state_a: pre_patch: state 1
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 1
test_klp_state_a: post_patch: state 4
livepatch: 'test_klp_state_a': patching complete
% echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
livepatch: 'test_klp_state_a': initializing unpatching transition
klp-state: livepatch 'test_klp_state_a' state 0x4 does not support disable, but this kernel cannot refuse it
test_klp_state_a: pre_unpatch: state 4
test_klp_state_a: pre_unpatch: state 1
livepatch: 'test_klp_state_a': starting unpatching transition
livepatch: 'test_klp_state_a': completing unpatching transition
test_klp_state_a: post_unpatch: state 4
test_klp_state_a: post_unpatch: state 1
livepatch: 'test_klp_state_a': unpatching complete
% rmmod test_klp_state_a
