#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The first converted release of a cumulative livepatch replaces the
# running one, built without the header: the state the running release
# carries is present elsewhere, so nothing is set up twice; the
# converted release undoes the change when it goes.
. "$(dirname "$0")/functions.sh"

V1=test_klp_migrate_v1
V2=test_klp_migrate_v2

start_test "a converted release replaces one built without the header"
cd orig
load_lp $V1
cd ../conv
load_lp $V2
expect_param $V1 changes
expect_param $V2 changes
unload_lp $V1
disable_lp $V2
cd ..
check_result "% insmod $V1.ko
livepatch: enabling patch '$V1'
livepatch: '$V1': initializing patching transition
$V1: making the system-wide change
livepatch: '$V1': starting patching transition
livepatch: '$V1': completing patching transition
livepatch: '$V1': patching complete
% insmod $V2.ko
livepatch: enabling patch '$V2'
livepatch: '$V2': initializing patching transition
livepatch: '$V2': starting patching transition
livepatch: '$V2': completing patching transition
livepatch: '$V2': patching complete
$V1.changes = 1
$V2.changes = 0
% rmmod $V1
% echo 0 > $SYSFS_KLP/$V2/enabled
livepatch: '$V2': initializing unpatching transition
livepatch: '$V2': starting unpatching transition
livepatch: '$V2': completing unpatching transition
$V2: undoing the system-wide change
livepatch: '$V2': unpatching complete
% rmmod $V2"
