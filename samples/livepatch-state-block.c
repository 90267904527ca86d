// SPDX-License-Identifier: GPL-2.0-only
/*
 * livepatch-state-block.c - a change that must not be undone
 *
 * Some fixes convert data into a form only the fixed code understands;
 * going back to the old code would corrupt it.  Such a fix marks its
 * state block_disable: the livepatch can still be replaced by a newer
 * one carrying the same state, but not disabled, and a replacement that
 * drops the state is refused.  (On a stock kernel the compat backend can
 * only log that the disable should not happen: see the documentation.)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <klp/state.h>

#define CONVERTED_STATE	0xb10c

static int livepatch_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "this kernel runs a livepatch that cannot be disabled\n");
	return 0;
}

static void converted_post_patch(struct klp_patch *patch,
				 struct klp_state *state)
{
	pr_info("data converted to the new format; disabling is blocked\n");
}

KLP_STATES(states,
	   KLP_STATE(CONVERTED_STATE,
		     .callbacks.post_patch = converted_post_patch,
		     .block_disable = true));

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = livepatch_cmdline_proc_show,
	}, {}
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, {}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int livepatch_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_exit(void)
{
}

module_init(livepatch_init);
module_exit(livepatch_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-state sample: a block_disable state");
