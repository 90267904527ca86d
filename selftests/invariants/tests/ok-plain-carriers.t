# SPDX-License-Identifier: GPL-2.0-only
# accepted: plain states of livepatches built without the header, kept by a replace
% insmod test_klp_state_legacy.ko
livepatch: enabling patch 'test_klp_state_legacy'
livepatch: 'test_klp_state_legacy': initializing patching transition
livepatch: 'test_klp_state_legacy': starting patching transition
livepatch: 'test_klp_state_legacy': completing patching transition
livepatch: 'test_klp_state_legacy': patching complete
% insmod test_klp_state_plain.ko state_id=1 replace=0
livepatch: enabling patch 'test_klp_state_plain'
livepatch: 'test_klp_state_plain': initializing patching transition
livepatch: 'test_klp_state_plain': starting patching transition
livepatch: 'test_klp_state_plain': completing patching transition
livepatch: 'test_klp_state_plain': patching complete
% insmod test_klp_state_a.ko states=1,7p,2 replace=1
livepatch: enabling patch 'test_klp_state_a'
livepatch: 'test_klp_state_a': initializing patching transition
test_klp_state_a: pre_patch: state 2
livepatch: 'test_klp_state_a': starting patching transition
livepatch: 'test_klp_state_a': completing patching transition
test_klp_state_a: post_patch: state 2
livepatch: 'test_klp_state_a': patching complete
% rmmod test_klp_state_legacy
% rmmod test_klp_state_plain
% echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
livepatch: 'test_klp_state_a': initializing unpatching transition
test_klp_state_a: pre_unpatch: state 1
test_klp_state_a: pre_unpatch: state 2
livepatch: 'test_klp_state_a': starting unpatching transition
livepatch: 'test_klp_state_a': completing unpatching transition
test_klp_state_a: post_unpatch: state 1
test_klp_state_a: post_unpatch: state 2
livepatch: 'test_klp_state_a': unpatching complete
% rmmod test_klp_state_a
