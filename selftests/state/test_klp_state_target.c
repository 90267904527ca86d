// SPDX-License-Identifier: GPL-2.0-only
/*
 * Target of the state selftests: a worker that keeps calling
 * test_klp_state_busy_wait(), where it can be held (block=1) to stall a
 * livepatch transition.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

static bool block;
module_param(block, bool, 0600);
MODULE_PARM_DESC(block, "hold the worker in test_klp_state_busy_wait()");

#include "test_klp_state_target.h"

static struct task_struct *worker;

/* Global and out of line, so that kallsyms finds it under this name. */
noinline void test_klp_state_busy_wait(bool *hold)
{
	while (READ_ONCE(*hold))
		msleep(20);
}

static int worker_fn(void *data)
{
	while (!kthread_should_stop()) {
		test_klp_state_busy_wait(&block);
		msleep(20);
	}
	return 0;
}

static int __init test_klp_state_target_init(void)
{
	pr_info("loaded\n");
	worker = kthread_run(worker_fn, NULL, "test_klp_busy");
	return PTR_ERR_OR_ZERO(worker);
}

static void __exit test_klp_state_target_exit(void)
{
	WRITE_ONCE(block, false);
	kthread_stop(worker);
	pr_info("unloaded\n");
}

module_init(test_klp_state_target_init);
module_exit(test_klp_state_target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state selftest target");
