#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# packages.sh [--list]
#
# Installs the Debian packages the test bed needs, only those missing:
# tools and sources, never a kernel.  The stock kernels' images and
# headers are fetched as packages and unpacked into the cache instead
# (common.sh, stock_tree()): the host's /boot, /lib/modules and the
# kernel it boots stay as they are.  With --list, prints the list and
# exits.
set -euo pipefail

. "$(dirname "$0")/common.sh"

pkgs=(
	# sources: native kernels, upstream selftests of each kernel
	linux-source-6.1 linux-source-6.12 xz-utils
	# building kernels and modules
	gcc make libc6-dev patch ccache bc flex bison libelf-dev libssl-dev
	dwarves binutils
	# static checks of the header and the docs, and the Coccinelle migration
	sparse coccinelle python3 python3-docutils
	# make deb, and the man page check of make check-install
	dpkg-dev debhelper python3-sphinx lintian man-db
	# the VM and its userland
	qemu-system-x86 busybox-static cpio bash bash-builtins kmod procps coreutils
	util-linux mount diffutils grep sed gawk findutils libc-bin
)

if [ "${1:-}" = --list ]; then
	printf '%s\n' "${pkgs[@]}"
	exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	[ "${status:0:2}" = ii ] || missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || exit 0

[ "$(id -u)" -eq 0 ] ||
	die "missing packages (run as root or install them): ${missing[*]}"
log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
