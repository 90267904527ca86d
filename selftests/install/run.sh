#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh: make install and make uninstall, on the host (make check-install).
#
# Installs into a scratch DESTDIR with the default PREFIX, checks what
# went where against the manifest, builds samples/*.c against the
# installed header only (with Debian's stock headers of each kernel in
# /usr/src), runs the installed klp-migrate on the inputs of cocci/tests
# and compares with the checkout's results and with make migrate, then
# uninstalls and checks that nothing is left.  Prints KTAP and "N passed,
# N failed, N skipped" (or adds to $KLP_TOTALS).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/selftests/kernels/common.sh"

. "$here/../lib/ktap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
dest=$tmp/root
prefix=/usr/local
inst=$dest$prefix

# mk DIR ARGS...: make ARGS started in DIR, without the variables of a make
# that may be running this suite.
mk()
{
	local dir=$1

	shift
	(cd "$dir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
		-u PREFIX -u DESTDIR -u SRC -u MODE -u JOBS -u STATE_ID \
		timeout -k 5 600 make --no-print-directory "$@") >"$out" 2>&1
}

# listed: the files and directories under DESTDIR, as the manifest names
# them ("f PATH", "d PATH"), sorted.
listed()
{
	(cd "$dest" && find . -mindepth 1 \( -type d -printf 'd %P\n' \) -o -printf 'f %P\n') |
		sed 's| | /|' | LC_ALL=C sort
}

tree_state()
{
	git -C "$top" status --porcelain --untracked-files=all 2>/dev/null || true
}

install_tree()
{
	local rc=0 why='' f

	mk "$top" install DESTDIR="$dest" || rc=$?
	[ $rc -eq 0 ] || why="$why; exit status $rc"
	for f in src/klp-state/include/klp/state.h src/klp-state/include/klp/state-compat.h \
		 src/klp-state/include/klp/version.h src/klp-state/klp-state.kbuild \
		 bin/klp-migrate share/klp-state/cocci/klp-migrate share/man/man1/klp-migrate.1 \
		 bin/klp-state src/klp-state/tools/klp-state/klp_state_view.c \
		 src/klp-state/tools/klp-state/Kbuild share/man/man1/klp-state.1 \
		 share/klp-state/manifest; do
		[ -f "$inst/$f" ] || why="$why; no $prefix/$f"
	done
	for f in "$top"/cocci/*.cocci; do
		[ -f "$inst/share/klp-state/cocci/${f##*/}" ] ||
			why="$why; no $prefix/share/klp-state/cocci/${f##*/}"
	done
	for f in "$top"/include/klp/*.h; do
		cmp -s "$f" "$inst/src/klp-state/include/klp/${f##*/}" ||
			why="$why; $prefix/src/klp-state/include/klp/${f##*/} differs from include/klp/"
	done
	[ -x "$inst/bin/klp-migrate" ] || why="$why; bin/klp-migrate not executable"
	[ -x "$inst/bin/klp-state" ] || why="$why; bin/klp-state not executable"
	[ ! -e "$inst/include" ] && [ ! -e "$dest/usr/include" ] ||
		why="$why; something in an include/ of the system"
	result "$why" "make install DESTDIR=... puts headers, Kbuild fragment, klp-migrate, scripts and man page under $prefix"

	why=''
	listed >"$tmp/found"
	LC_ALL=C sort "$inst/share/klp-state/manifest" >"$tmp/manifest"
	# The manifest names what the install created; the DESTDIR itself is ours.
	diff -u "$tmp/manifest" "$tmp/found" >"$out" || why="the manifest is not what is under DESTDIR"
	result "$why" "the manifest lists every file and directory the install made, and nothing else"

	why=''
	mk "$top" install DESTDIR="$dest" || why="$why; exit status of the second install"
	listed >"$tmp/again"
	cmp -s "$tmp/found" "$tmp/again" || why="$why; the second install left another tree"
	cmp -s "$tmp/manifest" <(LC_ALL=C sort "$inst/share/klp-state/manifest") ||
		why="$why; the second install wrote another manifest"
	result "$why" "make install over an install replaces it, file for file"
}

versions()
{
	local why='' maj min pat str ch deb man man2

	read -r maj min pat < <(for v in MAJOR MINOR PATCH; do
		sed -n "s/^#define KLP_STATE_VERSION_${v}[[:space:]]*\([0-9]*\)$/\1/p" \
			"$inst/src/klp-state/include/klp/version.h"; done | paste -sd ' ')
	str=$(sed -n 's/^#define KLP_STATE_VERSION_STRING[[:space:]]*"\(.*\)"$/\1/p' \
		"$inst/src/klp-state/include/klp/version.h")
	ch=$(sed -n 's/^\([0-9][0-9.]*\) (.*)$/\1/p' "$top/CHANGELOG" | head -n 1)
	deb=$(sed -n '1s/^klp-state (\([^)]*\)).*/\1/p' "$top/debian/changelog" 2>/dev/null)
	man=$(sed -n 's/^\.TH .* "klp-state \([^"]*\)".*/\1/p' "$inst/share/man/man1/klp-migrate.1")
	man2=$(sed -n 's/^\.TH .* "klp-state \([^"]*\)".*/\1/p' "$inst/share/man/man1/klp-state.1")
	: >"$out"
	[ "$maj.$min.$pat" = "$str" ] || why="$why; numbers $maj.$min.$pat, string $str"
	[ "$ch" = "$str" ] || why="$why; CHANGELOG's newest release is '$ch'"
	[ "$deb" = "$str" ] || why="$why; debian/changelog says '$deb'"
	[ "$man" = "$str" ] || why="$why; klp-migrate.1 says '$man'"
	[ "$man2" = "$str" ] || why="$why; klp-state.1 says '$man2'"
	result "$why" "version.h $str: its numbers, CHANGELOG, debian/changelog, klp-migrate.1 and klp-state.1 agree"
}

# view KDIR DIR: the installed klp_state_view.ko source builds where it
# is installed, from a copy, against KDIR
view()
{
	local kdir=$1 b=$tmp/view-${1##*/} why='' rc=0

	rm -rf "$b" && cp -r "$2/src/klp-state/tools/klp-state" "$b"
	sed -i "s|\$(src)/../../include|$2/src/klp-state/include|" "$b/Kbuild"
	(unset KLP_INCLUDE CPATH C_INCLUDE_PATH
	 timeout -k 5 600 make -C "$kdir" M="$b" W=1 modules) >"$out" 2>&1 || rc=$?
	[ $rc -eq 0 ] || why="$why; exit status $rc"
	! grep -qE 'warning:|error:' "$out" || why="$why; warnings or errors"
	[ -f "$b/klp_state_view.ko" ] || why="$why; no klp_state_view.ko"
	result "$why" "${kdir##*/}: the installed klp_state_view.c builds with W=1"
}

# samples KDIR DIR WHAT: samples/*.c, copied alone, built with the Kbuild
# fragment of DIR/src/klp-state (PREFIX as installed) and nothing of the
# checkout on the include path.
samples()
{
	local kdir=$1 inst=$2 what=$3 b=$tmp/build-${1##*/} why='' rc=0

	rm -rf "$b" && mkdir -p "$b"
	cp "$top"/samples/*.c "$b"/
	{
		echo "include $inst/src/klp-state/klp-state.kbuild"
		grep '^obj-m' "$top/samples/Kbuild"
	} >"$b/Kbuild"
	(unset KLP_INCLUDE CPATH C_INCLUDE_PATH
	 timeout -k 5 600 make -C "$kdir" M="$b" W=1 modules) >"$out" 2>&1 || rc=$?
	[ $rc -eq 0 ] || why="$why; exit status $rc"
	! grep -qE 'warning:|error:' "$out" || why="$why; warnings or errors"
	[ "$(find "$b" -maxdepth 1 -name '*.ko' | wc -l)" -eq "$(grep -o '[^ ]*\.o' "$b/Kbuild" | wc -l)" ] ||
		why="$why; not every module was built"
	# What the compiler read, as kbuild recorded it.
	cat "$b"/.*.o.cmd >"$tmp/cmds" 2>/dev/null
	grep -qF -- "-I$inst/src/klp-state/include" "$tmp/cmds" ||
		why="$why; the installed include/ is not on the command line"
	grep -qF "$inst/src/klp-state/include/klp/state.h" "$tmp/cmds" ||
		why="$why; the installed state.h was not read"
	! grep -qF "$top/" "$tmp/cmds" || why="$why; a file of the checkout was used"
	result "$why" "${kdir##*/}: samples/*.c build with W=1 against $what only"
}

help_man()
{
	local why='' rc=0

	PATH=$inst/bin:$PATH klp-migrate --help >"$out" 2>&1 || rc=$?
	[ $rc -eq 0 ] || why="$why; exit status $rc"
	head -n 1 "$out" | grep -q '^usage: klp-migrate ' || why="$why; no usage line"
	grep -q -- '--mode {patch,report}' "$out" || why="$why; no --mode"
	result "$why" "the installed klp-migrate --help"

	if ! command -v man >/dev/null; then
		skip "klp-migrate.1 renders without a warning" "man missing (package man-db)"
		return
	fi
	why=''
	LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
		man --warnings -E UTF-8 -l "$inst/share/man/man1/klp-migrate.1" 2>"$out" >"$tmp/man" ||
		why="man failed"
	[ ! -s "$out" ] || why="$why; warnings"
	grep -q 'klp-migrate - convert livepatch sources' "$tmp/man" || why="$why; no NAME line"
	result "$why" "klp-migrate.1 renders without a warning"
	why=''
	LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
		man --warnings -E UTF-8 -l "$inst/share/man/man1/klp-state.1" 2>"$out" >"$tmp/man" ||
		why="man failed"
	[ ! -s "$out" ] || why="$why; warnings"
	grep -q 'klp-state - list the livepatches' "$tmp/man" || why="$why; no NAME line"
	result "$why" "klp-state.1 renders without a warning"
}

# The inputs of cocci/tests, as the cocci suite converts them.
inputs()
{
	local d=$1 f

	mkdir -p "$d"
	for f in "$top"/cocci/tests/*; do
		case $f in *.res | *.report | *.args) continue;; esac
		cp -r "$f" "$d/"
	done
}

# migrate_cases KLP_MIGRATE WHAT: each migrate_ case of cocci/tests, as
# cocci/run-tests runs it, against its .res and .report.
migrate_cases()
{
	local bin=$1 why='' c in src args

	if ! command -v "${SPATCH:-spatch}" >/dev/null; then
		skip "$2 gives cocci/tests/migrate_*.res and .report" "spatch missing (package coccinelle)"
		return
	fi
	: >"$out"
	for c in "$top"/cocci/tests/migrate_*; do
		case $c in *.res | *.report | *.args) continue;; esac
		in=$c src=${c##*/}
		rm -rf "$tmp/m" && mkdir -p "$tmp/m" && cp -r "$in" "$tmp/m/"
		c=${src%.c}
		args=
		[ ! -f "$top/cocci/tests/$c.args" ] || args=$(cat "$top/cocci/tests/$c.args")
		# shellcheck disable=SC2086
		(cd "$tmp/m" && "$bin" --jobs 2 $args "$src"; echo "exit $?") 2>>"$out" |
			grep -v '^time: ' >"$tmp/report"
		diff -ru "$top/cocci/tests/$c.res" "$tmp/m/$src" >>"$out" || why="$why $c"
		diff -u "$top/cocci/tests/$c.report" "$tmp/report" >>"$out" || why="$why $c.report"
	done
	result "${why:+differs:$why}" "$2 gives cocci/tests/migrate_*.res and .report"
}

# Every input of cocci/tests at once, next to make migrate of the checkout.
migrate()
{
	local why='' r1 r2

	migrate_cases "$inst/bin/klp-migrate" "the installed klp-migrate"
	if ! command -v "${SPATCH:-spatch}" >/dev/null; then
		skip "the installed klp-migrate converts as make migrate does" "spatch missing"
		return
	fi
	rm -rf "$tmp/a" "$tmp/b"
	inputs "$tmp/a/in" && inputs "$tmp/b/in"
	r1=0 r2=0
	mk "$tmp/a" -C "$top" migrate SRC=in JOBS=2 || r1=$?
	# Not the time, nor the progress lines, in the order files finished.
	grep -v -e '^time: ' -e '^\[[0-9]*/[0-9]*\] ' -e '^make\(\[[0-9]*\]\)\?: ' "$out" >"$tmp/make.out"
	(cd "$tmp/b" && "$inst/bin/klp-migrate" --jobs 2 in) >"$out" 2>&1 || r2=$?
	grep -v -e '^time: ' -e '^\[[0-9]*/[0-9]*\] ' "$out" >"$tmp/inst.out"
	[ $((r1 == 0)) -eq $((r2 == 0)) ] || why="$why; make migrate exit $r1, klp-migrate exit $r2"
	diff -ru "$tmp/a/in" "$tmp/b/in" >"$out" || why="$why; the converted trees differ"
	diff -u "$tmp/make.out" "$tmp/inst.out" >>"$out" || why="$why; the reports differ"
	grep -q '^converted ' "$tmp/inst.out" || why="$why; nothing converted"
	result "$why" "the installed klp-migrate converts cocci/tests as make migrate does ($(grep -c '^converted ' "$tmp/inst.out") converted)"
}

uninstall()
{
	local why='' rc=0

	mk "$top" uninstall DESTDIR="$dest" || rc=$?
	[ $rc -eq 0 ] || why="$why; exit status $rc"
	find "$dest" -mindepth 1 >"$out"
	[ ! -s "$out" ] || why="$why; left under DESTDIR"
	result "$why" "make uninstall DESTDIR=... leaves DESTDIR empty"

	# A file of someone else's keeps its directories; a relative DESTDIR
	# is taken from where make was typed.
	why=''
	mk "$tmp" -C "$top" install DESTDIR=root || why="$why; install failed"
	[ -f "$inst/share/klp-state/manifest" ] || why="$why; relative DESTDIR not taken from the caller's directory"
	echo '#!/bin/sh' >"$inst/bin/other-tool"
	mk "$tmp" -C "$top" uninstall DESTDIR=root || why="$why; uninstall failed"
	(cd "$dest" && find . -mindepth 1 | LC_ALL=C sort) >"$out"
	printf '%s\n' ./usr ./usr/local ./usr/local/bin ./usr/local/bin/other-tool |
		cmp -s - "$out" || why="$why; not exactly the other file and its directories left"
	result "$why" "make -C checkout uninstall DESTDIR=root keeps another's file in bin/"
	rm -rf "$dest"

	why='' rc=0
	mk "$top" uninstall DESTDIR="$dest" || rc=$?
	[ $rc -ne 0 ] || why="exit status 0"
	grep -qF "klp-state: nothing to uninstall: no $inst/share/klp-state/manifest" "$out" ||
		why="$why; no message naming the manifest"
	result "$why" "make uninstall with nothing installed fails, naming the manifest"

	why='' rc=0
	mk "$top" install DESTDIR="$dest" PREFIX=usr/local || rc=$?
	[ $rc -ne 0 ] || why="exit status 0"
	grep -qF "PREFIX: not an absolute path: 'usr/local'" "$out" || why="$why; no message"
	[ ! -e "$dest" ] || why="$why; installed something"
	result "$why" "make install PREFIX=usr/local is refused"
}

# packages: make deb into a scratch DEB_OUT; the packages unpacked into a
# fresh root hold what make install installs, and work from there.
packages()
{
	local why='' rc=0 debs=$tmp/deb root=$tmp/debroot ver p d f kver kdir field

	for p in dpkg-buildpackage dh lintian sphinx-build; do
		command -v "$p" >/dev/null && continue
		skip "make deb and the packages" "$p missing (make deps installs it)"
		return
	done
	ver=$(sed -n '1s/^klp-state (\([^)]*\)).*/\1/p' "$top/debian/changelog")
	mk "$top" deb DEB_OUT="$debs" || rc=$?
	[ $rc -eq 0 ] || why="$why; exit status $rc"
	for p in klp-state-dev klp-state-migrate klp-state-doc linux-patch-klp-state; do
		[ -f "$debs/${p}_${ver}_all.deb" ] || why="$why; no ${p}_${ver}_all.deb"
	done
	grep -q '^klp-state: lintian: no error, no warning$' "$out" || why="$why; lintian not clean"
	result "$why" "make deb DEB_OUT=...: the four packages of $ver, lintian without an error or a warning"
	[ -z "$why" ] || return

	# klp-state-dev and klp-state-migrate hold what make install PREFIX=/usr
	# installs, but the manifest; dpkg compresses the man page.
	why=''
	mkdir -p "$tmp/pkg" "$root"
	for p in klp-state-dev klp-state-migrate; do
		dpkg-deb -x "$debs/${p}_${ver}_all.deb" "$tmp/pkg"
	done
	rm -rf "$tmp/pkg/usr/share/doc"
	gunzip "$tmp/pkg/usr/share/man/man1/klp-migrate.1.gz" "$tmp/pkg/usr/share/man/man1/klp-state.1.gz"
	mk "$top" install DESTDIR="$tmp/usr-root" PREFIX=/usr || why="make install PREFIX=/usr failed"
	rm -f "$tmp/usr-root/usr/share/klp-state/manifest"
	diff -r "$tmp/usr-root" "$tmp/pkg" >>"$out" || why="$why; the packages differ from make install"
	result "$why" "klp-state-dev and klp-state-migrate hold what make install PREFIX=/usr installs"

	for d in "$debs"/*_"$ver"_all.deb; do
		dpkg-deb -x "$d" "$root"
	done
	for kdir in $kdirs; do
		samples "$kdir" "$root/usr" "the header of klp-state-dev (unpacked)"
	done
	migrate_cases "$root/usr/bin/klp-migrate" "klp-migrate of klp-state-migrate, unpacked,"

	# Each series under /usr/src/kernel-patches/all/<kver>/, its patches
	# those of backports/ with three DEP-3 fields more.
	why=''
	: >"$out"
	for d in "$top"/backports/*/; do
		kver=$(basename "$d")
		p=$root/usr/src/kernel-patches/all/$kver
		[ -x "$p/apply/klp-state" ] && [ -x "$p/unpatch/klp-state" ] ||
			why="$why; $kver: no apply or unpatch script"
		cmp -s "$d/series" "$p/klp-state/series" || why="$why; $kver: series differs"
		while read -r f; do
			for field in Origin Forwarded Last-Update; do
				sed -n '1,/^$/p' "$p/klp-state/$f" | grep -q "^$field: ." ||
					why="$why; $kver/$f: no $field"
			done
			sed '1,/^$/{/^\(Origin\|Forwarded\|Last-Update\): /d}' "$p/klp-state/$f" |
				cmp -s - "$d/$f" || why="$why; $kver/$f: more changed than the DEP-3 fields"
		done < <(series_patches "$d")
	done
	result "$why" "linux-patch-klp-state: each series of backports/, each patch with DEP-3 fields, apply and unpatch"

	# apply and unpatch on Debian's sources, where make check has them.
	for d in "$top"/backports/*/; do
		kver=$(basename "$d")
		p=$root/usr/src/kernel-patches/all/$kver
		if [ ! -f "$KLP_CACHE/pristine/$kver.stamp" ]; then
			skip "linux-patch-klp-state: apply/klp-state and unpatch/klp-state on linux-source-$kver" \
				"no extracted linux-source-$kver in KLP_CACHE (make check-backports extracts it)"
			continue
		fi
		why=''
		rm -rf "$tmp/linux" && cp -al "$KLP_CACHE/pristine/$kver" "$tmp/linux"
		(cd "$tmp/linux" && "$p/apply/klp-state") >"$out" 2>&1 || why="$why; apply failed"
		[ "$(grep -c '^applied ' "$out")" -eq "$(series_patches "$d" | wc -l)" ] ||
			why="$why; not every patch applied"
		grep -q KLP_HAVE_STATE_CALLBACKS "$tmp/linux/include/linux/livepatch.h" ||
			why="$why; no KLP_HAVE_STATE_CALLBACKS after apply"
		(cd "$tmp/linux" && "$p/apply/klp-state") >>"$out" 2>&1 && why="$why; a second apply did not fail"
		(cd "$tmp/linux" && "$p/unpatch/klp-state") >>"$out" 2>&1 || why="$why; unpatch failed"
		# The files the series touches are as they came.
		while read -r f; do
			if [ -e "$KLP_CACHE/pristine/$kver/$f" ]; then
				cmp -s "$KLP_CACHE/pristine/$kver/$f" "$tmp/linux/$f" || why="$why; $f changed"
			else
				[ ! -e "$tmp/linux/$f" ] || why="$why; $f left"
			fi
		done < <(sed -n 's|^diff --git a/\([^ ]*\) b/.*|\1|p' "$p"/klp-state/*.patch | sort -u)
		rm -rf "$tmp/linux"
		result "$why" "linux-patch-klp-state: apply/klp-state and unpatch/klp-state on linux-source-$kver"
	done

	why=''
	: >"$out"
	f=$(sed -n 's/^Index: //p' "$root/usr/share/doc-base/klp-state-doc.klp-state")
	[ -f "$root$f" ] || why="$why; doc-base Index $f missing"
	for d in "$top"/Documentation/*.rst; do
		d=${d##*/}
		[ -f "$root/usr/share/doc/klp-state-doc/html/${d%.rst}.html" ] || why="$why; no ${d%.rst}.html"
	done
	result "$why" "klp-state-doc: a page per Documentation/*.rst, registered with doc-base"
}

echo "KTAP version 1"
echo "# suite: install (make install into a scratch DESTDIR, PREFIX=$prefix;" \
     "$("${SPATCH:-spatch}" --version 2>/dev/null | head -n 1 || echo 'no spatch'))"
before=$(tree_state)
install_tree
versions
kdirs=$("$top/selftests/kernels/stock-kdir.sh")
for kdir in $kdirs; do
	samples "$kdir" "$inst" "the installed header"
	view "$kdir" "$inst"
done
[ -n "$kdirs" ] ||
	skip "samples build against the installed header" "no stock headers (selftests/kernels/stock-kdir.sh)"
help_man
migrate
uninstall
packages
: >"$out"
result "$([ "$(tree_state)" = "$before" ] || echo 'the checkout changed')" "the checkout is as it was"
ktap_end
