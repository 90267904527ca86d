#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Patch tables the kernel refuses are refused on every backend, and the
# refusal leaves nothing behind.
. "$(dirname "$0")/functions.sh"

A=test_klp_state_a
C=test_klp_state_c

# The kernel itself refuses a second vmlinux object only when sysfs
# reports the duplicate directory, with a stack dump: compat only.
if [ "$BACKEND" = native ]; then
	echo "TEST: two vmlinux objects are refused ... skip the kernel's own sysfs check refuses them"
else
	start_test "two vmlinux objects are refused"
	load_fail $A states=1 two_vmlinux=1
	check_result "% insmod $A.ko states=1 two_vmlinux=1
klp-state: livepatch '$A' has more than one vmlinux object
insmod: ERROR: could not insert module $A.ko: Invalid parameters"
fi

# The kernel documents klp_enable_patch() as the init's job without
# checking it; the compat engine's enable is init code and refuses.
if [ "$BACKEND" = native ]; then
	echo "TEST: an enable after the module's init is refused ... skip the kernel's own klp_enable_patch() takes it"
else
	start_test "an enable after the module's init is refused"
	log "% insmod $A.ko states=1 late_enable=1"
	insmod "$A.ko" states=1 late_enable=1 || die "insmod $A failed"
	loop_until "log_since_start | grep -q '$A: late enable:'" ||
		die "the late enable did not report"
	[ -d "$SYSFS_KLP/$A" ] && die "$A is a livepatch"
	unload_mod $A
	check_result "% insmod $A.ko states=1 late_enable=1
klp-state: livepatch '$A': klp_enable_patch() must be called from the module's init
$A: late enable: -22
% rmmod $A"
fi

start_test "the data of a plain state is never read"
load_lp $C states=1,7p replace=1
expect_param $C get_state
disable_lp $C
check_result "% insmod $C.ko states=1,7p replace=1
livepatch: enabling patch '$C'
livepatch: '$C': initializing patching transition
$C: pre_patch: state 1
livepatch: '$C': starting patching transition
livepatch: '$C': completing patching transition
$C: post_patch: state 1
livepatch: '$C': patching complete
$C.get_state = 1:own 7:own
% echo 0 > $SYSFS_KLP/$C/enabled
livepatch: '$C': initializing unpatching transition
$C: pre_unpatch: state 1
livepatch: '$C': starting unpatching transition
livepatch: '$C': completing unpatching transition
$C: post_unpatch: state 1
livepatch: '$C': unpatching complete
% rmmod $C"

start_test "a livepatch without objects is refused"
load_fail $A states=1 no_objs=1
load_lp $A states=1
disable_lp $A
check_result "% insmod $A.ko states=1 no_objs=1
insmod: ERROR: could not insert module $A.ko: Invalid parameters
% insmod $A.ko states=1
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
$A: pre_patch: state 1
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
$A: post_patch: state 1
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
$A: pre_unpatch: state 1
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
$A: post_unpatch: state 1
livepatch: '$A': unpatching complete
% rmmod $A"

# The same limits on every backend, for the tables the build cannot see:
# no more than KLP_STATE_MAX_STATES states, and not the reserved id.
start_test "more than 32 states are refused at load"
load_fail $A states=1 extra_states=32
load_fail $A extra_states=33
load_lp $A extra_states=32
disable_lp $A
check_result "% insmod $A.ko states=1 extra_states=32
klp-state: livepatch '$A' has more than 32 states
insmod: ERROR: could not insert module $A.ko: Argument list too long
% insmod $A.ko extra_states=33
klp-state: livepatch '$A' has more than 32 states
insmod: ERROR: could not insert module $A.ko: Argument list too long
% insmod $A.ko extra_states=32
livepatch: enabling patch '$A'
livepatch: '$A': initializing patching transition
livepatch: '$A': starting patching transition
livepatch: '$A': completing patching transition
livepatch: '$A': patching complete
% echo 0 > $SYSFS_KLP/$A/enabled
livepatch: '$A': initializing unpatching transition
livepatch: '$A': starting unpatching transition
livepatch: '$A': completing unpatching transition
livepatch: '$A': unpatching complete
% rmmod $A"

start_test "the reserved state id is refused at load"
load_fail $A states=1 reserved_state=1
check_result "% insmod $A.ko states=1 reserved_state=1
klp-state: state id 0x6b6c7073 in livepatch '$A' is reserved
insmod: ERROR: could not insert module $A.ko: Invalid parameters"
