/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TEST_KLP_STATE_SPLIT_H
#define _TEST_KLP_STATE_SPLIT_H

#include <linux/livepatch.h>

/* The states of the two-file livepatch, declared with the header. */
extern struct klp_state split_states[];

#endif
