# SPDX-License-Identifier: GPL-2.0-only
# 4b.11: the disable of the older of two stacked livepatches finds the
# newer one's entry, as the contract's wording reads; the kernel's walk
# stops at the livepatch in transition and finds nothing newer
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
% echo 0 > /sys/kernel/livepatch/test_klp_state_split/enabled
livepatch: 'test_klp_state_split': initializing unpatching transition
test_klp_state_split: pre_unpatch: state 2, klp_get_state this, klp_get_prev_state 1 other, 2 none
livepatch: 'test_klp_state_split': starting unpatching transition
livepatch: 'test_klp_state_split': completing unpatching transition
test_klp_state_split: post_unpatch: state 2, klp_get_state this, klp_get_prev_state 1 other, 2 none
livepatch: 'test_klp_state_split': unpatching complete
% rmmod test_klp_state_split
% echo 0 > /sys/kernel/livepatch/test_klp_state_split2/enabled
livepatch: 'test_klp_state_split2': initializing unpatching transition
test_klp_state_split2: pre_unpatch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split2': starting unpatching transition
livepatch: 'test_klp_state_split2': completing unpatching transition
test_klp_state_split2: post_unpatch: state 1, klp_get_state this, klp_get_prev_state 1 none, 2 none
livepatch: 'test_klp_state_split2': unpatching complete
% rmmod test_klp_state_split2
