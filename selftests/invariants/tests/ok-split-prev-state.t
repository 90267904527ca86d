# SPDX-License-Identifier: GPL-2.0-only
# accepted: klp_get_prev_state() as the kernel answers it, also where the
# contract's wording would name the newer livepatch (the disable of the
# older of two stacked ones) or another (a replaced one's own callbacks)
% insmod test_klp_state_split.ko both=1
livepatch: enabling patch 'test_klp_state_split'
livepatch: 'test_klp_state_split': initializing patching transition
test_klp_state_split: pre_patch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
test_klp_state_split: pre_patch: state 2, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split': starting patching transition
livepatch: 'test_klp_state_split': completing patching transition
test_klp_state_split: post_patch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
test_klp_state_split: post_patch: state 2, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split': patching complete
% insmod test_klp_state_split2.ko
livepatch: enabling patch 'test_klp_state_split2'
livepatch: 'test_klp_state_split2': initializing patching transition
livepatch: 'test_klp_state_split2': starting patching transition
livepatch: 'test_klp_state_split2': completing patching transition
livepatch: 'test_klp_state_split2': patching complete
% cat /proc/version
test_klp_state_split2: patched code: klp_get_state this
# the walk stops at test_klp_state_split, the livepatch in transition: test_klp_state_split2, newer, is not seen
% echo 0 > /sys/kernel/livepatch/test_klp_state_split/enabled
livepatch: 'test_klp_state_split': initializing unpatching transition
test_klp_state_split: pre_unpatch: state 2, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split': starting unpatching transition
livepatch: 'test_klp_state_split': completing unpatching transition
test_klp_state_split: post_unpatch: state 2, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split': unpatching complete
% rmmod test_klp_state_split
% insmod test_klp_state_split.ko both=1 replace=1
livepatch: enabling patch 'test_klp_state_split'
livepatch: 'test_klp_state_split': initializing patching transition
test_klp_state_split: pre_patch: state 2, klp_get_state this, klp_get_prev_state 1 other, 2 none
livepatch: 'test_klp_state_split': starting patching transition
livepatch: 'test_klp_state_split': completing patching transition
test_klp_state_split: post_patch: state 2, klp_get_state this, klp_get_prev_state 1 other, 2 none
livepatch: 'test_klp_state_split': patching complete
% rmmod test_klp_state_split2
# test_klp_state_split, replaced, is registered before test_klp_state_split2, the livepatch in transition
% insmod test_klp_state_split2.ko replace=1
livepatch: enabling patch 'test_klp_state_split2'
livepatch: 'test_klp_state_split2': initializing patching transition
test_klp_state_split: pre_unpatch: state 2, klp_get_state this, klp_get_prev_state 1 own, 2 own
livepatch: 'test_klp_state_split2': starting patching transition
livepatch: 'test_klp_state_split2': completing patching transition
test_klp_state_split: post_unpatch: state 2, klp_get_state this, klp_get_prev_state 1 own, 2 own
livepatch: 'test_klp_state_split2': patching complete
% rmmod test_klp_state_split
% echo 0 > /sys/kernel/livepatch/test_klp_state_split2/enabled
livepatch: 'test_klp_state_split2': initializing unpatching transition
test_klp_state_split2: pre_unpatch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split2': starting unpatching transition
livepatch: 'test_klp_state_split2': completing unpatching transition
test_klp_state_split2: post_unpatch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split2': unpatching complete
% rmmod test_klp_state_split2
