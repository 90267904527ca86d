// SPDX-License-Identifier: GPL-2.0-only
/* Version 1 of the module fix sample. */
#define FIX_VERSION 1
#include "livepatch-state-module.c"
