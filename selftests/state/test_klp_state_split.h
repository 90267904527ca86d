/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TEST_KLP_STATE_SPLIT_H
#define _TEST_KLP_STATE_SPLIT_H

#include <linux/livepatch.h>

/* Defined in the file of the states: its callbacks and patched code. */
extern struct klp_state split_states_1[], split_states_12[];
extern struct klp_func split_funcs[];

/* Defined in the file that enables the livepatch, with its states. */
extern struct klp_patch split_patch;
extern struct klp_state *split_states;

#endif
