// SPDX-License-Identifier: GPL-2.0-only
/*
 * A livepatch built without klp/state.h, as every livepatch was before:
 * it only has a vmlinux object, replaces everything unless told not to,
 * and may carry one plain state.
 */
#include <linux/livepatch.h>
#include <linux/module.h>

static bool replace = true;
module_param(replace, bool, 0400);
MODULE_PARM_DESC(replace, "atomic replace (default)");

static ulong state_id;
module_param(state_id, ulong, 0400);
MODULE_PARM_DESC(state_id, "id of a plain state to carry, 0 for none");

static struct klp_state states[2];

static struct klp_func no_funcs[] = { {} };

static struct klp_object objs[] = {
	{ .funcs = no_funcs, }, {}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init test_klp_state_plain_init(void)
{
	patch.replace = replace;
	if (state_id) {
		states[0].id = state_id;
		patch.states = states;
	}
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
