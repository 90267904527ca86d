// SPDX-License-Identifier: GPL-2.0-only
/* Version 2 of the module fix sample. */
#define FIX_VERSION 2
#include "livepatch-state-module.c"
