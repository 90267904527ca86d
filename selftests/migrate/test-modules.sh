#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The fix to a module of lp_module.c, as it came and converted: alone,
# both set up and take down the module's hook at the same points, on
# enable, module load and unload, and disable.  A release replacing
# another sets the hook up again as it came, and keeps it converted.
. "$(dirname "$0")/functions.sh"

F1=test_klp_migrate_modfix
F2=test_klp_migrate_modfix2
M=test_klp_state_mod

# lifecycle DIR: the fix of DIR over a module that comes and goes
lifecycle()
{
	cd "$1"
	load_lp $F1
	load_mod ../orig/$M
	unload_mod $M
	load_mod ../orig/$M
	disable_lp $F1
	unload_mod $M
	cd ..
}

# upgrade DIR: release 2 of DIR replaces release 1, the module loaded
upgrade()
{
	cd "$1"
	load_mod ../orig/$M
	load_lp $F1
	load_lp $F2
	unload_lp $F1
	disable_lp $F2
	unload_mod $M
	cd ..
}

start_test "a module's callbacks as they came: one hook per load of the module"
lifecycle orig
want=$(transcript)
[ "$(grep -cF ": hooking $M" <<<"$want")" = 2 ] &&
	[ "$(grep -cF ": unhooking $M" <<<"$want")" = 2 ] ||
	die "expected two hooks and two unhooks: $want"
echo "TEST: $TEST_NAME ... ok"

start_test "a module's callbacks converted run at the same points"
lifecycle conv
check_result "$want"

start_test "a module's callbacks as they came: an upgrade hooks the module again"
upgrade orig
got=$(transcript)
[ "$(grep -cF "$F1: hooking $M" <<<"$got")" = 1 ] &&
	[ "$(grep -cF "$F2: hooking $M" <<<"$got")" = 1 ] &&
	[ "$(grep -cF ": unhooking $M" <<<"$got")" = 1 ] ||
	die "expected a hook by each release and one unhook: $got"
echo "TEST: $TEST_NAME ... ok"

start_test "a module's callbacks converted: an upgrade keeps the module's hook"
upgrade conv
check_result "% insmod ../orig/$M.ko
$M: loaded, version 1
% insmod $F1.ko
livepatch: enabling patch '$F1'
livepatch: '$F1': initializing patching transition
$F1: hooking $M
livepatch: '$F1': starting patching transition
livepatch: '$F1': completing patching transition
livepatch: '$F1': patching complete
% insmod $F2.ko
livepatch: enabling patch '$F2'
livepatch: '$F2': initializing patching transition
livepatch: '$F2': starting patching transition
livepatch: '$F2': completing patching transition
livepatch: '$F2': patching complete
% rmmod $F1
% echo 0 > $SYSFS_KLP/$F2/enabled
livepatch: '$F2': initializing unpatching transition
livepatch: '$F2': starting unpatching transition
livepatch: '$F2': completing unpatching transition
$F2: unhooking $M
livepatch: '$F2': unpatching complete
% rmmod $F2
% rmmod $M
$M: unloaded"
