#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh [options] KVER FLAVOR [SUITE...]
#
# Provisions the kernel, builds the suites against it, boots it under QEMU
# (TCG) with the suites in the initramfs, and prints KTAP per suite.  Exit
# status 0 only if every test passed or skipped.
#
#   --shell            interactive bash in the VM instead of running tests
#   --timeout S        per test script, inside the VM (default 600)
#   --boot-timeout S   until the guest's init reports (default 180)
#   --kernel IMG       boot IMG instead of the provisioned kernel
#   --append ARGS      extra kernel command line
#   --name NAME        run directory name (default <flavor>-<kver>)
#   --smp N            vCPUs (default 2)
#   --tcg MODE         TCG threads: single (one for every vCPU, the
#                      default) or multi (one per vCPU); KLP_TCG sets the
#                      default
#
# Per-suite builds, the console log and the result stream are kept under
# $KLP_CACHE/runs/<name>/.  With KLP_TOTALS set, the counts are appended
# there instead of printing the closing "N passed, N failed" line.
set -Eeuo pipefail
# Where the runner itself failed, for the "not ok" its caller counts.
trap 'echo "# run.sh: internal error at line $LINENO: $BASH_COMMAND" >&2' ERR

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/../kernels/common.sh"

# build_key ENVFILE: what a suite's build depends on, as one hash: every
# file of the tree but its documentation (by content, whichever clone it
# is), the kernel built against, the compiler, spatch and the KLP_
# variables a build reads (KLP_DEMO, KLP_BENCH_NS).  Empty outside a
# git tree, where the tree's files cannot be listed: nothing is cached.
build_key() {
	local files

	files=$(cd "$top" && git ls-files -co --exclude-standard 2>/dev/null |
		grep -v -e '^Documentation/' -e '\.rst$' -e '\.md$' | LC_ALL=C sort) ||
		return 0
	[ -n "$files" ] || return 0
	{
		(cd "$top" && tr '\n' '\0' <<<"$files" | xargs -0 sha256sum)
		cat "$1"
		cat "$KLP_KDIR/.build.stamp" "$KLP_KDIR/.config" \
			"$KLP_KDIR/Module.symvers" 2>/dev/null || true
		gcc --version | head -n1
		spatch --version 2>/dev/null | head -n1 || true
		env | grep '^KLP_' | grep -v '^KLP_TOTALS=' | LC_ALL=C sort || true
	} | sha256sum | cut -c1-16
}

# cached_build SUITE OUTDIR KEY: stage the build of SUITE kept under KEY
cached_build() {
	local dir=$KLP_CACHE/suites/$flavor-$kver/${1//\//-}.$3

	[ -f "$dir/.complete" ] || return 1
	cp -a "$dir/." "$2/" && rm -f "$2/.complete" || { rm -rf "${2:?}"/*; return 1; }
	echo "# $1: the build of an identical tree and kernel, from $dir"
}

# keep_build SUITE OUTDIR KEY: keep this build for the next run, in place
# of the last one kept
keep_build() {
	local base=$KLP_CACHE/suites/$flavor-$kver/${1//\//-}

	mkdir -p "${base%/*}"
	rm -rf "$base.$3.$$"
	cp -a "$2" "$base.$3.$$" && : >"$base.$3.$$/.complete" || return 0
	rm -rf "$base".????????????????
	mv -T "$base.$3.$$" "$base.$3" 2>/dev/null || rm -rf "$base.$3.$$"
}

main() {
	mode=run timeout=600 boot_timeout=180 kimage= append= name= smp= tcg=
	while [ $# -gt 0 ]; do
		case $1 in
		--shell) mode=shell; shift;;
		--timeout) timeout=$2; shift 2;;
		--boot-timeout) boot_timeout=$2; shift 2;;
		--kernel) kimage=$2; shift 2;;
		--append) append=$2; shift 2;;
		--name) name=$2; shift 2;;
		--smp) smp=$2; shift 2;;
		--tcg) tcg=$2; shift 2;;
		-*) die "unknown option $1";;
		*) break;;
		esac
	done
	[ $# -ge 2 ] || die "usage: $0 [options] KVER FLAVOR [SUITE...]"
	kver=$1 flavor=$2
	shift 2
	suites=("$@")
	check_kver "$kver"
	check_flavor "$flavor"
	# Two vCPUs: transitions meet tasks running on the other CPU, and KASAN
	# and lockdep see patched code run beside the code that changes its
	# state.  One TCG thread serves both in turns unless --tcg multi (or
	# KLP_TCG=multi) gives each its own.  With a thread each, QEMU 7.2
	# sometimes runs a stale translation of text the kernel has just
	# patched: on 2026-12-07 a stock 6.12 guest died with "Oops: int3" on
	# a "ret" of irqentry_exit() in the upstream test-syscall.sh (1 run of
	# 3), and a native 6.1 guest with a page fault at offset 1 of a
	# function whose ftrace call site a livepatch disable rewrote while
	# another CPU ran it (test-transition.sh, 1 run of 4).  A test bed
	# that fails on its own emulator cannot judge the kernel.
	[ -n "$smp" ] || smp=2
	[ -n "$tcg" ] || tcg=${KLP_TCG:-single}
	case $smp in [1-4]) ;; *) die "--smp takes 1 to 4, not '$smp'";; esac
	case $tcg in single | multi) ;; *) die "--tcg takes single or multi, not '$tcg'";; esac
	for s in "${suites[@]}"; do
		[ -x "$top/selftests/$s/build.sh" ] ||
			die "unknown suite '$s' (no selftests/$s/build.sh)"
	done

	# A kernel that cannot be provisioned counts as one failed test.
	if ! envfile=$("$top/selftests/kernels/provision.sh" "$kver" "$flavor"); then
		echo "# $flavor-$kver: kernel provisioning failed"
		if [ -n "${KLP_TOTALS:-}" ]; then
			echo "0 1 0" >>"$KLP_TOTALS"
		else
			echo "0 passed, 1 failed, 0 skipped"
		fi
		exit 1
	fi
	. "$envfile"
	[ -n "$kimage" ] || kimage=$KLP_KIMAGE
	base_cpio=$("$here/mkinitramfs.sh")

	run=$KLP_CACHE/runs/${name:-$flavor-$kver}
	mkdir -p "$KLP_CACHE/runs"
	# Two runs of the same name wait for each other instead of mixing.
	exec 8>"$run.lock"
	flock 8
	rm -rf "$run"
	mkdir -p "$run/stage/etc/klp" "$run/stage/suites" "$run/build"
	label="$flavor $kver, $KLP_KRELEASE, $KLP_DEBSRC, $smp vCPU, $tcg-threaded TCG"

	# Build every suite on the host; a suite that fails to build is reported as
	# a failed test and not staged.
	build_env "$top"
	build_failed=() staged=()
	key=$(build_key "$envfile") || key=
	for s in "${suites[@]}"; do
		outdir=$run/stage/suites/$s
		log=$run/build/${s//\//-}.log
		mkdir -p "$outdir"
		if [ -n "$key" ] && cached_build "$s" "$outdir" "$key" >"$log" 2>&1; then
			staged+=("$s")
		elif ! KLP_KSRC=$KLP_KSRC KLP_KRELEASE=$KLP_KRELEASE \
			"$top/selftests/$s/build.sh" "$KLP_KDIR" "$outdir" "$kver" "$flavor" \
			>"$log" 2>&1; then
			build_failed+=("$s")
			rm -rf "$outdir"
		else
			staged+=("$s")
			[ -z "$key" ] || keep_build "$s" "$outdir" "$key"
		fi
	done

	cat >"$run/stage/etc/klp/run.conf" <<EOT
KLP_MODE=$mode
KLP_SUITES="${staged[*]}"
KLP_TIMEOUT=$timeout
KLP_SMP=$smp
KLP_TCG=$tcg
EOT
	(cd "$run/stage" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc --owner=0:0 >"$run/run.cpio")
	cat "$base_cpio" "$run/run.cpio" >"$run/initrd.cpio"

	# thread=multi: a TCG thread per vCPU.  With one for all (single), the
	# vCPUs take turns, every IPI (text patching, stop_machine) waits for
	# the other's turn, and no two tasks ever run at once.  A socket per
	# vCPU: SeaBIOS's MP table lists one processor per package, and the
	# native and debug kernels, which have no ACPI, find their CPUs there
	# (config.fragment).
	# No LA57: Debian kernels then run 5-level page tables, the least used
	# path of TCG, and a stock 6.12 guest died there once in mm code with
	# an EFLAGS value no CPU produces.  Machines in the field mostly run
	# 4-level tables.
	qemu=(qemu-system-x86_64 -accel "tcg,thread=$tcg" -cpu max,la57=off
		-smp "$smp,sockets=$smp" -m 1G
		-nodefaults -nographic -no-reboot -nic none
		-kernel "$kimage" -initrd "$run/initrd.cpio")
	# panic=-1: a panic ends the VM at once (and is then reported from the
	# console log).  Oopses and warnings do not panic: the run goes on, and they
	# are reported per test from the kernel log.
	# no_timer_check: on a busy host the IO-APIC timer check can fail in
	# TCG and panic the boot ("IO-APIC + timer doesn't work!").
	# The guest's TSC is the host's, but a guest calibrating it on a busy
	# host can be wrong by a factor of 25, and its watchdog (jiffies, which
	# lose ticks) then drops it: guest clocks raced or crawled, and in-guest
	# timeouts fired after 24 s.  Give it the host's frequency and trust it.
	tsc=$(host_tsc_khz)
	cmdline="console=ttyS0 loglevel=5 panic=-1 no_timer_check rdinit=/init"
	cmdline+="${tsc:+ tsc_early_khz=$tsc tsc=reliable} $append"

	if [ $mode = shell ]; then
		exec "${qemu[@]}" -serial mon:stdio -serial null -append "$cmdline"
	fi

	: >"$run/console.log"
	: >"$run/results.log"
	start=$SECONDS
	# The outer timeout is the last line of defence; the loop below stops the
	# VM earlier with a precise reason.
	timeout -k 5 $((boot_timeout + 60 + (${#suites[@]} + 1) * 20 * timeout)) \
		"${qemu[@]}" -serial "file:$run/console.log" -serial "file:$run/results.log" \
		-append "$cmdline" </dev/null >"$run/qemu.log" 2>&1 &
	qpid=$!

	stopped= boot_secs=
	script= script_start=0 last= part=
	: >"$run/host-times"
	# The guest's results arrive on fd $rfd, read where the last poll left
	# off, with builtins only: a VM runs for minutes, and a poll that forked
	# grep and tail over the whole file (and sleep) took 2 % of a host core.
	exec {rfd}<"$run/results.log"
	enable -f /usr/lib/bash/sleep sleep 2>/dev/null || true
	while kill -0 $qpid 2>/dev/null; do
		sleep 0.5
		now=$((SECONDS - start))
		# read fails at the end of the file with a partial line in $line,
		# which the next poll completes.
		while IFS= read -r -u $rfd line; do
			line=${part}${line%$'\r'} part=
			case $line in
			'@@KLP@@ BOOT'*) boot_secs=${boot_secs:-$now};;
			'@@KLP@@ SCRIPT-'*) echo "$now $line" >>"$run/host-times"; last=$line;;
			esac
		done
		part+=$line
		if [ -z "$boot_secs" ]; then
			if [ $now -ge "$boot_timeout" ]; then
				stopped="the VM did not boot within $boot_timeout s"
				break
			fi
			continue
		fi
		# The guest's clock falls behind when the host is busy: time the
		# scripts here, on the host, by when their markers arrive.
		case $last in
		*SCRIPT-BEGIN*)
			if [ "$last" != "$script" ]; then
				script=$last script_start=$now
			elif [ $((now - script_start)) -ge $((timeout + 60)) ]; then
				stopped="the VM stopped responding during ${last##* } (${timeout} s test timeout + 60 s)"
				break
			fi;;
		*) script=;;
		esac
	done
	exec {rfd}<&-
	if [ -n "$stopped" ]; then
		kill $qpid 2>/dev/null || true
	fi
	wait $qpid && qrc=0 || qrc=$?
	if [ -z "$stopped" ] && [ $qrc -eq 124 ]; then
		stopped="the VM exceeded its overall time limit"
	elif [ -z "$stopped" ] && [ $qrc -ne 0 ]; then
		stopped="QEMU exited with $qrc: $(tail -n 3 "$run/qemu.log" | tr '\n' ' ')"
	fi
	secs=$((SECONDS - start))

	counts=$run/counts
	for s in "${build_failed[@]}"; do
		printf 'KTAP version 1\n# suite: %s (%s)\n1..1\nnot ok 1 build\n' "$s" "$label"
		tail -n 30 "$run/build/${s//\//-}.log" | sed 's/^/# /'
		echo
	done
	awk -v label="$label" -v console="$run/console.log" -v stopped="$stopped" \
		-v hosttimes="$run/host-times" \
		-v counts="$counts" -f "$here/parse.awk" "$run/results.log"
	read -r passed failed skipped <"$counts"
	failed=$((failed + ${#build_failed[@]}))
	# A suite with a host-side judge (selftests/<suite>/judge) has the
	# guest's output judged here, after the VM: its own KTAP document.
	for s in "${staged[@]}"; do
		[ -x "$top/selftests/$s/judge" ] || continue
		"$top/selftests/$s/judge" --label "$label" --kver "$kver" \
			--flavor "$flavor" --counts "$run/judge-$s" "$run" || true
		read -r p f k <"$run/judge-$s" || { p=0 f=1 k=0; }
		passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + k))
	done
	echo "# $flavor-$kver: $passed passed, $failed failed, $skipped skipped (VM: ${secs} s, boot ${boot_secs:-?} s; logs in $run)"
	if [ -n "${KLP_TOTALS:-}" ]; then
		echo "$passed $failed $skipped" >>"$KLP_TOTALS"
	else
		echo "$passed passed, $failed failed, $skipped skipped"
	fi
	# A failed test is not an error of the runner: no ERR trap here.
	[ "$failed" -eq 0 ] || exit 1
}

# The host's TSC frequency in kHz, or nothing when it cannot be known.
host_tsc_khz() {
	local mhz

	mhz=$(dmesg 2>/dev/null | sed -n -e 's/.*tsc: Refined TSC clocksource calibration: \([0-9.]*\) MHz.*/\1/p' \
		-e 's/.*tsc: Detected \([0-9.]*\) MHz processor.*/\1/p' | tail -n1)
	if [ -z "$mhz" ] && grep -qw tsc_known_freq /proc/cpuinfo; then
		mhz=$(awk -F': *' '/^cpu MHz/ { print $2; exit }' /proc/cpuinfo)
	fi
	[ -z "$mhz" ] || awk -v m="$mhz" 'BEGIN { printf "%d\n", m * 1000 }'
}

# Everything runs from main(): a running instance never reads a file
# that was edited meanwhile.
main "$@"; exit
