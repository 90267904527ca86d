// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch built without klp/state.h, as every livepatch
 * was before: it only has a vmlinux object and replaces everything.
 */
#include <linux/livepatch.h>
#include <linux/module.h>

static struct klp_func no_funcs[] = { {} };

static struct klp_object objs[] = {
	{ .funcs = no_funcs, }, {}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int __init test_klp_state_plain_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit test_klp_state_plain_exit(void)
{
}

module_init(test_klp_state_plain_init);
module_exit(test_klp_state_plain_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-state selftest livepatch without the header");
