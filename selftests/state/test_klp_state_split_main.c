// SPDX-License-Identifier: GPL-2.0-only
/*
 * The other file of the two-file livepatch: it registers the patch and
 * calls klp_enable_patch() without including klp/state.h.
 */
#include <linux/livepatch.h>
#include <linux/module.h>

#include "test_klp_state_split.h"

static struct klp_func no_funcs[] = { {} };

static struct klp_object objs[] = {
	{ .funcs = no_funcs, }, {}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = split_states,
};

static int __init test_klp_state_split_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit test_klp_state_split_exit(void)
{
}

module_init(test_klp_state_split_init);
module_exit(test_klp_state_split_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-state selftest livepatch built from two files");
