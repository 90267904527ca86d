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

stock_image_pkg() {
	case $1 in
	6.1) echo "linux-image-amd64 linux-headers-amd64";;
	*) echo "linux-image-$1-amd64 linux-headers-$1-amd64";;
	esac
}
