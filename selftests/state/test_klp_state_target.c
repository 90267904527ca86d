// SPDX-License-Identifier: GPL-2.0-only
/*
 * Target of the state selftests: a worker that keeps calling
 * test_klp_state_busy_wait(), where it can be held (block=1) to stall a
 * livepatch transition; with reader=1, a second thread, on another CPU
 * where there is one, that keeps calling test_klp_state_read(), which
 * the livepatches replace with code that looks up and attaches shadow
 * variables.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/livepatch.h>
#include <linux/module.h>

static bool block;
module_param(block, bool, 0600);
MODULE_PARM_DESC(block, "hold the worker in test_klp_state_busy_wait()");

static bool reader;
module_param(reader, bool, 0400);
MODULE_PARM_DESC(reader, "run a thread that calls test_klp_state_read()");

static int reader_cpu = -1;
module_param(reader_cpu, int, 0400);
MODULE_PARM_DESC(reader_cpu, "the CPU the reader is bound to, -1: none");

#include "test_klp_state_target.h"
#include "test_klp_state_reader_cpu.h"

static struct task_struct *worker, *reader_task;

/* Global and out of line, so that kallsyms finds it under this name. */
noinline void test_klp_state_busy_wait(bool *hold)
{
	while (READ_ONCE(*hold))
		msleep(20);
}

/* Does nothing until a livepatch replaces it. */
noinline void test_klp_state_read(void)
{
	barrier();
}

static int worker_fn(void *data)
{
	while (!kthread_should_stop()) {
		test_klp_state_busy_wait(&block);
		msleep(20);
	}
	return 0;
}

/*
 * Short batches and a sleep between them: a transition switches the
 * thread while it sleeps, so it never holds one up.
 */
static int reader_fn(void *data)
{
	int i;

	while (!kthread_should_stop()) {
		for (i = 0; i < 8; i++)
			test_klp_state_read();
		usleep_range(1000, 2000);
	}
	return 0;
}

/* The reader's keys that still have a variable of the shadow state. */
static int reader_left_get(char *buf, const struct kernel_param *kp)
{
	int i, n = 0;

	for (i = 0; i < TEST_KLP_READER_KEYS; i++)
		n += !!klp_shadow_get(test_klp_reader_key(i),
				      TEST_KLP_READER_ID);
	return sysfs_emit(buf, "%d\n", n);
}

static const struct kernel_param_ops reader_left_ops = {
	.get = reader_left_get,
};
module_param_cb(reader_left, &reader_left_ops, NULL, 0400);
MODULE_PARM_DESC(reader_left, "shadow variables left on the reader's keys");

static int __init test_klp_state_target_init(void)
{
	pr_info("loaded\n");
	worker = kthread_run(worker_fn, NULL, "test_klp_busy");
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	if (reader) {
		reader_task = reader_run(reader_fn, "test_klp_read", &reader_cpu);
		if (IS_ERR(reader_task)) {
			kthread_stop(worker);
			return PTR_ERR(reader_task);
		}
	}
	return 0;
}

static void __exit test_klp_state_target_exit(void)
{
	if (reader_task)
		kthread_stop(reader_task);
	WRITE_ONCE(block, false);
	kthread_stop(worker);
	pr_info("unloaded\n");
}

module_init(test_klp_state_target_init);
module_exit(test_klp_state_target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state selftest target");
