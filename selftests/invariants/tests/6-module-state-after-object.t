# SPDX-License-Identifier: GPL-2.0-only
# 4b.6: a module's state pre_patch after its object's pre_patch
% insmod test_klp_state_a.ko states=9m obj_callbacks=1 mod=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: object pre_patch: vmlinux
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: object post_patch: vmlinux
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: object pre_patch: test_klp_state_mod
test_klp_state_a: pre_patch: state 9
test_klp_state_a: object post_patch: test_klp_state_mod
test_klp_state_a: post_patch: state 9
test_klp_state_mod: loaded, version 2
