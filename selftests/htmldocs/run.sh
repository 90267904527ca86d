#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh: make htmldocs on the host.  Documentation/ builds with Sphinx
# and the kernel's kernel-doc extension without a warning; reference.html
# has an entry for every identifier reference.rst names; a warning fails
# the build (a copy of the tree with a broken title).  Prints KTAP and
# "N passed, N failed" (or adds to $KLP_TOTALS).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/selftests/kernels/common.sh"

. "$here/../lib/ktap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
html=$KLP_CACHE/htmldocs/html

echo "KTAP version 1"
echo "# suite: htmldocs (Sphinx $(/usr/bin/python3 -c 'import sphinx; print(sphinx.__version__)' 2>/dev/null || echo missing), kernel-doc of linux-source-6.12 $(dpkg-query -W -f '${Version}' linux-source-6.12 2>/dev/null))"

"$top/scripts/htmldocs.sh" "$html" >"$out" 2>&1 &&
	[ "$(wc -l <"$out")" = 1 ] && [ -f "$html/index.html" ]
result $? "make htmldocs: Documentation/ as HTML, warnings as errors, none"

for f in "$top"/Documentation/*.rst; do
	f=$(basename "${f%.rst}")
	[ -f "$html/$f.html" ] || echo "no $f.html"
done >"$out"
[ ! -s "$out" ]
result $? "a page per Documentation/*.rst"

sed -n '/:identifiers:/,/^$/p' "$top/Documentation/reference.rst" |
	sed 's/:identifiers://' | tr -s ' \n' '\n' | grep . | LC_ALL=C sort -u >"$tmp/ids"
while read -r id; do
	grep -q "id=\"c\.$id\"" "$html/reference.html" || echo "$id: no entry in reference.html"
done <"$tmp/ids" >"$out"
[ ! -s "$out" ] && [ "$(wc -l <"$tmp/ids")" -gt 10 ]
result $? "reference.html renders the kernel-doc of each of the $(wc -l <"$tmp/ids") identifiers reference.rst names"

# A warning fails the build.
mkdir -p "$tmp/tree"
cp -r "$top/Documentation" "$top/include" "$top/scripts" "$top/selftests" "$tmp/tree"/
printf '\nA title\n=====\n\nText.\n' >>"$tmp/tree/Documentation/stability.rst"
! "$tmp/tree/scripts/htmldocs.sh" "$tmp/html" >"$out" 2>&1 &&
	grep -q 'Title underline too short' "$out"
result $? "a Sphinx warning fails make htmldocs"

ktap_end
