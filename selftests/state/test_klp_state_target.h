/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TEST_KLP_STATE_TARGET_H
#define _TEST_KLP_STATE_TARGET_H

#include <linux/kthread.h>
#include <linux/sched.h>

/* The functions the state selftest livepatches replace. */
void test_klp_state_busy_wait(bool *hold);
void test_klp_state_read(void);

/*
 * The body of test_klp_state_busy_wait() and of the livepatches' versions:
 * sleep while *@hold is set, woken only when the target clears it (or
 * stops the worker).  A held worker never runs, so every try of a
 * transition finds it asleep in the same function: whether it holds the
 * transition up does not depend on when the try comes.
 */
static inline void test_klp_hold(bool *hold)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!READ_ONCE(*hold) || kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

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
