#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs in the VM before the upstream scripts.
set -euo pipefail

# 6.1 loads its test modules with modprobe.
if [ -d modules ]; then
	mkdir -p "/lib/modules/$(uname -r)/extra"
	cp modules/*.ko "/lib/modules/$(uname -r)/extra/"
	# A bare /lib/modules: give depmod the index files it expects.
	for f in modules.order modules.builtin modules.builtin.modinfo; do
		touch "/lib/modules/$(uname -r)/$f"
	done
	depmod -a
fi
# 6.12's scripts skip unless a kernel build tree exists; the modules were
# built on the host already, so an empty directory satisfies the check.
mkdir -p "/lib/modules/$(uname -r)/build"
