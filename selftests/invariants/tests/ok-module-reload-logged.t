# SPDX-License-Identifier: GPL-2.0-only
# accepted: a module loaded, unloaded and loaded again, every variable logged
% insmod test_klp_state_a.ko states=9m obj_callbacks=1 mod=1 log_shadows=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: object pre_patch: vmlinux
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: object post_patch: vmlinux
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: shadow_ctor: state 9 obj 1
test_klp_state_a: shadow_ctor: state 9 obj 2
test_klp_state_a: pre_patch: state 9
test_klp_state_a: object pre_patch: test_klp_state_mod
test_klp_state_a: object post_patch: test_klp_state_mod
test_klp_state_a: post_patch: state 9
test_klp_state_mod: loaded, version 2
test_klp_state_a.obj_shadows = 2 made, 0 freed
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
test_klp_state_a: pre_unpatch: state 9
test_klp_state_a: object pre_unpatch: test_klp_state_mod
livepatch: reverting patch 'test_klp_state_a' on unloading module 'test_klp_state_mod'
test_klp_state_a: object post_unpatch: test_klp_state_mod
test_klp_state_a: post_unpatch: state 9
test_klp_state_a: shadow_dtor: state 9 obj 1
test_klp_state_a: shadow_dtor: state 9 obj 2
test_klp_state_a.obj_shadows = 2 made, 2 freed
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: shadow_ctor: state 9 obj 1
test_klp_state_a: shadow_ctor: state 9 obj 2
test_klp_state_a: pre_patch: state 9
test_klp_state_a: object pre_patch: test_klp_state_mod
test_klp_state_a: object post_patch: test_klp_state_mod
test_klp_state_a: post_patch: state 9
test_klp_state_mod: loaded, version 2
% echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
livepatch: 'test_klp_state_a': initializing unpatching transition
test_klp_state_a: object pre_unpatch: vmlinux
test_klp_state_a: pre_unpatch: state 9
test_klp_state_a: object pre_unpatch: test_klp_state_mod
livepatch: 'test_klp_state_a': starting unpatching transition
livepatch: 'test_klp_state_a': completing unpatching transition
test_klp_state_a: object post_unpatch: vmlinux
test_klp_state_a: object post_unpatch: test_klp_state_mod
test_klp_state_a: post_unpatch: state 9
livepatch: 'test_klp_state_a': unpatching complete
test_klp_state_a: shadow_dtor: state 9 obj 1
test_klp_state_a: shadow_dtor: state 9 obj 2
% rmmod test_klp_state_a
test_klp_state_a: exit: 4 shadow variables made, 4 freed
% rmmod test_klp_state_mod
test_klp_state_mod: unloaded
