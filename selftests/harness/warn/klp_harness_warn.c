// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loads fine but triggers a WARN_ON at init: the runner must report the
 * kernel warning as a failure even though the test script passes.
 */
#include <linux/module.h>
#include <linux/bug.h>

static int __init klp_harness_warn_init(void)
{
	WARN_ON(1);
	return 0;
}

static void __exit klp_harness_warn_exit(void)
{
}

module_init(klp_harness_warn_init);
module_exit(klp_harness_warn_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state test bed: module that warns at init");
