#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# tools/klp-state lists every livepatch and its states: from the native
# core's sysfs, or from the compat registry through klp_state_view.ko.
# Only the compat view knows which livepatch owns a state.
. "$(dirname "$0")/functions.sh"

A=test_klp_state_a
B=test_klp_state_b
M=test_klp_state_mod

# view: log what klp-state prints, a line at a time
view()
{
	local line

	log "% klp-state"
	while IFS= read -r line; do
		log "klp-state: $line"
	done < <(./klp-state --view-module klp_state_view.ko 2>&1)
}

start_test "klp-state lists the livepatches, their states and owners"
load_mod $M
load_lp $A states=1,3s,5v1,9m mod=1
load_lp $B states=1,9m mod=1
view
unload_mod $M
view
disable_lp $B
disable_lp $A
view
# the view is no livepatch and no target: out of the transcript
rmmod klp_state_view || die "rmmod klp_state_view failed"
check_result "% insmod $M.ko
$M: loaded, version 1
% insmod $A.ko states=1,3s,5v1,9m mod=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
$A: pre_patch: state 3
$A: pre_patch: state 5
$A: pre_patch: state 9
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 9
$A: post_patch: state 1
$A: post_patch: state 3
$A: post_patch: state 5
livepatch: '$A': patching complete
% insmod $B.ko states=1,9m mod=1
livepatch: enabling patch '$B'
livepatch: '$B': initializing patching transition
livepatch: '$B': starting patching transition
livepatch: '$B': completing patching transition
livepatch: '$B': patching complete
% klp-state
klp-state: livepatch $A enabled=1 transition=0
klp-state:   state 1 patch managed -
[compat] klp-state:   state 3 patch managed is_shadow,owner
[native] klp-state:   state 3 patch managed is_shadow
[compat] klp-state:   state 5 patch legacy:v1 owner
[native] klp-state:   state 5 patch legacy:v1 -
klp-state:   state 9 module:$M(loaded) managed is_shadow
klp-state: livepatch $B enabled=1 transition=0
[compat] klp-state:   state 1 patch managed owner
[native] klp-state:   state 1 patch managed -
[compat] klp-state:   state 9 module:$M(loaded) managed is_shadow,owner
[native] klp-state:   state 9 module:$M(loaded) managed is_shadow
% rmmod $M
$M: unloaded
livepatch: reverting patch '$A' on unloading module '$M'
$B: pre_unpatch: state 9
livepatch: reverting patch '$B' on unloading module '$M'
$B: post_unpatch: state 9
% klp-state
klp-state: livepatch $A enabled=1 transition=0
klp-state:   state 1 patch managed -
[compat] klp-state:   state 3 patch managed is_shadow,owner
[native] klp-state:   state 3 patch managed is_shadow
[compat] klp-state:   state 5 patch legacy:v1 owner
[native] klp-state:   state 5 patch legacy:v1 -
klp-state:   state 9 module:$M managed is_shadow
klp-state: livepatch $B enabled=1 transition=0
[compat] klp-state:   state 1 patch managed owner
[native] klp-state:   state 1 patch managed -
[compat] klp-state:   state 9 module:$M managed is_shadow,owner
[native] klp-state:   state 9 module:$M managed is_shadow
% echo 0 > $SYSFS_KLP/$B/enabled
livepatch: '$B': initializing unpatching transition
livepatch: '$B': starting unpatching transition
livepatch: '$B': completing unpatching transition
livepatch: '$B': unpatching complete
% rmmod $B
$B: exit: 0 shadow variables made, 2 freed
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
$A: pre_unpatch: state 3
$A: pre_unpatch: state 5
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
$A: post_unpatch: state 3
[compat] $A: shadow_dtor: obj 1
[compat] $A: shadow_dtor: obj 2
$A: post_unpatch: state 5
livepatch: '$A': unpatching complete
[native] $A: shadow_dtor: obj 1
[native] $A: shadow_dtor: obj 2
% rmmod $A
$A: exit: 2 shadow variables made, 0 freed
% klp-state"
