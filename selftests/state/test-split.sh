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

# enabled MOD ID PREV1 PREV2 [PARAMS...]: what loading MOD logs when its
# enable introduces state ID
enabled()
{
	local m=$1 id=$2 p1=$3 p2=$4

	shift 4
	echo "% insmod $m.ko${*:+ $*}
livepatch: enabling patch '$m'
livepatch: '$m': initializing patching transition
$(lookups pre_patch "$m" "$id" "$p1" "$p2")
livepatch: '$m': starting patching transition
livepatch: '$m': completing patching transition
$(lookups post_patch "$m" "$id" "$p1" "$p2")
livepatch: '$m': patching complete"
}

# disabled MOD ID PREV1 PREV2: what disabling and unloading MOD logs when
# its disable removes state ID
disabled()
{
	echo "% echo 0 > $SYSFS_KLP/$1/enabled
livepatch: '$1': initializing unpatching transition
$(lookups pre_unpatch "$1" "$2" "$3" "$4")
livepatch: '$1': starting unpatching transition
livepatch: '$1': completing unpatching transition
$(lookups post_unpatch "$1" "$2" "$3" "$4")
livepatch: '$1': unpatching complete
% rmmod $1"
}

start_test "a livepatch built from two files runs its state callbacks"
load_lp $S
patched_code
disable_lp $S
check_result "$(enabled $S 1 none none)
% cat /proc/version
$S: patched code: klp_get_state this
$(disabled $S 1 none none)"

start_test "two-file livepatches replacing each other see the replaced one's states"
load_lp $S
load_lp $S2 both=1 replace=1
patched_code
unload_lp $S
load_lp $S replace=1
unload_lp $S2
disable_lp $S
check_result "$(enabled $S 1 none none)
$(enabled $S2 2 other none both=1 replace=1)
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
$(disabled $S 1 none none)"

start_test "a stacked two-file livepatch sees the one below it"
load_lp $S
load_lp $S2 both=1
disable_lp $S2
disable_lp $S
check_result "$(enabled $S 1 none none)
$(enabled $S2 2 other none both=1)
$(disabled $S2 2 other none)
$(disabled $S 1 none none)"
