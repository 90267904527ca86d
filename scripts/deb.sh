#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# deb.sh OUT: make deb; a relative OUT is taken from KLP_FROM, the
# directory make was started in.  Builds the Debian source and binary packages
# with dpkg-buildpackage from a copy of the tree (the checkout gets no
# build products), puts them in OUT, runs lintian on them and lists the
# packages with their sizes.  Fails when the build fails or lintian says
# anything at the level of a warning or above.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)

die() { echo "klp-state: $*" >&2; exit 1; }

[ -n "${1:-}" ] || die "DEB_OUT: empty"
out=$(cd "${KLP_FROM:-.}" && realpath -m -- "$1")
case "$out/" in
"$top"/*) die "DEB_OUT: '$out' is inside this tree: the packages go elsewhere";;
esac

cd "$top"
version=$(dpkg-parsechangelog -S Version)
header=$(sed -n 's/^#define KLP_STATE_VERSION_STRING[[:space:]]*"\(.*\)"$/\1/p' include/klp/version.h)
[ "$version" = "$header" ] ||
	die "debian/changelog says $version, include/klp/version.h $header: give them the same version"

build=$out/build
src=$build/klp-state-$version
rm -rf "$build"
mkdir -p "$src"
# The files of the tree: those git knows and new ones it does not ignore,
# or everything but .git outside a git checkout.
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$top" ls-files -z --cached --others --exclude-standard |
		(cd "$top" && xargs -0 cp --parents -P -t "$src" --)
else
	tar -C "$top" --exclude=.git -cf - . | tar -C "$src" -xf -
fi

echo "klp-state: dpkg-buildpackage of klp-state $version in $src (log: $build/build.log)"
if ! (cd "$src" && dpkg-buildpackage -us -uc --build=full) >"$build/build.log" 2>&1; then
	tail -n 40 "$build/build.log" >&2
	die "dpkg-buildpackage failed: $build/build.log"
fi

# The products of this version replace those of an earlier make deb.
changes=$(cd "$build" && ls klp-state_"$version"_*.changes)
mapfile -t files < <(echo "$changes"
	sed -n '/^Files:/,/^[^ ]/s/^ [0-9a-f]\{32\} [0-9]* [^ ]* [^ ]* //p' "$build/$changes")
for f in "${files[@]}"; do
	rm -f "$out/$f"
	mv "$build/$f" "$out/"
done
rm -rf "$build"

echo "klp-state: lintian $out/$changes"
rc=0
lintian --fail-on error,warning --info "$out/$changes" || rc=$?
[ $rc -eq 0 ] || die "lintian: errors or warnings above"
echo "klp-state: lintian: no error, no warning"
echo "klp-state: packages in $out:"
for f in "${files[@]}"; do
	case $f in *.deb) ls -l "$out/$f";; esac
done
