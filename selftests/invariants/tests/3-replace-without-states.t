# SPDX-License-Identifier: GPL-2.0-only
# 4b.3: a module loads during a replace by a livepatch without managed states; nothing removes the state (issue 28, defect 10)
% insmod test_klp_state_target.ko
test_klp_state_target: loaded
% insmod test_klp_state_a.ko states=9m mod=1 replace=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
livepatch: 'test_klp_state_a': patching complete
% echo 1 > /sys/module/test_klp_state_target/parameters/block
% insmod test_klp_state_plain.ko
livepatch: enabling patch 'test_klp_state_plain'
livepatch: 'test_klp_state_plain': initializing patching transition
livepatch: 'test_klp_state_plain': starting patching transition
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: pre_patch: state 9
test_klp_state_a: post_patch: state 9
livepatch: applying patch 'test_klp_state_plain' to loading module 'test_klp_state_mod'
test_klp_state_mod: loaded, version 2
% echo 0 > /sys/module/test_klp_state_target/parameters/block
livepatch: 'test_klp_state_plain': completing patching transition
livepatch: 'test_klp_state_plain': patching complete
% rmmod test_klp_state_a
