#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# klp-migrate: the migration driver of klp-state, as installed in
# PREFIX/bin.  The driver finds its semantic patches next to itself, in
# PREFIX/share/klp-state/cocci/; this is found relative to the command
# itself, so that a tree installed under DESTDIR works where it lies.
# See klp-migrate(1).
bin=$(dirname "$(readlink -f "$0")")
exec "$bin/../share/klp-state/cocci/klp-migrate" "$@"
