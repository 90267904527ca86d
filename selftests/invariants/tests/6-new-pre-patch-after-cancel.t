# SPDX-License-Identifier: GPL-2.0-only
# 4b.6: in a failing replace, the new pre_patch runs after the old pre_unpatch, once the transition is cancelled
% insmod test_klp_state_target.ko
test_klp_state_target: loaded
% insmod test_klp_state_a.ko states=1 replace=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 1
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 1
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_b.ko states=2 replace=1 target=1 obj_callbacks=1 fail_obj_pre_patch=1
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
test_klp_state_a: pre_unpatch: state 1
test_klp_state_b: object pre_patch: vmlinux
test_klp_state_b: object pre_patch: test_klp_state_target fails
livepatch: pre-patch callback failed for object 'test_klp_state_target'
livepatch: failed to enable patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': canceling patching transition, going to unpatch
livepatch: 'test_klp_state_b': completing unpatching transition
test_klp_state_b: pre_patch: state 2
test_klp_state_b: object post_unpatch: vmlinux
test_klp_state_a: post_patch: state 1
test_klp_state_b: post_unpatch: state 2
livepatch: 'test_klp_state_b': unpatching complete
