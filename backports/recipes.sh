#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# recipes.sh: the ways Documentation/backports.rst gives to apply the
# series, run as it gives them, on git trees made from Debian's
# linux-source tarballs (the files the series touches, committed as they
# come):
#
# - git am of the patches "series" lists, for each kernel: every patch
#   becomes a commit, the cover letter stays out;
# - the porting recipe for a tree that is not the one a series was made
#   for: the 6.1 series on the 6.12 tarball with git am --reject, each
#   stop resolved and continued.  It must stop on rejected hunks only
#   (never "could not build fake ancestor", what git am -3 says in such
#   a tree), and reach the end; the rejected hunks are reported.
#
# Prints KTAP and "N passed, N failed" (or adds to $KLP_TOTALS).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/../selftests/kernels/common.sh"

. "$here/../selftests/lib/ktap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

git_() { git -c user.name=klp -c user.email=klp@localhost "$@"; }

# tarball_git KVER DIR: DIR, a git tree of the files of linux-source-KVER
# that any series of backports/ touches (and their directories), one
# commit, no history: what a tree extracted from a tarball gives.
tarball_git()
{
	local src

	src=$(pristine_tree "$1") || return 1
	rm -rf "$2" && mkdir -p "$2"
	(cd "$src" && cp -r --parents include/linux/livepatch.h kernel/livepatch \
		Documentation/livepatch Documentation/ABI/testing/sysfs-kernel-livepatch \
		tools/testing/selftests/livepatch samples/livepatch "$2"/ &&
		{ [ ! -d lib/livepatch ] || cp -r --parents lib/livepatch "$2"/; }) &&
		(cd "$2" && git init -q && git add -A && git_ commit -qm "linux-source-$1") ||
		return 1
}

echo "KTAP version 1"
echo "# suite: backports recipes (git am of each series; the 6.1 series ported to the 6.12 tarball)"
for d in "$here"/*/; do
	kver=$(basename "$d")
	[ -f "$d/series" ] || continue
	S=${d%/}
	tarball_git "$kver" "$tmp/linux" >"$out" 2>&1 || { result 1 "$kver: a git tree of linux-source-$kver"; continue; }
	# As backports.rst gives it.
	(cd "$tmp/linux" && git_ am $(sed -e 's/#.*//' -e "s|^|$S/|" "$S/series")) >"$out" 2>&1 &&
		[ "$(git -C "$tmp/linux" rev-list --count HEAD)" = $(($(series_patches "$S" | wc -l) + 1)) ] &&
		! git -C "$tmp/linux" log --format=%s | grep -q '^\[PATCH 0/'
	result $? "$kver: git am of the patches series lists: a commit each, no cover letter"
done

# The porting recipe: 6.1's series on 6.12's tarball.
S=$here/6.1
if tarball_git 6.12 "$tmp/port" >"$out" 2>&1; then
	cd "$tmp/port" || exit 1
	: >"$tmp/rejects"
	git_ am --reject $(sed -e 's/#.*//' -e "s|^|$S/|" "$S/series") >"$out" 2>&1
	stops=0 bad=0
	while [ -d .git/rebase-apply ]; do
		stops=$((stops + 1))
		grep -q 'could not build fake ancestor\|sha1 information is lacking' "$out" && bad=1
		p=$(sed -n 's/^Patch failed at \([0-9]*\) .*/\1/p' "$out")
		find . -name '*.rej' -not -path './.git/*' | LC_ALL=C sort | while read -r f; do
			echo "$p ${f#./}: $(grep -c '^@@' "$f") hunk(s)"
		done >>"$tmp/rejects"
		grep 'does not exist in index' "$out" | sed "s/^/$p /" >>"$tmp/rejects"
		# Resolved here by dropping the rejected hunks: the recipe's
		# mechanics are under test, not the port.
		find . -name '*.rej' -not -path './.git/*' -delete
		git add -A && git_ am --continue >"$out" 2>&1
		[ "$stops" -lt 20 ] || break
	done
	cd - >/dev/null || exit 1
	sed 's/^/# rejected in patch /' "$tmp/rejects"
	cp "$tmp/rejects" "$out"
	[ "$bad" = 0 ] && [ ! -d "$tmp/port/.git/rebase-apply" ] &&
		[ "$(git -C "$tmp/port" rev-list --count HEAD)" = $(($(series_patches "$S" | wc -l) + 1)) ]
	result $? "the 6.1 series on the 6.12 tarball: git am --reject stops $stops times on rejected hunks only, and reaches the end"
else
	result 1 "a git tree of linux-source-6.12"
fi

ktap_end
