# SPDX-License-Identifier: GPL-2.0-only
# 4b.3: a failed module load leaves the older carrier's state introduced (issue 28, defect 9)
% insmod test_klp_state_a.ko states=9m mod=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
livepatch: 'test_klp_state_a': patching complete
% insmod test_klp_state_b.ko states=8m mod=1 fail_pre_patch=8
livepatch: enabling patch 'test_klp_state_b'
livepatch: 'test_klp_state_b': initializing patching transition
livepatch: 'test_klp_state_b': starting patching transition
livepatch: 'test_klp_state_b': completing patching transition
livepatch: 'test_klp_state_b': patching complete
% insmod test_klp_state_mod.ko
livepatch: applying patch 'test_klp_state_a' to loading module 'test_klp_state_mod'
test_klp_state_a: pre_patch: state 9
test_klp_state_a: post_patch: state 9
livepatch: applying patch 'test_klp_state_b' to loading module 'test_klp_state_mod'
test_klp_state_b: pre_patch: state 8 fails
livepatch: pre-patch callback failed for object 'test_klp_state_mod'
livepatch: patch 'test_klp_state_b' failed for module 'test_klp_state_mod', refusing to load module 'test_klp_state_mod'
insmod: ERROR: could not insert module test_klp_state_mod.ko: No such device
% echo 0 > /sys/kernel/livepatch/test_klp_state_b/enabled
