# SPDX-License-Identifier: GPL-2.0-only
# 4b.4: a module's unload returns with a variable of its state left (log_shadows=1)
% insmod test_klp_state_a.ko states=9m mod=1 log_shadows=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: shadow_ctor: state 9 obj 1
test_klp_state_a: shadow_ctor: state 9 obj 2
test_klp_state_a: pre_patch: state 9
test_klp_state_a: post_patch: state 9
test_klp_state_mod: loaded, version 2
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
test_klp_state_a: pre_unpatch: state 9
livepatch: reverting patch 'test_klp_state_a' on unloading module 'test_klp_state_mod'
test_klp_state_a: post_unpatch: state 9
test_klp_state_a: shadow_dtor: state 9 obj 1
% echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
