/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _TEST_KLP_STATE_TARGET_H
#define _TEST_KLP_STATE_TARGET_H

#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>

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

/**
 * test_klp_reader_run() - start a reader kthread on another CPU
 * @fn:		the thread's function
 * @data:	its argument
 * @name:	its name
 * @cpu:	set to the CPU it is bound to, -1 when unbound
 *
 * The thread is bound to an online CPU other than the one this runs on
 * (the test script pins itself to one), unbound when there is none.
 *
 * Return: the thread, or an ERR_PTR().
 */
static inline struct task_struct *test_klp_reader_run(int (*fn)(void *),
						      void *data,
						      const char *name,
						      int *cpu)
{
	struct task_struct *t = kthread_create(fn, data, "%s", name);
	unsigned int c;

	if (IS_ERR(t))
		return t;
	c = cpumask_any_but(cpu_online_mask, raw_smp_processor_id());
	*cpu = -1;
	if (c < nr_cpu_ids) {
		kthread_bind(t, c);
		*cpu = c;
	}
	wake_up_process(t);
	return t;
}

#endif
