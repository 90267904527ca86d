// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loads and unloads fine but loses the memory it allocated at init: on a
 * debug kernel the kmemleak suite must report it.
 */
#include <linux/module.h>
#include <linux/slab.h>

static int __init klp_harness_leak_init(void)
{
	int i;

	/* Several objects: one stale copy of a pointer must not hide all. */
	for (i = 0; i < 8; i++)
		if (!kmalloc(512, GFP_KERNEL))
			return -ENOMEM;
	return 0;
}

static void __exit klp_harness_leak_exit(void)
{
}

module_init(klp_harness_leak_init);
module_exit(klp_harness_leak_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state test bed: module that leaks memory");
