#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh KDIR OUTDIR KVER FLAVOR: the module of this negative case.
. "$(dirname "$0")/../build-case.sh"
