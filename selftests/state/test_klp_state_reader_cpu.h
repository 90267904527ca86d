/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reader threads of the state selftests' target modules, which
 * include this: each module its own copy.
 */
#ifndef _TEST_KLP_STATE_READER_CPU_H
#define _TEST_KLP_STATE_READER_CPU_H

#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/sched.h>

/*
 * reader_run() - start a reader kthread on another CPU
 * @fn:		the thread's function
 * @name:	its name
 * @cpu:	set to the CPU it is bound to, -1 when unbound
 *
 * The thread is bound to an online CPU other than the one this runs on
 * (the test script pins itself to one), unbound when there is none.
 *
 * Return: the thread, or an ERR_PTR().
 */
static inline struct task_struct *
reader_run(int (*fn)(void *), const char *name, int *cpu)
{
	struct task_struct *t = kthread_create(fn, NULL, "%s", name);
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

#endif /* _TEST_KLP_STATE_READER_CPU_H */
