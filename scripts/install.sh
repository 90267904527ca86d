#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# install.sh install|uninstall: make install and make uninstall.
#
# PREFIX (default /usr/local) and DESTDIR come from the environment, a
# relative DESTDIR taken from KLP_FROM, the directory make was started in.
# install puts under DESTDIR/PREFIX:
#
#   src/klp-state/include/klp/*.h          the headers, never in include/
#   src/klp-state/klp-state.kbuild         the Kbuild fragment
#   share/klp-state/cocci/                 the semantic patches, their
#                                          Python module and the
#                                          migration driver
#   src/klp-state/tools/klp-state/         the source of klp_state_view.ko
#   bin/klp-migrate                        the command that runs the driver
#   bin/klp-state                          the list of livepatches and states
#   share/man/man1/klp-migrate.1           its manual page
#   share/man/man1/klp-state.1             klp-state's
#   share/klp-state/manifest               what was installed
#
# The manifest lists each file installed and each directory the install
# created, PREFIX/... as dpkg -L lists them, without DESTDIR; uninstall removes exactly those (the
# directories only when they are empty).  An install over an earlier one
# first uninstalls it.  A failed install removes what it had installed.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
manifest=share/klp-state/manifest

die() { echo "klp-state: $*" >&2; exit 1; }

prefix=${PREFIX:-/usr/local}
case $prefix in
/*) ;;
*) die "PREFIX: not an absolute path: '$prefix'";;
esac
prefix=${prefix%/}
destdir=${DESTDIR:-}
if [ -n "$destdir" ]; then
	destdir=$(cd "${KLP_FROM:-.}" && realpath -m -- "$destdir")
	[ "$destdir" != / ] || destdir=
fi
root=$destdir
list=

# uninstall_list FILE: remove the files of FILE, then the directories it
# names that are empty, deepest first.
uninstall_list()
{
	local kind path left=()

	while read -r kind path; do
		[ "$kind" = f ] || continue
		if [ -e "$root$path" ] || [ -L "$root$path" ]; then
			rm -f -- "$root$path"
			echo "  RM      $path"
		fi
	done <"$1"
	while read -r kind path; do
		[ "$kind" = d ] || continue
		[ -d "$root$path" ] || continue
		if rmdir -- "$root$path" 2>/dev/null; then
			echo "  RMDIR   $path"
		else
			left+=("$path")
		fi
	done < <(tac "$1")
	[ ${#left[@]} -eq 0 ] ||
		echo "klp-state: left, holding files of others: ${left[*]}" >&2
}

# mkdirs DIR: create DIR (absolute, without DESTDIR) and its missing
# parents, each recorded in the list.
mkdirs()
{
	local d=$1 missing=()

	while [ "$d" != / ] && [ ! -d "$root$d" ]; do
		missing=("$d" "${missing[@]}")
		d=$(dirname "$d")
	done
	for d in "${missing[@]}"; do
		mkdir -- "$root$d"
		echo "d $d" >>"$list"
	done
}

# put SRC DEST MODE [FILTER...]: install SRC as PREFIX/DEST, through the
# sed FILTER if given.
put()
{
	local src=$1 dest=$prefix/$2 mode=$3

	shift 3
	mkdirs "$(dirname "$dest")"
	echo "f $dest" >>"$list"
	if [ $# -gt 0 ]; then
		sed "$@" "$src" >"$root$dest"
		chmod "$mode" "$root$dest"
	else
		install -m "$mode" -- "$src" "$root$dest"
	fi
	echo "  INSTALL $dest"
}

# undo: the EXIT trap of install.
undo()
{
	local rc=$?

	[ $rc -eq 0 ] || uninstall_list "$list" >/dev/null
	rm -f "$list"
	exit $rc
}

do_install()
{
	local f

	list=$(mktemp)
	if [ -f "$root$prefix/$manifest" ]; then
		echo "klp-state: replacing the install in $root$prefix"
		# The manifest goes with the files it lists: read it from a copy.
		cp -- "$root$prefix/$manifest" "$list"
		uninstall_list "$list"
		: >"$list"
	fi
	[ -z "$root" ] || mkdir -p -- "$root"
	# An install that fails half-way takes back what it did.
	trap undo EXIT

	for f in "$top"/include/klp/*.h; do
		put "$f" "src/klp-state/include/klp/${f##*/}" 0644
	done
	put "$top/klp-state.kbuild" src/klp-state/klp-state.kbuild 0644
	put "$top/tools/klp-state/klp_state_view.c" \
		src/klp-state/tools/klp-state/klp_state_view.c 0644
	put "$top/tools/klp-state/Kbuild" src/klp-state/tools/klp-state/Kbuild 0644
	put "$top/tools/klp-state/klp-state" bin/klp-state 0755
	for f in "$top"/cocci/*.cocci "$top"/cocci/*.py; do
		put "$f" "share/klp-state/cocci/${f##*/}" 0644
	done
	put "$top/cocci/klp-migrate" share/klp-state/cocci/klp-migrate 0755 \
		-e '1s|^#!/usr/bin/env python3$|#!/usr/bin/python3|'
	put "$top/scripts/klp-migrate.sh" bin/klp-migrate 0755
	put "$top/Documentation/man/klp-migrate.1" share/man/man1/klp-migrate.1 0644
	put "$top/Documentation/man/klp-state.1" share/man/man1/klp-state.1 0644
	mkdirs "$(dirname "$prefix/$manifest")"
	echo "f $prefix/$manifest" >>"$list"
	install -m 0644 -- "$list" "$root$prefix/$manifest"
	echo "  INSTALL $prefix/$manifest"
}

do_uninstall()
{
	[ -f "$root$prefix/$manifest" ] ||
		die "nothing to uninstall: no $root$prefix/$manifest (installed with another PREFIX or DESTDIR?)"
	# The manifest goes with the files it lists: read it from a copy.
	list=$(mktemp)
	trap 'rm -f "$list"' EXIT
	cp -- "$root$prefix/$manifest" "$list"
	uninstall_list "$list"
}

case ${1:-} in
install) do_install;;
uninstall) do_uninstall;;
*) die "usage: install.sh install|uninstall";;
esac
