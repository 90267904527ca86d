#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# host-test.sh [KVER...]: the test bed leaves the host's boot setup alone.
#
# Lists /boot, /lib/modules, /vmlinuz* and /initrd.img* of the host (each
# file's path, type, size, mtime and link target, and the checksum of
# every file under /boot) and the kernel packages dpkg knows, then runs
# what make demo and make check run before they boot: packages.sh (make
# deps) and the stock provisioning of each KVER (default: all), into a
# fresh cache of its own, so the download and the unpacking happen; a
# module is built against each unpacked header tree.  The listing must be
# the same after.  Prints KTAP and "N passed, N failed" (or adds to
# $KLP_TOTALS).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/common.sh"

kvers=${*:-$KLP_VALID_KVERS}
. "$here/../lib/ktap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

# listing ROOT...: what the test compares, for the paths under ROOT...
listing()
{
	local r

	for r in "$@"; do
		[ -e "$r" ] || [ -L "$r" ] || { echo "absent $r"; continue; }
		find "$r" -printf '%p %y %s %T@ %l\n'
		find "$r" -type f -path '*/boot/*' -exec sha256sum {} +
	done | LC_ALL=C sort
}

host_listing()
{
	listing /boot /lib/modules /vmlinuz /vmlinuz.old /initrd.img /initrd.img.old
	dpkg-query -W -f '${Package} ${Version} ${db:Status-Abbrev}\n' \
		'linux-image-*' 'linux-headers-*' 'linux-kbuild-*' 2>/dev/null | LC_ALL=C sort
}

echo "KTAP version 1"
echo "# suite: host (make deps and the stock provisioning of $kvers leave /boot and /lib/modules as they were)"

# The listing sees a change: a file of a scratch /boot rewritten, same size.
mkdir -p "$tmp/root/boot" "$tmp/root/lib/modules/x"
echo one >"$tmp/root/boot/vmlinuz-x"
listing "$tmp/root/boot" "$tmp/root/lib/modules" >"$tmp/l0"
touch -r "$tmp/root/boot/vmlinuz-x" "$tmp/ref"
echo two >"$tmp/root/boot/vmlinuz-x"
touch -r "$tmp/ref" "$tmp/root/boot/vmlinuz-x"
listing "$tmp/root/boot" "$tmp/root/lib/modules" >"$tmp/l1"
! cmp -s "$tmp/l0" "$tmp/l1" >"$out" 2>&1
result $? "the listing tells a rewritten file under /boot"

"$here/packages.sh" --list >"$out" 2>&1 &&
	! grep -E '^linux-(image|headers)' "$out"
result $? "packages.sh installs no kernel image and no kernel headers"

host_listing >"$tmp/before"
export KLP_CACHE=$tmp/cache
mkdir -p "$KLP_CACHE"
"$here/packages.sh" >"$out" 2>&1
result $? "packages.sh (make deps)"
for k in $kvers; do
	start=$SECONDS
	"$here/provision.sh" "$k" stock >"$out" 2>&1 &&
		. "$KLP_CACHE/kernels/stock-$k.env" &&
		case $KLP_KIMAGE:$KLP_KDIR in
		"$KLP_CACHE/stock/"*:"$KLP_CACHE/stock/"*) true;;
		*) false;;
		esac && [ -f "$KLP_KIMAGE" ] && [ -f "$KLP_KDIR/Makefile" ]
	result $? "$k: the stock kernel provisioned from packages into the cache ($((SECONDS - start)) s: ${KLP_KRELEASE:-?} $KLP_DEBVER)"
	b=$tmp/build-$k
	mkdir -p "$b"
	cp "$top/samples/livepatch-state-shadow.c" "$b"/
	printf 'ccflags-y += -I%s\nobj-m += livepatch-state-shadow.o\n' "$top/include" >"$b/Kbuild"
	make -C "$KLP_KDIR" M="$b" modules >"$out" 2>&1 &&
		modinfo -F vermagic "$b/livepatch-state-shadow.ko" | grep -q "^$KLP_KRELEASE "
	result $? "$k: a livepatch builds against the unpacked headers, for $KLP_KRELEASE"
done
host_listing >"$tmp/after"
diff -u "$tmp/before" "$tmp/after" >"$out"
result $? "/boot, /lib/modules, /vmlinuz, /initrd.img and the kernel packages are as they were"

ktap_end
