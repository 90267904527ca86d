// SPDX-License-Identifier: GPL-2.0-only
/*
 * The other file of the two-file livepatch: it holds the module's compat
 * engine (KLP_STATE_ENGINE) and enables the patch.
 */
#define KLP_STATE_ENGINE

#include <linux/livepatch.h>
#include <linux/module.h>
#include <klp/state.h>

#include "test_klp_state_split.h"

static bool both;
module_param(both, bool, 0400);
MODULE_PARM_DESC(both, "states 1 and 2, else 1 alone");

static bool replace;
module_param(replace, bool, 0400);
MODULE_PARM_DESC(replace, "atomic replace");

static struct klp_object objs[] = {
	{ .funcs = split_funcs, }, {}
};

struct klp_state *split_states;

struct klp_patch split_patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init test_klp_state_split_init(void)
{
	split_states = both ? split_states_12 : split_states_1;
	split_patch.states = split_states;
	split_patch.replace = replace;
	return klp_enable_patch(&split_patch);
}

static void __exit test_klp_state_split_exit(void)
{
}

module_init(test_klp_state_split_init);
module_exit(test_klp_state_split_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-state selftest livepatch built from two files");
