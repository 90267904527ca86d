/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TEST_KLP_STATE_MOD_H
#define _TEST_KLP_STATE_MOD_H

/* The functions of test_klp_state_mod the livepatches replace. */
int test_klp_state_mod_version(void);
void test_klp_state_mod_read(char *keys);

/* The keys test_klp_state_mod_read() gets, for per-object variables. */
#define TEST_KLP_MOD_READER_KEYS	4

#endif
