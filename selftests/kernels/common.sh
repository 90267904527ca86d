# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the test bed scripts (sourced, not executed).

: "${KLP_CACHE:=${HOME:-/root}/.cache/klp-state}"
export KLP_CACHE

KLP_VALID_KVERS="6.1 6.12"
KLP_VALID_FLAVORS="stock native debug"

die()  { echo "klp-state: error: $*" >&2; exit 1; }
warn() { echo "klp-state: warning: $*" >&2; }
log()  { echo "klp-state: $*" >&2; }

check_kver() {
	case " $KLP_VALID_KVERS " in
	*" $1 "*) ;;
	*) die "unknown KVER '$1' (valid: $KLP_VALID_KVERS)";;
	esac
}

check_flavor() {
	case " $KLP_VALID_FLAVORS " in
	*" $1 "*) ;;
	*) die "unknown FLAVOR '$1' (valid: $KLP_VALID_FLAVORS)";;
	esac
}

# flavor_suites FLAVOR SUITES...: the suites a VM of FLAVOR runs.  Debug
# kernels leave out the demo, whose code paths (per-task and per-module
# shadow variables, their removal with the state) the state suite drives
# there too, and end with a kmemleak scan of what the suites left.
# Native kernels run the bench after the state suite.
flavor_suites() {
	local flavor=$1 s out=

	shift
	for s in "$@"; do
		[ "$flavor:$s" = debug:demo ] || out="$out $s"
	done
	# with the state suite on native kernels, the bench at a small N,
	# for its self checks: the native core's shadow variable store
	if [ "$flavor" = native ] && [[ " $out " == *" state "* ]] &&
		[[ " $out " != *" bench "* ]]; then
		out="$out bench"
	fi
	[ "$flavor" != debug ] || out="$out kmemleak"
	echo "${out# }"
}

# group_smp SUITES...: the vCPUs of the VM that runs them.  The generated
# sequences of explore get two: they are the interleavings of contract
# 4b, transitions with the other CPU's tasks.  The suites get
# KLP_SUITE_SMP (default 1): with two, every livepatch transition waits
# a second for the other CPU's idle task (klp_try_complete_transition()
# tries again once a second), which made them 2 to 3 times as long.
group_smp() {
	case " $* " in
	*" explore "*) echo 2;;
	*) echo "${KLP_SUITE_SMP:-1}";;
	esac
}

# vm_groups SUITES...: the suites, a line per VM that runs them.  The
# generated sequences of explore boot a VM of their own: the state
# suite's forced transitions pin its test livepatches and keep their
# shadow variables for the rest of the boot.
vm_groups() {
	local s rest=

	for s in "$@"; do
		[ "$s" = explore ] || rest="$rest $s"
	done
	[ -z "$rest" ] || echo "${rest# }"
	case " $* " in *" explore "*) echo explore;; esac
}

# build_env TOP: module builds from here on go through ccache, whose cache
# the kernel builds fill too, and KLP_INCLUDE names a copy of TOP/include
# named by its content: the compiler, and so ccache, sees the same paths
# from every clone, where a fresh clone would miss on its own path.
build_env() {
	local top=$1 sum dst

	if [ -x /usr/lib/ccache/gcc ]; then
		case ":$PATH:" in
		*:/usr/lib/ccache:*) ;;
		*) PATH=/usr/lib/ccache:$PATH;;
		esac
		export PATH CCACHE_DIR=$KLP_CACHE/ccache
	fi
	sum=$(cd "$top/include" && find . -type f -print0 | LC_ALL=C sort -z |
		xargs -0 sha256sum | sha256sum)
	dst=$KLP_CACHE/include/${sum:0:16}
	if [ ! -d "$dst" ]; then
		mkdir -p "$KLP_CACHE/include"
		rm -rf "$dst.$$"
		cp -r "$top/include" "$dst.$$"
		# Another run may have made it meanwhile: same content.
		mv -T "$dst.$$" "$dst" 2>/dev/null || rm -rf "$dst.$$"
	fi
	export KLP_INCLUDE=$dst
}

stock_image_pkg() {
	case $1 in
	6.1) echo "linux-image-amd64";;
	*) echo "linux-image-$1-amd64";;
	esac
}

# stock_release KVER: the release (uname -r) of Debian's stock kernel of
# KVER that apt's lists offer now: what its meta-package depends on.
stock_release() {
	apt-cache depends "$(stock_image_pkg "$1")" 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*-amd64\)$/\1/p' |
		sort -V | tail -n1
}

# stock_fetch DIR PKG...: the .deb files of PKG into DIR, by apt-get
# download; once more after an apt-get update when the lists are stale.
stock_fetch() {
	local dir=$1

	shift
	(cd "$dir" && apt-get download -q -o APT::Sandbox::User=root "$@") >&2 && return 0
	[ "$(id -u)" -eq 0 ] || return 1
	log "apt-get download failed: updating apt's lists once"
	apt-get update -q >&2 || return 1
	(cd "$dir" && apt-get download -q -o APT::Sandbox::User=root "$@") >&2
}

# stock_tree KVER: prints $KLP_CACHE/stock/RELEASE, a root into which
# Debian's image, headers, common headers and kbuild packages of the stock
# kernel RELEASE of KVER are unpacked (of the image, /boot only): the
# bed boots RELEASE/boot/vmlinuz-RELEASE and builds against
# RELEASE/usr/src/linux-headers-RELEASE.  Nothing is installed: the
# host's /boot, /lib/modules and /usr/src stay as they are.  Without
# apt's lists (offline), the newest tree unpacked before.
stock_tree() {
	local kver=$1 base=$KLP_CACHE/stock release dir tmp p deps debs

	mkdir -p "$base"
	release=$(stock_release "$kver")
	if [ -z "$release" ]; then
		release=$(cd "$base" && ls -d "$kver".*-amd64 2>/dev/null | sort -V | tail -n1)
		[ -n "$release" ] && [ -f "$base/$release.stamp" ] ||
			die "no stock kernel $kver: apt knows no $(stock_image_pkg "$kver") (run apt-get update) and $base has none"
	fi
	dir=$base/$release
	(
		flock 8
		[ -f "$dir.stamp" ] && exit 0
		log "fetching Debian's stock kernel $release (apt-get download, unpacked into $dir)"
		tmp=$base/.fetch.$$
		rm -rf "$tmp" "$dir" && mkdir -p "$tmp/debs" "$tmp/root" || exit 1
		# The headers' own dependencies that carry the tree: the common
		# headers and kbuild (scripts/ and tools/ link to it).
		deps=$(apt-cache depends "linux-headers-$release" 2>/dev/null |
			sed -n 's/^ *|\{0,1\}Depends: \(linux-\(headers\|kbuild\)-[^ <]*\)$/\1/p' | sort -u)
		stock_fetch "$tmp/debs" "linux-image-$release" "linux-headers-$release" $deps ||
			{ rm -rf "$tmp"; die "cannot download the packages of $release"; }
		for p in "$tmp"/debs/*.deb; do
			case $(basename "$p") in
			linux-image-*)
				dpkg-deb --fsys-tarfile "$p" | tar -x -C "$tmp/root" ./boot ;;
			*)
				dpkg-deb -x "$p" "$tmp/root" ;;
			esac || { rm -rf "$tmp"; die "cannot unpack $p"; }
		done
		p=$tmp/root/usr/src/linux-headers-$release
		[ -f "$p/Makefile" ] && [ -f "$tmp/root/boot/vmlinuz-$release" ] ||
			{ rm -rf "$tmp"; die "the packages of $release lack the headers or the image"; }
		# The flavour's Makefile includes the common tree by its absolute
		# path under /usr/src: point it into the unpacked root.
		sed -i "s|^include /usr/src/|include $dir/usr/src/|" "$p/Makefile"
		mv -T "$tmp/root" "$dir" || { rm -rf "$tmp"; exit 1; }
		(cd "$tmp/debs" && ls *.deb) >"$dir.stamp"
		rm -rf "$tmp"
	) 8>"$base/$release.lock" || exit 1
	echo "$dir"
}

# stock_kdir KVER: the unpacked headers of the stock kernel of KVER
stock_kdir() {
	local dir

	dir=$(stock_tree "$1") || exit 1
	echo "$dir/usr/src/linux-headers-$(basename "$dir")"
}

# counted NAME COMMAND...: runs COMMAND, which adds "passed failed skipped"
# lines to $KLP_TOTALS.  A COMMAND that fails without counting a failure
# (a runner dying of its own error) gets one counted, with a KTAP line.
counted() {
	local name=$1 mine rc=0

	shift
	mine=$(mktemp)
	KLP_TOTALS=$mine "$@" || rc=$?
	if [ $rc -ne 0 ] && ! awk '$2 > 0 { f = 1 } END { exit !f }' "$mine"; then
		echo "not ok 1 $name: exited with status $rc without a counted failure"
		echo "0 1 0" >>"$mine"
	fi
	cat "$mine" >>"$KLP_TOTALS"
	rm -f "$mine"
	return $rc
}

# tarball_key KVER: a cheap identity of linux-source-KVER's tarball:
# package version, size and mtime (hashing 150 MB would cost a second on
# every run for nothing).
tarball_key() {
	local tarball=/usr/src/linux-source-$1.tar.xz
	echo "$(dpkg-query -W -f '${Version}' "linux-source-$1") $(stat -c '%s %Y' "$tarball")"
}

# series_patches DIR: the patches DIR/series lists, in order.
series_patches() {
	sed -e 's/#.*//' -e 's/[[:space:]]\+-p[0-9]\+//' -e '/^[[:space:]]*$/d' \
		"$1/series"
}

# pristine_tree KVER: prints the path of linux-source-KVER as Debian ships
# it, extracted once per package version.  Trees are made from it with
# "cp -al": hard links cost seconds where an extraction costs a minute,
# and neither patch (which writes a new file and renames it) nor an O=
# build writes through a link.  Never edit a file of it in place.
pristine_tree() {
	local kver=$1 dst=$KLP_CACHE/pristine/$1 tarball key
	tarball=/usr/src/linux-source-$kver.tar.xz
	[ -r "$tarball" ] || die "$tarball missing (package linux-source-$kver)"
	key=$(tarball_key "$kver")
	mkdir -p "$KLP_CACHE/pristine"
	(
		flock 7
		if [ "$(cat "$dst.stamp" 2>/dev/null)" != "$key" ]; then
			log "extracting linux-source-$kver ($key)"
			rm -rf "$dst" "$dst.stamp"
			mkdir -p "$dst"
			tar -xJf "$tarball" -C "$dst" --strip-components=1 ||
				{ rm -rf "$dst"; die "cannot extract $tarball"; }
			echo "$key" >"$dst.stamp"
		fi
	) 7>"$dst.lock" || exit 1
	echo "$dst"
}

# tree_from_pristine KVER DIR: DIR becomes a linked copy of the pristine
# tree, ready to be patched.
tree_from_pristine() {
	local pristine
	pristine=$(pristine_tree "$1") || exit 1
	rm -rf "$2"
	mkdir -p "$(dirname "$2")"
	cp -al "$pristine" "$2"
}
