# SPDX-License-Identifier: GPL-2.0-only
# 4b.6: an object post_patch after the state's post_patch
% insmod test_klp_state_target.ko
test_klp_state_target: loaded
% insmod test_klp_state_a.ko states=1 obj_callbacks=1 target=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 1
test_klp_state_a: object pre_patch: vmlinux
test_klp_state_a: object pre_patch: test_klp_state_target
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: object post_patch: vmlinux
test_klp_state_a: post_patch: state 1
test_klp_state_a: object post_patch: test_klp_state_target
livepatch: 'test_klp_state_a': patching complete
