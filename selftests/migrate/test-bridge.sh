#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A stream moved to the header: the running release, built without it,
# keeps the console level it saved where klp_state.data points; the
# first release with the header keeps the state, so none of its state
# callbacks run, and klp_state_bridge() takes the level over into the
# shadow variable the state owns.  An upgrade and a downgrade between
# releases with the header take nothing over again, a release without
# it can not come back, and the disable of the last release puts the
# level back and frees the variable.  The same with the bridge that
# klp-migrate writes, and with a release that keeps its data in a global
# of its module, which klp_state.data points to.
. "$(dirname "$0")/functions.sh"

R=test_klp_migrate_r
N=test_klp_migrate_n
N2=test_klp_migrate_n2
M=test_klp_migrate_m
RG=test_klp_migrate_rg
NG=test_klp_migrate_ng
NG2=test_klp_migrate_ng2

# the console level, into the kernel log
level()
{
	local l

	read -r l _ </proc/sys/kernel/printk
	log "% console_loglevel is $l"
	LEVEL=$l
}

# the default level of messages logged without one, into the kernel log
msglevel()
{
	local l

	read -r _ l _ </proc/sys/kernel/printk
	log "% default_message_loglevel is $l"
	LEVEL=$l
}

start_test "a release with the header takes a state's data over from one without it"
# The native core warns of a changed is_shadow once a boot: here only
# when no earlier test of this boot made it warn.
warning="[native] livepatch: state 27906: is_shadow differs between livepatches '$R' and '$N'
"
! dmesg | grep -q 'livepatch: state [0-9]*: is_shadow differs between' || warning=
level
orig=$LEVEL
[ "$orig" != 4 ] || die "the console level is 4 already: the test could not see a change"
cd orig
load_lp $R
level
cd ../conv
load_lp $N
unload_lp $R
load_lp $N2
unload_lp $N
load_lp $N
unload_lp $N2
level
load_fail ../orig/$R
disable_lp $N
level
cd ..
[ "$LEVEL" = "$orig" ] || die "console level $LEVEL after the disable, $orig before"
check_result "% console_loglevel is $orig
% insmod $R.ko
livepatch: enabling patch '$R'
livepatch: '$R': initializing patching transition
livepatch: '$R': starting patching transition
livepatch: '$R': completing patching transition
$R: console level $orig saved, now 4
livepatch: '$R': patching complete
% console_loglevel is 4
% insmod $N.ko
livepatch: enabling patch '$N'
livepatch: '$N': initializing patching transition
${warning}livepatch: '$N': starting patching transition
livepatch: '$N': completing patching transition
$N: freed the memory of the release built without the header
$N: took over the saved console level $orig
livepatch: '$N': patching complete
% rmmod $R
% insmod $N2.ko
livepatch: enabling patch '$N2'
livepatch: '$N2': initializing patching transition
livepatch: '$N2': starting patching transition
livepatch: '$N2': completing patching transition
livepatch: '$N2': patching complete
% rmmod $N
% insmod $N.ko
livepatch: enabling patch '$N'
livepatch: '$N': initializing patching transition
livepatch: '$N': starting patching transition
livepatch: '$N': completing patching transition
livepatch: '$N': patching complete
% rmmod $N2
% console_loglevel is 4
% insmod ../orig/$R.ko
livepatch: Livepatch patch ($R) is not compatible with the already installed livepatches.
insmod: ERROR: could not insert module ../orig/$R.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$N/enabled
livepatch: '$N': initializing unpatching transition
$N: console level $orig restored
livepatch: '$N': starting unpatching transition
livepatch: '$N': completing unpatching transition
[compat] $N: freeing the saved console level
livepatch: '$N': unpatching complete
[native] $N: freeing the saved console level
% rmmod $N
% console_loglevel is $orig"

start_test "the release with the header alone: the bridge takes nothing over"
cd conv
load_lp $N
level
disable_lp $N
level
cd ..
check_result "% insmod $N.ko
livepatch: enabling patch '$N'
livepatch: '$N': initializing patching transition
livepatch: '$N': starting patching transition
livepatch: '$N': completing patching transition
$N: console level $orig saved, now 4
livepatch: '$N': patching complete
% console_loglevel is 4
% echo 0 > $SYSFS_KLP/$N/enabled
livepatch: '$N': initializing unpatching transition
$N: console level $orig restored
livepatch: '$N': starting unpatching transition
livepatch: '$N': completing unpatching transition
[compat] $N: freeing the saved console level
livepatch: '$N': unpatching complete
[native] $N: freeing the saved console level
% rmmod $N
% console_loglevel is $orig"

# The native core warned about is_shadow in the first test: once a boot.
start_test "the bridge klp-migrate writes takes the data over"
cd orig
load_lp $R
cd ../conv
load_lp $M
unload_lp $R
level
disable_lp $M
level
cd ..
check_result "% insmod $R.ko
livepatch: enabling patch '$R'
livepatch: '$R': initializing patching transition
livepatch: '$R': starting patching transition
livepatch: '$R': completing patching transition
$R: console level $orig saved, now 4
livepatch: '$R': patching complete
% insmod $M.ko
livepatch: enabling patch '$M'
livepatch: '$M': initializing patching transition
livepatch: '$M': starting patching transition
livepatch: '$M': completing patching transition
livepatch: '$M': patching complete
% rmmod $R
% console_loglevel is 4
% echo 0 > $SYSFS_KLP/$M/enabled
livepatch: '$M': initializing unpatching transition
$M: console level $orig restored
livepatch: '$M': starting unpatching transition
livepatch: '$M': completing unpatching transition
livepatch: '$M': unpatching complete
% rmmod $M
% console_loglevel is $orig"

start_test "a release with the header takes over the data a release without it keeps in a global"
# The native core warns of a changed is_shadow once a boot.
warning="[native] livepatch: state 27907: is_shadow differs between livepatches '$RG' and '$NG'
"
! dmesg | grep -q 'livepatch: state [0-9]*: is_shadow differs between' || warning=
msglevel
orig=$LEVEL
[ "$orig" != 3 ] || die "the default message level is 3 already: the test could not see a change"
cd orig || exit 1
load_lp $RG
cd ../conv || exit 1
load_lp $NG
# R's global goes with its module: from here on only N's copy is left.
unload_lp $RG
msglevel
load_lp $NG2
unload_lp $NG
load_lp $NG
unload_lp $NG2
msglevel
load_fail ../orig/$RG
disable_lp $NG
msglevel
cd .. || exit 1
[ "$LEVEL" = "$orig" ] || die "default message level $LEVEL after the disable, $orig before"
check_result "% default_message_loglevel is $orig
% insmod $RG.ko
livepatch: enabling patch '$RG'
livepatch: '$RG': initializing patching transition
livepatch: '$RG': starting patching transition
livepatch: '$RG': completing patching transition
$RG: message level $orig saved, now 3
livepatch: '$RG': patching complete
% insmod $NG.ko
livepatch: enabling patch '$NG'
livepatch: '$NG': initializing patching transition
${warning}livepatch: '$NG': starting patching transition
livepatch: '$NG': completing patching transition
livepatch: '$NG': patching complete
% rmmod $RG
% default_message_loglevel is 3
% insmod $NG2.ko
livepatch: enabling patch '$NG2'
livepatch: '$NG2': initializing patching transition
livepatch: '$NG2': starting patching transition
livepatch: '$NG2': completing patching transition
livepatch: '$NG2': patching complete
% rmmod $NG
% insmod $NG.ko
livepatch: enabling patch '$NG'
livepatch: '$NG': initializing patching transition
livepatch: '$NG': starting patching transition
livepatch: '$NG': completing patching transition
livepatch: '$NG': patching complete
% rmmod $NG2
% default_message_loglevel is 3
% insmod ../orig/$RG.ko
livepatch: Livepatch patch ($RG) is not compatible with the already installed livepatches.
insmod: ERROR: could not insert module ../orig/$RG.ko: Invalid parameters
% echo 0 > $SYSFS_KLP/$NG/enabled
livepatch: '$NG': initializing unpatching transition
$NG: message level $orig restored
livepatch: '$NG': starting unpatching transition
livepatch: '$NG': completing unpatching transition
livepatch: '$NG': unpatching complete
% rmmod $NG
% default_message_loglevel is $orig"
