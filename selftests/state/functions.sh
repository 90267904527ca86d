#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers of the state selftests.  A test logs each command it runs into
# the kernel log, then compares the log since its start line with the
# transcript it expects, line by line.
set -u

SYSFS_KLP=/sys/kernel/livepatch
BACKEND=$(cat "$(dirname "${BASH_SOURCE[0]}")/backend")
RETRIES=300	# 0.1 s each
TEST_NAME=
TEST_MARK=

log()
{
	echo "$*" > /dev/kmsg
}

# cleanup: disable every livepatch and unload the test modules, so that
# a failed test leaves nothing behind for the next script
cleanup()
{
	local d m

	[ ! -w /sys/module/test_klp_state_target/parameters/block ] ||
		echo 0 > /sys/module/test_klp_state_target/parameters/block
	for d in "$SYSFS_KLP"/*; do
		[ -e "$d/enabled" ] && echo 0 > "$d/enabled" 2>/dev/null
	done
	loop_until '[ -z "$(ls "$SYSFS_KLP")" ]'
	for m in $(lsmod | awk '$1 ~ /^test_klp_state/ { print $1 }'); do
		rmmod "$m" 2>/dev/null
	done
}

die()
{
	echo "TEST: $TEST_NAME ... not ok"
	echo "# $*"
	cleanup
	exit 1
}

setup()
{
	local ctl=/proc/dynamic_debug/control

	[ -w "$ctl" ] || ctl=/sys/kernel/debug/dynamic_debug/control
	[ -w "$ctl" ] || { echo "dynamic debug control not found"; exit 4; }
	echo 'file kernel/livepatch/* +p' > "$ctl"
	echo 'func klp_try_switch_task -p' > "$ctl"
}

loop_until()
{
	local i

	for ((i = 0; i < RETRIES; i++)); do
		eval "$1" && return 0
		sleep 0.1
	done
	return 1
}

start_test()
{
	TEST_NAME=$1
	TEST_MARK="klp-state test start: $1 $(date +%s%N)"
	log "$TEST_MARK"
	loop_until 'dmesg | grep -qF "$TEST_MARK"' ||
		die "start line never reached the kernel log"
}

transition_done()
{
	[ ! -e "$SYSFS_KLP/$1/transition" ] ||
		[ "$(cat "$SYSFS_KLP/$1/transition")" = 0 ]
}

# load_lp MOD [PARAMS...]: enable a livepatch and wait for its transition
load_lp()
{
	local mod=$1

	shift
	log "% insmod $mod.ko${*:+ $*}"
	insmod "$mod.ko" "$@" || die "insmod $mod failed"
	loop_until "transition_done $mod" || die "$mod transition stuck"
}

# load_lp_nowait MOD [PARAMS...]: enable, leave the transition running
load_lp_nowait()
{
	local mod=$1

	shift
	log "% insmod $mod.ko${*:+ $*}"
	insmod "$mod.ko" "$@" || die "insmod $mod failed"
}

# load_fail MOD [PARAMS...]: a load that must fail; logs insmod's error
load_fail()
{
	local mod=$1 err

	shift
	log "% insmod $mod.ko${*:+ $*}"
	if err=$(insmod "$mod.ko" "$@" 2>&1); then
		die "insmod $mod succeeded"
	fi
	log "$err"
}

load_mod()
{
	log "% insmod $1.ko"
	insmod "$1.ko" || die "insmod $1 failed"
}

unload_mod()
{
	log "% rmmod $1"
	loop_until "rmmod $1 2>/dev/null" || die "rmmod $1 failed"
}

# write_enabled MOD VALUE: log and write the enabled attribute
write_enabled()
{
	local err

	log "% echo $2 > $SYSFS_KLP/$1/enabled"
	if ! err=$( (echo "$2" > "$SYSFS_KLP/$1/enabled") 2>&1); then
		log "write error: ${err##*: }"
		return 1
	fi
}

# disable_lp MOD: disable, wait until the kernel drops it, unload it
disable_lp()
{
	write_enabled "$1" 0 || die "disable of $1 refused"
	loop_until "[ ! -e $SYSFS_KLP/$1 ]" || die "$1 never went away"
	unload_mod "$1"
}

# unload_lp MOD: unload a livepatch that a replace already removed
unload_lp()
{
	loop_until "[ ! -e $SYSFS_KLP/$1 ]" || die "$1 still registered"
	unload_mod "$1"
}

set_param()
{
	log "% echo $3 > /sys/module/$1/parameters/$2"
	echo "$3" > "/sys/module/$1/parameters/$2"
}

# expect_param MOD PARAM VALUE: check a module parameter, log it
expect_param()
{
	local v

	v=$(cat "/sys/module/$1/parameters/$2")
	log "$1.$2 = $v"
}

# The transcript wanted on this backend: lines tagged [compat] or
# [native] are kept only there, and must be listed in backend-lines.
expected()
{
	local line tag

	while IFS= read -r line; do
		case "$line" in
		"[compat] "* | "[native] "*)
			grep -qxF "$line" "$(dirname "${BASH_SOURCE[0]}")/backend-lines" ||
				die "per-backend line not in backend-lines: $line"
			tag=${line%%]*}
			[ "${tag#[}" = "$BACKEND" ] || continue
			line=${line#* }
			;;
		esac
		printf '%s\n' "$line"
	done
}

# log_since_start: the kernel log since start_test, without timestamps
log_since_start()
{
	dmesg | sed -n "\|$TEST_MARK|,\$p" | sed 1d |
		sed -e 's/^\[[ 0-9.]*\] //' -e 's/^\[ *[CT][0-9]*\] //'
}

# transcript: the lines of the kernel log since start_test that tests
# compare
transcript()
{
	log_since_start |
		grep -e 'livepatch:' -e 'klp-state:' -e 'test_klp' -e '^% ' \
		     -e '^write error' -e '^insmod:' |
		grep -v -e 'taints kernel' -e 'tainting kernel'
}

# check_result TRANSCRIPT: compare the kernel log since start_test
check_result()
{
	local want got

	want=$(printf '%s\n' "$1" | expected) || exit 1
	got=$(transcript)
	if [ "$got" = "$want" ]; then
		echo "TEST: $TEST_NAME ... ok"
	else
		echo "TEST: $TEST_NAME ... not ok"
		diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$got") |
			sed 's/^/# /'
		cleanup
		exit 1
	fi
}

setup
