#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mkinitramfs.sh
#
# Builds the kernel-independent part of the VM's initramfs (an uncompressed
# newc cpio: no decompressor needed in the guest, and it can be concatenated
# with the per-run archive) and prints its path.  Cached under $KLP_CACHE;
# rebuilt when any binary, library or script that goes in changes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../kernels/common.sh"

# Real tools, not busybox applets: the selftests rely on GNU options
# (sysctl --values, date --rfc-3339=ns, diff -u --label, ...).  Whole
# packages, so that no script trips over a missing command.
pkgs=(bash coreutils kmod procps util-linux mount diffutils grep sed gawk
	findutils debianutils)
# Single commands from packages too large to take whole.
bins=(getconf)

find_bin() {
	local p
	for p in /usr/bin/$1 /usr/sbin/$1 /bin/$1 /sbin/$1; do
		[ -x "$p" ] && { readlink -f "$p"; return 0; }
	done
	die "$1 not found on the host (see selftests/kernels/packages.sh)"
}

main() {
	out=$KLP_CACHE/initramfs
	mkdir -p "$out"
	# Binaries and libraries change only through dpkg: its status file stands
	# for them, which keeps the cached case cheap (no ldd).
	key=$( { sha256sum "$0" "$here/init" "$here/smp-check.c" "$here/fail-nth.c" | cut -d' ' -f1
		stat -c '%s %Y' /var/lib/dpkg/status; printf '%s\n' "${pkgs[@]}" "${bins[@]}"; } |
		sha256sum | cut -d' ' -f1)
	cpio_file=$out/base-$key.cpio
	# One builder at a time; the others then find its archive.
	exec 9>"$out/.lock"
	flock 9
	if [ -f "$cpio_file" ]; then
		# Marks it in use for the clean-up below.
		touch "$cpio_file"
		echo "$cpio_file"
		exit 0
	fi

	log "building initramfs userland"
	files=()
	for b in "${bins[@]}"; do
		files+=("$(find_bin "$b")")
	done
	for p in "${pkgs[@]}"; do
		for f in $(dpkg -L "$p" | grep -E '^(/usr)?/s?bin/[^/]+$'); do
			[ -f "$f" ] && [ -x "$f" ] && files+=("$f")
		done
	done
	mapfile -t libs < <(ldd "${files[@]}" 2>/dev/null |
		awk '/=> \//{print $3} /^[[:space:]]*\/[^ ]*ld-linux/{print $1}' | sort -u)
	root=$(mktemp -d "$out/root.XXXXXX")
	trap 'rm -rf "$root"' EXIT
	mkdir -p "$root"/{usr/bin,usr/sbin,usr/lib,usr/lib64,proc,sys,dev,tmp,run,root,etc,suites,lib/modules}
	# usrmerge layout, as on the host, so that ldd paths and /bin/stat resolve.
	ln -s usr/bin "$root/bin"
	ln -s usr/sbin "$root/sbin"
	ln -s usr/lib64 "$root/lib64"
	mv "$root/lib/modules" "$root/usr/lib/modules" && rmdir "$root/lib"
	ln -s usr/lib "$root/lib"

	copy() {	# copy a host file to the same path, keeping symlinked names
		local src=$1 dst
		dst=$root${src}
		mkdir -p "$(dirname "$dst")"
		[ -e "$dst" ] || cp -L "$src" "$dst"
	}
	for f in "${files[@]}" "${libs[@]}"; do
		copy "$f"
	done
	# Library names as ldd prints them may be symlinks (or /lib paths): add the
	# names as well.
	for l in $(ldd "${files[@]}" 2>/dev/null | awk '/=> \//{print $3}' | sort -u); do
		case $l in /lib/*|/lib64/*) l=/usr$l;; esac
		copy "$l"
	done
	copy /usr/bin/busybox
	# sleep as a bash builtin, loaded by every script through BASH_ENV
	# (init): a fork and exec per wait-loop round is what the guest spent
	# most of its time on.
	copy /usr/lib/bash/sleep
	printf 'enable -f /usr/lib/bash/sleep sleep\n' >"$root/etc/bashenv"

	# The names the packages install as symlinks (kmod's insmod and friends)
	# and alternatives (awk).
	for p in "${pkgs[@]}"; do
		for f in $(dpkg -L "$p" | grep -E '^(/usr)?/s?bin/[^/]+$'); do
			[ -L "$f" ] || continue
			real=$(readlink -f "$f")
			case $f in /bin/*|/sbin/*) f=/usr$f;; esac
			[ -e "$root$f" ] || [ ! -e "$root$real" ] || ln -s "$real" "$root$f"
		done
	done
	ln -sf gawk "$root/usr/bin/awk"
	ln -sf bash "$root/usr/bin/sh"
	# busybox supplies what the Debian userland lacks: reboot, poweroff.
	for a in reboot poweroff halt; do
		ln -sf busybox "$root/usr/bin/$a"
	done

	install -m 0755 "$here/init" "$root/init"
	# init's check that the guest's CPUs run at the same time; libc and
	# its threads are there for bash already.
	gcc -O2 -Wall -pthread -o "$root/usr/bin/smp-check" "$here/smp-check.c"
	# the faults of the explore suite: one command with its Nth slab
	# allocation failing
	gcc -O2 -Wall -o "$root/usr/bin/fail-nth" "$here/fail-nth.c"
	printf 'root:x:0:0:root:/root:/bin/bash\n' >"$root/etc/passwd"
	printf 'root:x:0:\n' >"$root/etc/group"
	# The kernel opens /dev/console before init runs; devtmpfs is not there yet.
	mknod -m 600 "$root/dev/console" c 5 1 2>/dev/null || true

	(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc --owner=0:0 >"$cpio_file.tmp")
	mv "$cpio_file.tmp" "$cpio_file"
	# Another checkout may still be using an older one: drop only those
	# unused for a day.
	find "$out" -maxdepth 1 -name 'base-*.cpio' ! -path "$cpio_file" -mmin +1440 -delete
	log "initramfs: $(du -h "$cpio_file" | cut -f1)"
	echo "$cpio_file"
}

# From main() only: a running instance never reads an edited file.
main "$@"; exit
