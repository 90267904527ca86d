#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel-patches.sh PKGDIR VERSION: lay the backport series out in PKGDIR
# the way Debian's kernel patch packages do:
#
#   /usr/src/kernel-patches/all/<kver>/klp-state/   series, README, the
#                                                   patches, cover-letter
#   /usr/src/kernel-patches/all/<kver>/apply/klp-state     applies them
#   /usr/src/kernel-patches/all/<kver>/unpatch/klp-state   takes them back
#
# Each patch gets DEP-3 fields at the end of its mail header (git am and
# patch read past them): Origin, Forwarded, Last-Update.
set -euo pipefail

pkg=$1 version=$2
top=$(cd "$(dirname "$0")/.." && pwd)

for dir in "$top"/backports/*/; do
	kver=$(basename "$dir")
	[ -f "$dir/series" ] || continue
	base=$pkg/usr/src/kernel-patches/all/$kver
	mkdir -p "$base/klp-state" "$base/apply" "$base/unpatch"
	install -m 0644 "$dir/series" "$dir/README" "$base/klp-state/"
	# Not a patch: git am stops at it ("Patch is empty").
	install -m 0644 "$dir/0000-cover-letter.patch" "$base/klp-state/cover-letter"
	sed -e 's/#.*//' -e 's/[[:space:]]\+-p[0-9]\+//' -e '/^[[:space:]]*$/d' "$dir/series" |
	while read -r p; do
		date=$(sed -n '1,/^$/s/^Date: //p' "$dir/$p")
		awk -v origin="other, klp-state $version, backports/$kver/$p" \
		    -v updated="$(date -u -d "$date" +%F)" '
			!done && /^$/ {
				print "Origin: " origin
				print "Forwarded: no"
				print "Last-Update: " updated
				done = 1
			}
			{ print }' "$dir/$p" >"$base/klp-state/$p"
		chmod 0644 "$base/klp-state/$p"
	done
	for s in apply unpatch; do
		sed "s/@KVER@/$kver/g" "$top/debian/kernel-patch-$s" >"$base/$s/klp-state"
		chmod 0755 "$base/$s/klp-state"
	done
done
