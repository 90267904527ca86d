// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch written for a stock kernel, without klp/state.h:
 * one plain state entry that leaves the version unset, as the upstream
 * livepatch selftests and many out-of-tree livepatches do.  "dup" repeats
 * the entry, which stock kernels accept.
 */
#include <linux/livepatch.h>
#include <linux/module.h>

#define LEGACY_ID	7

static bool dup;
module_param(dup, bool, 0400);
MODULE_PARM_DESC(dup, "carry the state twice");

static struct klp_func no_funcs[] = { {} };

static struct klp_object objs[] = {
	{ .funcs = no_funcs, }, {}
};

static struct klp_state states[] = {
	{ .id = LEGACY_ID },
	{ .id = LEGACY_ID },
	{}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int __init test_klp_state_legacy_init(void)
{
	if (!dup)
		states[1].id = 0;
	return klp_enable_patch(&patch);
}

static void __exit test_klp_state_legacy_exit(void)
{
}

module_init(test_klp_state_legacy_init);
module_exit(test_klp_state_legacy_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-state selftest livepatch with an unversioned plain state");
