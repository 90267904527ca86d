#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The guest side of the test bed: helpers of the tests that run in a VM
# (the state, migrate and explore suites stage a copy).  A test logs each
# command it runs into the kernel log, then compares the log since its
# start line with the transcript it expects, line by line.
set -u

# Every command run costs a fork and an exec, which on a debug kernel
# (kmemleak records each allocation with its stack) take 0.2 s: the
# helpers read files with the read builtin and filter the log in bash.
shopt -s extglob

SYSFS_KLP=/sys/kernel/livepatch
RETRIES=300	# 0.1 s each
TEST_NAME=
TEST_MARK=
KLOG_FILE=/tmp/klp-state-kmsg.$$
trap 'rm -f "$KLOG_FILE" "$KLOG_FILE.err"' EXIT
declare -A BACKEND_LINES

# BACKEND and BACKEND_LINES, from the files next to this one
read_backend()
{
	local dir line

	dir=$(dirname "${BASH_SOURCE[0]}")
	read -r BACKEND <"$dir/backend"
	while IFS= read -r line; do
		BACKEND_LINES[$line]=1
	done <"$dir/backend-lines"
}
read_backend

log()
{
	echo "$*" > /dev/kmsg
}

# cleanup: disable every livepatch and unload the test modules, so that
# a failed test leaves nothing behind for the next script
cleanup()
{
	local d m mods=()

	[ ! -w /sys/module/test_klp_state_target/parameters/block ] ||
		echo 0 > /sys/module/test_klp_state_target/parameters/block
	for d in "$SYSFS_KLP"/*; do
		[ -e "$d/enabled" ] && echo 0 > "$d/enabled" 2>/dev/null
	done
	loop_until no_livepatch
	while read -r m _; do
		[[ $m != test_klp_state* ]] || mods+=("$m")
	done </proc/modules
	for m in "${mods[@]}"; do
		rmmod "$m" 2>/dev/null
	done
}

no_livepatch()
{
	local d

	for d in "$SYSFS_KLP"/*; do
		[ ! -e "$d" ] || return 1
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
	# The line is in the log when write() returns; the time makes it
	# unique, and kernel_log() checks that it is there.
	TEST_MARK="klp-state test start: $1 $EPOCHREALTIME"
	log "$TEST_MARK"
}

transition_done()
{
	local v=0

	[ ! -e "$SYSFS_KLP/$1/transition" ] ||
		read -r v <"$SYSFS_KLP/$1/transition" 2>/dev/null
	[ "$v" = 0 ]
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

# unload_mod_bg MOD: log and start "rmmod MOD" in the background, for a
# test that checks whether it waits; unload_returned tells whether it has
# returned, unload_wait waits for it and returns its status
unload_mod_bg()
{
	log "% rmmod $1"
	rmmod "$1" &
	UNLOAD_PID=$!
}

unload_returned()
{
	! kill -0 "$UNLOAD_PID" 2>/dev/null
}

unload_wait()
{
	wait "$UNLOAD_PID"
}

# write_enabled MOD VALUE: log and write the enabled attribute
write_enabled()
{
	local err

	log "% echo $2 > $SYSFS_KLP/$1/enabled"
	if ! { echo "$2" > "$SYSFS_KLP/$1/enabled"; } 2>"$KLOG_FILE.err"; then
		read -r err <"$KLOG_FILE.err"
		log "write error: ${err##*: }"
		return 1
	fi
}

# wait_freed MOD: wait until the kernel has freed a disabled or replaced
# livepatch.  Its directory goes after the native core ran the shadow
# destructors of the states it removed.
wait_freed()
{
	loop_until "[ ! -e $SYSFS_KLP/$1 ]" || die "$1 never went away"
}

# disable_lp MOD: disable, wait until the kernel drops it, unload it
disable_lp()
{
	write_enabled "$1" 0 || die "disable of $1 refused"
	wait_freed "$1"
	unload_mod "$1"
}

# unload_lp MOD: unload a livepatch that a replace already removed
unload_lp()
{
	wait_freed "$1"
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

	read -r v <"/sys/module/$1/parameters/$2"
	log "$1.$2 = $v"
}

# expected TRANSCRIPT: sets WANT to the transcript wanted on this
# backend: lines tagged [compat] or [native] are kept only there, and
# must be listed in backend-lines.
expected()
{
	local line tag

	WANT=()
	while IFS= read -r line; do
		case "$line" in
		"[compat] "* | "[native] "*)
			[ -n "${BACKEND_LINES[$line]:-}" ] ||
				die "per-backend line not in backend-lines: $line"
			tag=${line%%]*}
			[ "${tag#[}" = "$BACKEND" ] || continue
			line=${line#* }
			;;
		esac
		WANT+=("$line")
	done <<<"$1"
}

# kernel_log: sets KLOG to the kernel log since start_test, without
# timestamps.  dmesg writes a file: bash reads a pipe a byte at a time.
kernel_log()
{
	local i n

	KLOG=()
	dmesg >"$KLOG_FILE" || return 1
	mapfile -t KLOG <"$KLOG_FILE"
	for ((i = ${#KLOG[@]} - 1; i >= 0; i--)); do
		[[ ${KLOG[i]} != *"$TEST_MARK" ]] || break
	done
	if [ $i -lt 0 ]; then
		KLOG=()
		echo "# start line not in the kernel log: $TEST_MARK" >&2
		return 1
	fi
	KLOG=("${KLOG[@]:i + 1}")
	for ((n = 0; n < ${#KLOG[@]}; n++)); do
		KLOG[n]=${KLOG[n]#\[*([ 0-9.])\] }
		KLOG[n]=${KLOG[n]#\[*( )[CT]*([0-9])\] }
	done
}

# log_since_start: prints the kernel log since start_test
log_since_start()
{
	kernel_log || return 1
	[ ${#KLOG[@]} -eq 0 ] || printf '%s\n' "${KLOG[@]}"
}

# transcript_lines: sets GOT to the lines of the kernel log since
# start_test that tests compare
transcript_lines()
{
	local line

	GOT=()
	kernel_log || return 1
	for line in "${KLOG[@]}"; do
		case $line in
		*'taints kernel'* | *'tainting kernel'*) ;;
		*livepatch:* | *klp-state:* | *test_klp* | '% '* | \
		'write error'* | 'insmod:'*)
			GOT+=("$line")
			;;
		esac
	done
}

# transcript: prints them
transcript()
{
	transcript_lines || return 1
	[ ${#GOT[@]} -eq 0 ] || printf '%s\n' "${GOT[@]}"
}

# check_result TRANSCRIPT: compare the kernel log since start_test
check_result()
{
	local want got

	expected "$1"
	transcript_lines || die "start line never reached the kernel log"
	printf -v want '%s\n' "${WANT[@]}"
	printf -v got '%s\n' "${GOT[@]}"

	if [ "$got" = "$want" ]; then
		echo "TEST: $TEST_NAME ... ok"
	else
		echo "TEST: $TEST_NAME ... not ok"
		diff -u <(printf '%s' "$want") <(printf '%s' "$got") |
			sed 's/^/# /'
		cleanup
		exit 1
	fi
}

setup
