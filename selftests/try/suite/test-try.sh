#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs the steps make try staged, in order, and prints the transcript:
# the commands and what the kernel, the compat engine and the modules
# logged, in the format of the state suite (selftests/invariants).
#   target FILE.ko   load a target module (before the livepatches)
#   lp FILE.ko       load a livepatch: an enable, an upgrade or a
#                    downgrade; the livepatches it replaced are unloaded
#   disable          disable the newest enabled livepatch and unload it
# At the end every livepatch still enabled is disabled, newest first,
# and every module is unloaded.
set -u

KLP=/sys/kernel/livepatch
START="klp-try start $EPOCHREALTIME"
echo "$START" >/dev/kmsg
loaded=() targets=() names=()

log() { echo "$*" >/dev/kmsg; }

idle()
{
	local d v i

	for ((i = 0; i < 600; i++)); do
		v=0
		for d in "$KLP"/*/; do
			[ -r "$d/transition" ] || continue
			read -r v <"$d/transition"
			[ "$v" = 0 ] || break
		done
		[ "$v" = 0 ] && return 0
		sleep 0.1
	done
	log "# a transition did not finish in 60 s"
	return 1
}

modname() { local n=${1##*/}; n=${n%.ko}; echo "${n//-/_}"; }

load()
{
	local err

	log "% insmod $1"
	if ! err=$(insmod "$1" 2>&1); then
		log "$err"
		return 1
	fi
}

unload()
{
	local i

	log "% rmmod $1"
	for ((i = 0; i < 100; i++)); do
		rmmod "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	log "# rmmod $1 failed"
}

# the livepatch modules loaded whose patch the kernel no longer has
unload_replaced()
{
	local m keep=()

	for m in "${loaded[@]}"; do
		if [ -d "$KLP/$m" ]; then
			keep+=("$m")
		else
			unload "$m"
		fi
	done
	loaded=("${keep[@]}")
}

disable()
{
	local err

	log "% echo 0 > $KLP/$1/enabled"
	if ! { echo 0 >"$KLP/$1/enabled"; } 2>/tmp/try.err; then
		read -r err </tmp/try.err
		log "write error: ${err##*: }"
		return 1
	fi
	idle
	unload_replaced
}

while read -r what file; do
	case $what in
	target)
		load "$file" && targets+=("$(modname "$file")");;
	lp)
		names+=("$(modname "$file")")
		load "$file" && loaded+=("$(modname "$file")")
		idle
		unload_replaced;;
	disable)
		[ ${#loaded[@]} -eq 0 ] || disable "${loaded[-1]}";;
	esac
done <steps
for ((i = ${#loaded[@]} - 1; i >= 0; i--)); do
	disable "${loaded[i]}"
done
for ((i = ${#targets[@]} - 1; i >= 0; i--)); do
	unload "${targets[i]}"
done

echo "@@TRANSCRIPT-BEGIN"
dmesg | awk -v s="$START" 'p; index($0, s) { p = 1 }' |
	sed -E 's/^\[ *[0-9.]+\] //' | while IFS= read -r line; do
	keep=0
	case $line in
	*'taints kernel'* | *'tainting kernel'*) ;;
	*livepatch:* | *klp-state:* | '% '* | 'write error'* | 'insmod:'* | '# '*)
		keep=1;;
	*)
		for n in "${names[@]}" "${targets[@]}"; do
			[[ $line != "$n: "* ]] || keep=1
		done;;
	esac
	[ $keep = 0 ] || printf '%s\n' "$line"
done
echo "@@TRANSCRIPT-END"
echo "TEST: try ... ok"
