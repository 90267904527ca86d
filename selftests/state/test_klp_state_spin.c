// SPDX-License-Identifier: GPL-2.0-only
/*
 * Target of the lookup stress test: a worker that keeps calling
 * test_klp_state_spin_read(), in batches with a short sleep between them
 * so that livepatch transitions can switch it.
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

/* Global and out of line, so that kallsyms finds it under this name. */
noinline void test_klp_state_spin_read(void);
noinline void test_klp_state_spin_read(void)
{
	barrier();
}

static struct task_struct *worker;

static int worker_fn(void *data)
{
	int i;

	while (!kthread_should_stop()) {
		for (i = 0; i < 1000; i++)
			test_klp_state_spin_read();
		usleep_range(500, 1000);
	}
	return 0;
}

static int __init test_klp_state_spin_init(void)
{
	worker = kthread_run(worker_fn, NULL, "test_klp_spin");
	return PTR_ERR_OR_ZERO(worker);
}

static void __exit test_klp_state_spin_exit(void)
{
	kthread_stop(worker);
}

module_init(test_klp_state_spin_init);
module_exit(test_klp_state_spin_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state selftest target that calls a function in a loop");
