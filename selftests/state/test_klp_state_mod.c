// SPDX-License-Identifier: GPL-2.0-only
/*
 * The module whose states the per-object selftests follow: nothing but a
 * function for the livepatches to replace, so that it loads, unloads and
 * loads again while livepatches come and go.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "test_klp_state_mod.h"

/* Global and out of line, so that kallsyms finds it under this name. */
noinline int test_klp_state_mod_version(void)
{
	return 1;
}

static int __init test_klp_state_mod_init(void)
{
	pr_info("loaded, version %d\n", test_klp_state_mod_version());
	return 0;
}

static void __exit test_klp_state_mod_exit(void)
{
	pr_info("unloaded\n");
}

module_init(test_klp_state_mod_init);
module_exit(test_klp_state_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state selftest module with per-object states");
