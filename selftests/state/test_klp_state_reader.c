// SPDX-License-Identifier: GPL-2.0-only
/*
 * A compat livepatch whose patched code, called in a loop by
 * test_klp_state_spin's worker, asks klp_get_state() about a livepatch
 * no one registered: each call walks the registry of every compat
 * livepatch while others join and leave it on another CPU.  Its own
 * state is legacy, so that it never joins the registry itself and the
 * registry comes and goes with the others.
 */
#define KLP_STATE_FORCE_COMPAT

#include <linux/livepatch.h>
#include <linux/module.h>
#include <klp/state.h>

static ulong reads;
module_param(reads, ulong, 0400);
MODULE_PARM_DESC(reads, "lookups made by the patched code");

static ulong wrong;
module_param(wrong, ulong, 0400);
MODULE_PARM_DESC(wrong, "lookups that gave another answer than expected");

static struct klp_state states[] = { { .id = 77, .version = 1 }, {} };
static struct klp_patch patch;
static struct klp_patch nowhere;

static void livepatch_spin_read(void)
{
	if (klp_get_state(&nowhere, 1) || klp_get_state(&patch, 77) != states)
		WRITE_ONCE(wrong, wrong + 1);
	WRITE_ONCE(reads, reads + 1);
}

static struct klp_func funcs[] = {
	{
		.old_name = "test_klp_state_spin_read",
		.new_func = livepatch_spin_read,
	}, {}
};

static struct klp_func no_funcs[] = { {} };

static struct klp_object objs[] = {
	{ .funcs = no_funcs, },
	{ .name = "test_klp_state_spin", .funcs = funcs, },
	{}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
};

static int __init test_klp_state_reader_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit test_klp_state_reader_exit(void)
{
}

module_init(test_klp_state_reader_init);
module_exit(test_klp_state_reader_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-state selftest: lookups from patched code under churn");
