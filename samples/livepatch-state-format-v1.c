// SPDX-License-Identifier: GPL-2.0-only
/* Version 1 of the data-format sample. */
#define FORMAT_VERSION 1
#include "livepatch-state-format.c"
