#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh [--rst]: static checks of the header and the code built on it,
# against the headers of each stock kernel: W=1 and sparse (C=2) builds
# without a warning, checkpatch, kernel-doc, and the .text the compat
# engine adds, the warning of an untested kernel version (on a copy of
# the header tree with another version.h); first, every .rst file of the
# tree through docutils.
# Prints KTAP and "N passed, N failed" (or adds to $KLP_TOTALS).  --rst
# runs the .rst checks only, which need no kernel.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/selftests/kernels/common.sh"
kvers=${KVERS:-6.1 6.12}
work=$KLP_CACHE/lint
# The builds go through ccache, against the copy of include/ named by its
# content (build_env): an unchanged header compiles from the cache, and
# the warnings ccache replays still fail the check.  Reports name the
# copy as include/.
build_env "$top"
inc=$KLP_INCLUDE
. "$here/../lib/ktap.sh"
# a failure shows what its check wrote, all of it, the copy named include/
out=$work/out
KTAP_DIAG_LINES=100000
KTAP_DIAG_SED="s|$inc/|include/|g"

# checkpatch and kernel-doc come with the kernel sources.
scripts_of()
{
	local dst=$work/scripts-$1

	if [ ! -x "$dst/scripts/kernel-doc" ]; then
		mkdir -p "$dst"
		tar -xJf "/usr/src/linux-source-$1.tar.xz" -C "$dst" \
			--strip-components=1 \
			"linux-source-$1/scripts/checkpatch.pl" \
			"linux-source-$1/scripts/spelling.txt" \
			"linux-source-$1/scripts/const_structs.checkpatch" \
			"linux-source-$1/scripts/kernel-doc"
	fi
	echo "$dst/scripts"
}

# build KDIR FLAGS...: every module C file of the project, no warning allowed
# sparse KDIR: sparse (C=2) over the same files; the objects of the W=1
# build are up to date, so make runs the checker alone
build()
{
	local kdir=$1 b=$work/build

	shift
	rm -rf "$b" && mkdir -p "$b"
	cp "$top"/selftests/state/*.[ch] "$top"/samples/*.c "$b"/
	{
		echo 'ccflags-y += -I$(KLP_INCLUDE)'
		for f in "$b"/*.c; do
			case $f in *_split*_*) continue;; esac
			grep -q '^module_init' "$f" || grep -q '#include "' "$f" ||
				continue
			echo "obj-m += $(basename "${f%.c}").o"
		done
		# the livepatches built from two files, as the suite builds them
		grep _split "$top/selftests/state/Kbuild"
	} >"$b/Kbuild"
	make -C "$kdir" M="$b" KLP_INCLUDE="$inc" "$@" modules \
		>"$work/out" 2>&1 || return 1
	! grep -E 'warning:|error:' "$work/out"
}

sparse()
{
	make -C "$1" M="$work/build" KLP_INCLUDE="$inc" W=1 C=2 modules \
		>"$work/out" 2>&1 || return 1
	grep -q '^  CHECK ' "$work/out" && ! grep -E 'warning:|error:' "$work/out"
}

# must_fail KDIR: each selftests/state/bad/*.c fails the build with the
# sentence of its "expect:" line; states-max.c, at the limit, builds.
must_fail()
{
	local kdir=$1 b=$work/bad f name expect

	for f in "$top"/selftests/state/bad/*.c; do
		name=$(basename "${f%.c}")
		expect=$(sed -n 's|^/\* expect: \(.*\) \*/$|\1|p' "$f")
		rm -rf "$b" && mkdir -p "$b"
		cp "$f" "$b"/
		printf 'ccflags-y += -I%s\nobj-m += %s.o\n' "$inc" "$name" >"$b/Kbuild"
		! make -C "$kdir" M="$b" modules >"$work/out" 2>&1 &&
			[ -n "$expect" ] &&
			grep -F -- "$expect" "$work/out" | grep -q 'error: static assertion failed: "'
		result $? "$k: bad/$name.c fails the build with \"$expect\""
	done
	rm -rf "$b" && mkdir -p "$b"
	cp "$here/states-max.c" "$b"/
	printf 'ccflags-y += -I%s\nobj-m += states-max.o\n' "$inc" >"$b/Kbuild"
	make -C "$kdir" M="$b" W=1 modules >"$work/out" 2>&1 &&
		! grep -E 'warning:|error:' "$work/out"
	result $? "$k: KLP_STATES() with KLP_STATE_MAX_STATES states builds"
}

# sizes_of KO: the bytes of code that stays once the module is loaded
# (every .text section, .ref.text and .exit.text), of init code (freed
# after the module's init) and of static data (.data and .bss sections)
sizes_of()
{
	size -A "$1" | awk '$1 ~ /^\.(text|ref\.text|exit\.text)/ { t += $2 }
		$1 == ".init.text" { i += $2 }
		$1 ~ /^\.(data|bss)/ { d += $2 } END { print t + 0, i + 0, d + 0 }'
}

# size_probes KDIR: what the compat engine adds to a livepatch of one
# file and to one of two, against the same modules without the header.
# Budgets, however many files: 6 KiB of code that stays, 2 KiB of static
# data.  The enable's code is init code, reported.  Two files: one
# engine, so no more than the one-file livepatch plus the three
# functions the other file calls (1 KiB) and the same data.
size_probes()
{
	local b=$work/size w files code0 init0 data0 code1 init1 data1 name stamp
	local -A code init data

	rm -rf "$b" && mkdir -p "$b"
	for w in 0 1; do
		sed "s/WITH_STATE/$w/; s/TWO_FILES/0/" "$here/size-probe.c" >"$b/one$w.c"
		sed "s/WITH_STATE/$w/; s/TWO_FILES/1/" "$here/size-probe.c" >"$b/two${w}_main.c"
		sed "s/WITH_STATE/$w/" "$here/size-probe-states.c" >"$b/two${w}_states.c"
		printf 'obj-m += one%s.o two%s.o
two%s-y := two%s_main.o two%s_states.o
' \
			$w $w $w $w $w
	done >"$b/Kbuild"
	sed -i "1i ccflags-y += -I$inc" "$b/Kbuild"
	if ! make -C "$1" M="$b" modules >"$work/out" 2>&1; then
		result 1 "$k: size probes build"
		return
	fi
	! grep -E 'warning|mismatch' "$work/out"
	result $? "$k: size probes build without a warning"
	stamp="$(sed -n 's/^#define KLP_STATE_VERSION_STRING[[:space:]]*"\(.*\)"$/\1/p' \
		"$inc/klp/version.h") compat protocol 3"
	for files in one two; do
		read -r code0 init0 data0 < <(sizes_of "$b/${files}0.ko")
		read -r code1 init1 data1 < <(sizes_of "$b/${files}1.ko")
		name="$k: $files-file livepatch"
		echo "# $name: code $code0 B without the header, $code1 B with a compat state (+$((code1 - code0)) B); init code $init0 B, $init1 B (+$((init1 - init0)) B); static data $data0 B, $data1 B (+$((data1 - data0)) B)" >"$work/out"
		cat "$work/out"
		code[$files]=$((code1 - code0)) init[$files]=$((init1 - init0))
		data[$files]=$((data1 - data0))
	done
	[ "${code[one]}" -le 6144 ] && [ "${code[two]}" -le 6144 ]
	result $? "$k: the compat engine adds at most 6 KiB of code that stays (one file: ${code[one]} B, two: ${code[two]} B)"
	[ "${data[one]}" -le 2048 ] && [ "${data[two]}" -le 2048 ]
	result $? "$k: the compat engine adds at most 2 KiB of static data (one file: ${data[one]} B, two: ${data[two]} B)"
	[ "$(nm "$b/two1.ko" | grep -c ' __klp_state_engine$')" = 1 ] &&
		[ "${code[two]}" -le $((code[one] + 1024)) ] &&
		[ "${init[two]}" -le $((init[one] + 64)) ] &&
		[ "${data[two]}" -le $((data[one] + 64)) ]
	result $? "$k: two-file livepatch: one engine, its code and tables once"
	[ "$(modinfo -F klp_state "$b/one1.ko")" = "$stamp" ] &&
		[ "$(modinfo -F klp_state "$b/two1.ko")" = "$stamp" ] &&
		[ -z "$(modinfo -F klp_state "$b/one0.ko")" ]
	result $? "$k: modinfo shows the stamp \"$stamp\" once per livepatch"
}

# The tree's .rst files, warnings included: docutils with the Sphinx
# constructs of Documentation/ known to rst-check.
rst()
{
	local f

	# The check must be strict enough to refuse what docutils only warns about.
	printf '=====\nA title\n=====\n\nText.\n' >"$work/short.rst"
	! "$here/rst-check" "$work/short.rst" >"$work/out" 2>&1 &&
		grep -q 'Title overline too short' "$work/out"
	result $? "rst: a title overline shorter than its title is refused"
	while read -r f; do
		"$here/rst-check" "$f" >"$work/out" 2>&1
		result $? "rst: ${f#"$top"/} is clean reStructuredText"
	done < <(find "$top" -name .git -prune -o -name '*.rst' -print | LC_ALL=C sort)
}

# reference KERNEL_DOC: Documentation/reference.rst renders state.h's
# public items, each one, and none of the engine's internals.
reference()
{
	local kdoc=$1 f id out rendered=$work/reference.rst
	local internal='klp_state_compat KLP_STATE_VERSION_MARK'

	: >"$rendered"
	python3 - "$top/Documentation/reference.rst" >"$work/ids" <<-'PY'
	import re, sys
	# "FILE NAME" per identifier, "FILE *" for a directive without any
	src, ids, named = None, False, False
	for line in list(open(sys.argv[1])) + ["\n"]:
	    m = re.match(r"\.\. kernel-doc:: (\S+)", line)
	    if m or (src and not line.strip()):
	        if src and not named:
	            print(src, "*")
	        src, ids, named = m.group(1) if m else None, False, False
	        continue
	    m = re.match(r"\s+:identifiers:(.*)", line)
	    if src and m:
	        ids = named = True
	        rest = m.group(1)
	    elif src and ids and re.match(r"\s+[^\s:]", line):
	        rest = line
	    else:
	        ids = False
	        continue
	    for name in rest.split():
	        print(src, name)
	PY
	out=0
	while read -r f id; do
		if [ "$id" = "*" ]; then
			"$kdoc" -rst "$top/$f" >>"$rendered" 2>&1
			continue
		fi
		"$kdoc" -rst -function "$id" "$top/$f" 2>&1 | tee -a "$rendered" |
			grep -qE "^\.\. c:(function|type|macro|struct)::.*\b$id\b" || {
			echo "$f: $id renders nothing"; out=1; }
	done <"$work/ids"
	grep -nE '__klp|klp_state_compat|KLP_STATE_VERSION_MARK' "$rendered" && out=1
	for id in $("$kdoc" -rst "$top/include/klp/state.h" 2>/dev/null |
		    sed -n '/^\.\. c:[a-z]*:: /{s///;s/ (.*//;s/.* //;p}' |
		    sort -u); do
		case " $internal " in *" $id "*) continue;; esac
		grep -q -e " $id\$" -e '^include/klp/state.h \*$' "$work/ids" || { echo "reference.rst: public $id is missing"; out=1; }
	done
	return $out
}

# migration_example KDIR: the before and after modules of
# Documentation/migration.rst, "Before and after", build and link against
# KDIR: modpost finds every symbol they use exported.
migration_example()
{
	local b=$work/migration

	rm -rf "$b" && mkdir -p "$b"
	python3 - "$top/Documentation/migration.rst" "$b" <<-'PY'
	import re, sys
	text = open(sys.argv[1]).read()
	text = text[text.index("\nBefore and after\n"):]
	blocks = re.findall(r"\.\. code-block:: c\n\n((?:   .*\n|\n)+)", text)[:2]
	for name, block in zip(("before", "after"), blocks):
	    lines = [l[3:] for l in block.rstrip("\n").split("\n")]
	    open(f"{sys.argv[2]}/{name}.c", "w").write("\n".join(lines) + "\n")
	PY
	[ -s "$b/before.c" ] && [ -s "$b/after.c" ] || return 1
	printf 'ccflags-y += -I%s\nobj-m += before.o after.o\n' "$inc" >"$b/Kbuild"
	make -C "$1" M="$b" modules >"$work/out" 2>&1 &&
		[ -f "$b/before.ko" ] && [ -f "$b/after.ko" ] &&
		! grep -E 'undefined|warning:|error:' "$work/out"
}

# fake_tree KDIR DIR MAJOR MINOR: a copy of the header tree KDIR at DIR
# whose version.h claims Linux MAJOR.MINOR.0, everything else the same
fake_tree()
{
	local kdir=$1 dir=$2 l

	rm -rf "$dir" && cp -a "$kdir" "$dir" || return 1
	for l in scripts tools; do
		ln -sfn "$(readlink -f "$kdir/$l")" "$dir/$l"
	done
	sed -i -e "s/^#define LINUX_VERSION_CODE .*/#define LINUX_VERSION_CODE $((($3 << 16) + ($4 << 8)))/" \
	       -e "s/^#define LINUX_VERSION_MAJOR .*/#define LINUX_VERSION_MAJOR $3/" \
	       -e "s/^#define LINUX_VERSION_PATCHLEVEL .*/#define LINUX_VERSION_PATCHLEVEL $4/" \
	       -e "s/^#define LINUX_VERSION_SUBLEVEL .*/#define LINUX_VERSION_SUBLEVEL 0/" \
		"$dir/include/generated/uapi/linux/version.h"
}

# mk_untested FLAGS KDIR: samples/livepatch-state-shadow.c built with FLAGS
mk_untested()
{
	local b=$work/untested

	rm -rf "$b" && mkdir -p "$b"
	cp "$top/samples/livepatch-state-shadow.c" "$b"/
	printf 'ccflags-y += -I%s %s\nobj-m += livepatch-state-shadow.o\n' \
		"$inc" "$1" >"$b/Kbuild"
	make -C "$2" M="$b" modules >"$work/out" 2>&1
}

# untested KDIR: a tree claiming a kernel the bed never boots builds
# samples/livepatch-state-shadow.c with one warning that names the tested
# kernels (those of KLP_VALID_KVERS), and none with KLP_STATE_ALLOW_UNTESTED;
# a 5.4 tree still fails with its error; KDIR itself builds without it.
untested()
{
	local kdir=$1 b=$work/untested fake=$work/fake-tree tested
	local warn='warning: #warning "klp/state.h: this kernel is untested, the tested ones are Linux'

	tested="$(echo "$KLP_VALID_KVERS" | sed 's/ / and /')"
	mk_untested "" "$kdir" && ! grep -q 'warning:' "$work/out"
	result $? "$k: the tested kernel builds without the untested-kernel warning"
	fake_tree "$kdir" "$fake" 7 3 &&
		mk_untested "" "$fake" &&
		[ "$(grep -c 'warning:' "$work/out")" = 1 ] &&
		grep -qF "$warn $tested; define KLP_STATE_ALLOW_UNTESTED" "$work/out" &&
		[ -f "$b/livepatch-state-shadow.ko" ]
	result $? "$k: a tree claiming 7.3 builds, warning that only $tested are tested"
	mk_untested -DKLP_STATE_ALLOW_UNTESTED "$fake" &&
		! grep -q 'warning:' "$work/out"
	result $? "$k: KLP_STATE_ALLOW_UNTESTED silences the warning on 7.3"
	fake_tree "$kdir" "$fake" 5 4 &&
		! mk_untested -DKLP_STATE_ALLOW_UNTESTED "$fake" &&
		grep -q 'error: #error "klp/state.h: needs Linux 5.5 or later' "$work/out"
	result $? "$k: a tree claiming 5.4 still fails with its error, opt-in or not"
	rm -rf "$fake" "$b"
}

mkdir -p "$work"
echo "KTAP version 1"
docutils=$(python3 -c 'import docutils; print(docutils.__version__)' 2>/dev/null || echo missing)
if [ "${1:-}" = --rst ]; then
	echo "# suite: lint rst (the .rst files of the tree, docutils $docutils)"
	rst
	ktap_end
	exit
fi
echo "# suite: lint (include/klp/state.h and the modules built on it, against the stock headers of" \
     "$(for k in $kvers; do stock_kdir "$k" | sed 's|.*/linux-headers-||'; done | paste -sd ' ')" \
     "and linux-source-6.12 $(dpkg-query -W -f '${Version}' linux-source-6.12 2>/dev/null)'s checkpatch;" \
     "the .rst files with docutils $docutils)"
rst
for k in $kvers; do
	check_kver "$k"
	release=$(stock_kdir "$k") || die "no stock headers for $k"

	build "$release" W=1
	result $? "$k: W=1 build without warnings"
	sparse "$release"
	result $? "$k: sparse (C=2) clean"

	must_fail "$release"

	size_probes "$release"

	untested "$release"

	migration_example "$release"
	result $? "$k: migration.rst's before and after modules build and link"
done

s=$(scripts_of 6.12)
# The header must gate on the kernel version it runs on: an out-of-tree
# file has no "version to which it is merged".
"$s/checkpatch.pl" --no-tree --quiet --ignore LINUX_VERSION_CODE -f "$top"/include/klp/*.h \
	"$top"/samples/*.c "$top"/selftests/state/*.[ch] "$top"/selftests/state/bad/*.c "$top"/selftests/lint/*.c \
	"$top"/selftests/bench/*.[ch] "$top"/selftests/harness/*/*.c "$top"/selftests/vm/*.c "$top"/selftests/migrate/*.c "$top"/tools/klp-state/*.c \
	>"$work/out" 2>&1
result $? "checkpatch --no-tree clean"
"$s/kernel-doc" -none -Wall "$top"/include/klp/*.h >"$work/out" 2>&1 &&
	[ ! -s "$work/out" ]
result $? "kernel-doc clean"
reference "$s/kernel-doc" >"$work/out" 2>&1
result $? "reference.rst renders the public API of state.h only"

ktap_end
