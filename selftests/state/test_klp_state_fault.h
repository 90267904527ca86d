/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parameter fault=N of the selftest modules: the Nth slab allocation
 * of the loading task, counted from where the module arms it, fails
 * (failslab, through the task's fail-nth count).  A livepatch arms it
 * just before klp_enable_patch(), with test_klp_fault_arm(): what is
 * counted is its enable (the native core or the compat engine, the
 * states' pre_patch and their shadow variables) and the rest of the
 * load.  A module that defines TEST_KLP_FAULT_AT_PARAM arms it as the
 * loader parses the parameter (give it last): the livepatches coming
 * for the module run before its init.  Either way the loader's reading
 * of the file and its vmalloc() of the module's memory come before;
 * their failures are the loader's, and it reports them with a stack
 * dump.  Whoever made the call reads what is left of the count from
 * /proc/thread-self/fail-nth afterwards (0: the fault came) and sets it
 * back to 0 (selftests/vm/fail-nth.c).
 */
#ifndef _TEST_KLP_STATE_FAULT_H
#define _TEST_KLP_STATE_FAULT_H

#include <linux/moduleparam.h>
#include <linux/sched.h>

#ifdef CONFIG_FAULT_INJECTION
static unsigned int test_klp_fault;

/* Count from here: the Nth slab allocation of this task fails. */
static inline void test_klp_fault_arm(void)
{
	if (test_klp_fault)
		current->fail_nth = test_klp_fault;
}

static int test_klp_fault_set(const char *val, const struct kernel_param *kp)
{
	int ret = kstrtouint(val, 0, &test_klp_fault);

#ifdef TEST_KLP_FAULT_AT_PARAM
	if (!ret)
		test_klp_fault_arm();
#endif
	return ret;
}

static const struct kernel_param_ops test_klp_fault_ops = {
	.set = test_klp_fault_set,
};
module_param_cb(fault, &test_klp_fault_ops, NULL, 0);
MODULE_PARM_DESC(fault, "the Nth slab allocation of the load, counted from where the module arms it, fails");
#else
static inline void test_klp_fault_arm(void)
{
}
#endif

#endif
