#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# htmldocs.sh OUT: Documentation/ as HTML in OUT, built by Debian's Sphinx
# (python3-sphinx) with the kernel-doc extension and scripts/kernel-doc
# of /usr/src/linux-source-6.12.tar.xz, extracted once per package
# version under $KLP_CACHE/htmldocs; warnings are errors.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/selftests/kernels/common.sh"

[ $# -eq 1 ] || die "usage: $0 OUT"
out=$1
kver=6.12
tarball=/usr/src/linux-source-$kver.tar.xz
[ -r "$tarball" ] || die "$tarball missing (package linux-source-$kver)"
[ -x /usr/bin/sphinx-build ] || die "sphinx-build missing (package python3-sphinx)"

ks=$KLP_CACHE/htmldocs/kernel-sphinx-$kver
key=$(tarball_key "$kver")
if [ "$(cat "$ks.stamp" 2>/dev/null)" != "$key" ]; then
	rm -rf "$ks" "$ks.stamp"
	mkdir -p "$ks"
	tar -xJf "$tarball" -C "$ks" --strip-components=1 \
		"linux-source-$kver/scripts/kernel-doc" \
		"linux-source-$kver/Documentation/sphinx/kerneldoc.py" \
		"linux-source-$kver/Documentation/sphinx/kernellog.py"
	echo "$key" >"$ks.stamp"
fi

rm -rf "$out"
mkdir -p "$out"
# The system's Python, where python3-sphinx is, whatever python3 the
# PATH finds first.
KLP_KERNEL_SPHINX=$ks /usr/bin/python3 -m sphinx -W --keep-going -q -E -b html \
	-d "$out/.doctrees" -c "$top/Documentation/sphinx" \
	"$top/Documentation" "$out"
rm -rf "$out/.doctrees"
echo "$out/index.html"
