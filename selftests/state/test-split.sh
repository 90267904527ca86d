#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Livepatches built from two files: the file of the states and the
# patched code asks klp_get_state() and klp_get_prev_state() in every
# phase, the other file holds the engine and enables the patch.  Both
# backends give the same answers (contract 4b.11).
. "$(dirname "$0")/functions.sh"

S=test_klp_state_split
S2=test_klp_state_split2

# patched_code: run the patched version_proc_show(), which logs its lookup
patched_code()
{
	local line

	log "% cat /proc/version"
	read -r line </proc/version
}

# lookups PHASE MOD ID PREV1 PREV2: the line a state callback logs
lookups()
{
	echo "$2: $1: state $3, klp_get_state this, klp_get_prev_state 1 $4, 2 $5"
}

start_test "a livepatch built from two files runs its state callbacks"
load_lp $S
patched_code
disable_lp $S
check_result "% insmod $S.ko
livepatch: enabling patch '$S'
livepatch: '$S': initializing patching transition
$(lookups pre_patch $S 1 none none)
livepatch: '$S': starting patching transition
livepatch: '$S': completing patching transition
$(lookups post_patch $S 1 none none)
livepatch: '$S': patching complete
% cat /proc/version
$S: patched code: klp_get_state this
% echo 0 > $SYSFS_KLP/$S/enabled
livepatch: '$S': initializing unpatching transition
$(lookups pre_unpatch $S 1 none none)
livepatch: '$S': starting unpatching transition
livepatch: '$S': completing unpatching transition
$(lookups post_unpatch $S 1 none none)
livepatch: '$S': unpatching complete
% rmmod $S"

start_test "two-file livepatches replacing each other see the replaced one's states"
load_lp $S
load_lp $S2 both=1 replace=1
patched_code
unload_lp $S
load_lp $S replace=1
unload_lp $S2
disable_lp $S
check_result "% insmod $S.ko
livepatch: enabling patch '$S'
livepatch: '$S': initializing patching transition
$(lookups pre_patch $S 1 none none)
livepatch: '$S': starting patching transition
livepatch: '$S': completing patching transition
$(lookups post_patch $S 1 none none)
livepatch: '$S': patching complete
% insmod $S2.ko both=1 replace=1
livepatch: enabling patch '$S2'
livepatch: '$S2': initializing patching transition
$(lookups pre_patch $S2 2 other none)
livepatch: '$S2': starting patching transition
livepatch: '$S2': completing patching transition
$(lookups post_patch $S2 2 other none)
livepatch: '$S2': patching complete
% cat /proc/version
$S2: patched code: klp_get_state this
% rmmod $S
% insmod $S.ko replace=1
livepatch: enabling patch '$S'
livepatch: '$S': initializing patching transition
$(lookups pre_unpatch $S2 2 own own)
livepatch: '$S': starting patching transition
livepatch: '$S': completing patching transition
$(lookups post_unpatch $S2 2 own own)
livepatch: '$S': patching complete
% rmmod $S2
% echo 0 > $SYSFS_KLP/$S/enabled
livepatch: '$S': initializing unpatching transition
$(lookups pre_unpatch $S 1 none none)
livepatch: '$S': starting unpatching transition
livepatch: '$S': completing unpatching transition
$(lookups post_unpatch $S 1 none none)
livepatch: '$S': unpatching complete
% rmmod $S"

start_test "a stacked two-file livepatch sees the one below it"
load_lp $S
load_lp $S2 both=1
disable_lp $S2
disable_lp $S
check_result "% insmod $S.ko
livepatch: enabling patch '$S'
livepatch: '$S': initializing patching transition
$(lookups pre_patch $S 1 none none)
livepatch: '$S': starting patching transition
livepatch: '$S': completing patching transition
$(lookups post_patch $S 1 none none)
livepatch: '$S': patching complete
% insmod $S2.ko both=1
livepatch: enabling patch '$S2'
livepatch: '$S2': initializing patching transition
$(lookups pre_patch $S2 2 other none)
livepatch: '$S2': starting patching transition
livepatch: '$S2': completing patching transition
$(lookups post_patch $S2 2 other none)
livepatch: '$S2': patching complete
% echo 0 > $SYSFS_KLP/$S2/enabled
livepatch: '$S2': initializing unpatching transition
$(lookups pre_unpatch $S2 2 other none)
livepatch: '$S2': starting unpatching transition
livepatch: '$S2': completing unpatching transition
$(lookups post_unpatch $S2 2 other none)
livepatch: '$S2': unpatching complete
% rmmod $S2
% echo 0 > $SYSFS_KLP/$S/enabled
livepatch: '$S': initializing unpatching transition
$(lookups pre_unpatch $S 1 none none)
livepatch: '$S': starting unpatching transition
livepatch: '$S': completing unpatching transition
$(lookups post_unpatch $S 1 none none)
livepatch: '$S': unpatching complete
% rmmod $S"
