# SPDX-License-Identifier: GPL-2.0-only
# accepted: a transcript with dmesg's timestamps
[   12.345678] % insmod test_klp_state_a.ko states=1
[   12.350001] livepatch: enabling patch 'test_klp_state_a'
[   12.350101] livepatch: 'test_klp_state_a': initializing patching transition
[   12.350201] test_klp_state_a: pre_patch: state 1
[   12.350301] livepatch: 'test_klp_state_a': starting patching transition
[   13.001000] livepatch: 'test_klp_state_a': completing patching transition
[   13.001100] test_klp_state_a: post_patch: state 1
[   13.001200] livepatch: 'test_klp_state_a': patching complete
[   13.100000] % echo 0 > /sys/kernel/livepatch/test_klp_state_a/enabled
[   13.100100] livepatch: 'test_klp_state_a': initializing unpatching transition
[   13.100200] test_klp_state_a: pre_unpatch: state 1
[   13.100300] livepatch: 'test_klp_state_a': starting unpatching transition
[   14.000000] livepatch: 'test_klp_state_a': completing unpatching transition
[   14.000100] test_klp_state_a: post_unpatch: state 1
[   14.000200] livepatch: 'test_klp_state_a': unpatching complete
[   14.100000] % rmmod test_klp_state_a
