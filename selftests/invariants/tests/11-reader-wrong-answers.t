# SPDX-License-Identifier: GPL-2.0-only
# 4b.11: patched code's klp_get_state() answered wrongly while another
# livepatch came and went
% insmod test_klp_state_spin.ko
% insmod test_klp_state_reader.ko
livepatch: enabling patch 'test_klp_state_reader'
livepatch: 'test_klp_state_reader': initializing patching transition
livepatch: 'test_klp_state_reader': starting patching transition
livepatch: 'test_klp_state_reader': completing patching transition
livepatch: 'test_klp_state_reader': patching complete
% insmod test_klp_state_fa.ko states=1
livepatch: enabling patch 'test_klp_state_fa'
livepatch: 'test_klp_state_fa': initializing patching transition
test_klp_state_fa: pre_patch: state 1
livepatch: 'test_klp_state_fa': starting patching transition
livepatch: 'test_klp_state_fa': completing patching transition
test_klp_state_fa: post_patch: state 1
livepatch: 'test_klp_state_fa': patching complete
% echo 0 > /sys/kernel/livepatch/test_klp_state_fa/enabled
livepatch: 'test_klp_state_fa': initializing unpatching transition
test_klp_state_fa: pre_unpatch: state 1
livepatch: 'test_klp_state_fa': starting unpatching transition
livepatch: 'test_klp_state_fa': completing unpatching transition
test_klp_state_fa: post_unpatch: state 1
livepatch: 'test_klp_state_fa': unpatching complete
% rmmod test_klp_state_fa
% lookups during the changes: some, wrong answers: 2
% echo 0 > /sys/kernel/livepatch/test_klp_state_reader/enabled
livepatch: 'test_klp_state_reader': initializing unpatching transition
livepatch: 'test_klp_state_reader': starting unpatching transition
livepatch: 'test_klp_state_reader': completing unpatching transition
livepatch: 'test_klp_state_reader': unpatching complete
% rmmod test_klp_state_reader
% rmmod test_klp_state_spin
