// SPDX-License-Identifier: GPL-2.0-only
/* Version 2 of the data-format sample. */
#define FORMAT_VERSION 2
#include "livepatch-state-format.c"
