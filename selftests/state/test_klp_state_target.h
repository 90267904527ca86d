/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TEST_KLP_STATE_TARGET_H
#define _TEST_KLP_STATE_TARGET_H

/* The functions the state selftest livepatches replace. */
void test_klp_state_busy_wait(bool *hold);
void test_klp_state_read(void);

/*
 * The keys the patched test_klp_state_read() attaches the shadow state's
 * variables to (fake objects, never memory), and that state's id: the
 * keys the state callbacks use are 1..16.
 */
#define TEST_KLP_READER_KEYS	4
#define TEST_KLP_READER_ID	3

static inline void *test_klp_reader_key(int i)
{
	return (void *)(0x1000UL + i);
}

#endif
