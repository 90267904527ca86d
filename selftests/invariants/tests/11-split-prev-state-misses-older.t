# SPDX-License-Identifier: GPL-2.0-only
# 4b.11: klp_get_prev_state(1) finds nothing in the enable of a stacked
# livepatch, while the older test_klp_state_split, registered before it, carries state 1
% insmod test_klp_state_split.ko
livepatch: enabling patch 'test_klp_state_split'
livepatch: 'test_klp_state_split': initializing patching transition
test_klp_state_split: pre_patch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split': starting patching transition
livepatch: 'test_klp_state_split': completing patching transition
test_klp_state_split: post_patch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split': patching complete
% insmod test_klp_state_split2.ko both=1
livepatch: enabling patch 'test_klp_state_split2'
livepatch: 'test_klp_state_split2': initializing patching transition
test_klp_state_split2: pre_patch: state 2, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split2': starting patching transition
livepatch: 'test_klp_state_split2': completing patching transition
test_klp_state_split2: post_patch: state 2, klp_get_state this, klp_get_prev_state 1 other, 2 none
livepatch: 'test_klp_state_split2': patching complete
% echo 0 > /sys/kernel/livepatch/test_klp_state_split2/enabled
livepatch: 'test_klp_state_split2': initializing unpatching transition
test_klp_state_split2: pre_unpatch: state 2, klp_get_state this, klp_get_prev_state 1 other, 2 none
livepatch: 'test_klp_state_split2': starting unpatching transition
livepatch: 'test_klp_state_split2': completing unpatching transition
test_klp_state_split2: post_unpatch: state 2, klp_get_state this, klp_get_prev_state 1 other, 2 none
livepatch: 'test_klp_state_split2': unpatching complete
% rmmod test_klp_state_split2
% echo 0 > /sys/kernel/livepatch/test_klp_state_split/enabled
livepatch: 'test_klp_state_split': initializing unpatching transition
test_klp_state_split: pre_unpatch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split': starting unpatching transition
livepatch: 'test_klp_state_split': completing unpatching transition
test_klp_state_split: post_unpatch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split': unpatching complete
% rmmod test_klp_state_split
