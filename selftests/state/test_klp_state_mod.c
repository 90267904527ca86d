// SPDX-License-Identifier: GPL-2.0-only
/*
 * The module whose states the per-object selftests follow: nothing but a
 * function for the livepatches to replace, so that it loads, unloads and
 * loads again while livepatches come and go.  With reader=1, a thread of
 * its own, on another CPU where there is one, keeps calling
 * test_klp_state_mod_read(), which the livepatches replace with code that
 * attaches the module's per-object shadow variables to its keys.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

/* the livepatches coming for this module run before its init */
#define TEST_KLP_FAULT_AT_PARAM
#include "test_klp_state_fault.h"
#include "test_klp_state_mod.h"
#include "test_klp_state_reader_cpu.h"

static bool reader;
module_param(reader, bool, 0400);
MODULE_PARM_DESC(reader, "run a thread that calls test_klp_state_mod_read()");

static int reader_cpu = -1;
module_param(reader_cpu, int, 0400);
MODULE_PARM_DESC(reader_cpu, "the CPU the reader is bound to, -1: none");

static struct task_struct *reader_task;

/* Memory of this module, for the reader's variables to hang off. */
static char reader_keys[TEST_KLP_MOD_READER_KEYS];

/* Global and out of line, so that kallsyms finds it under this name. */
noinline int test_klp_state_mod_version(void)
{
	return 1;
}

/* Does nothing until a livepatch replaces it. */
noinline void test_klp_state_mod_read(char *keys)
{
	barrier();
}

/*
 * The module's own code: it stops before the exit function returns, so
 * before the module's per-object states are removed.
 */
static int reader_fn(void *data)
{
	int i;

	while (!kthread_should_stop()) {
		for (i = 0; i < 8; i++)
			test_klp_state_mod_read(reader_keys);
		usleep_range(1000, 2000);
	}
	return 0;
}

static int __init test_klp_state_mod_init(void)
{
	pr_info("loaded, version %d\n", test_klp_state_mod_version());
	if (reader) {
		reader_task = reader_run(reader_fn, "test_klp_mread", &reader_cpu);
		if (IS_ERR(reader_task))
			return PTR_ERR(reader_task);
	}
	return 0;
}

static void __exit test_klp_state_mod_exit(void)
{
	if (reader_task)
		kthread_stop(reader_task);
	pr_info("unloaded\n");
}

module_init(test_klp_state_mod_init);
module_exit(test_klp_state_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state selftest module with per-object states");
