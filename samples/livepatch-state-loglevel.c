// SPDX-License-Identifier: GPL-2.0-only
/*
 * livepatch-state-loglevel.c - a system state change done once
 *
 * The livepatch turns console_loglevel up to the maximum while it is
 * installed and puts the old value back when it goes.  Any number of
 * cumulative upgrades carrying LOGLEVEL_STATE leave the setting alone:
 * only the first one in saves and raises it, only the last one out
 * restores it.  The saved value is a shadow variable of the state, so
 * it follows the state from one module to the next and is freed with it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <klp/state.h>

#define LOGLEVEL_STATE	0x10c1e7e1

/* May fail: runs before anything changes, so a failure needs no undo. */
static int loglevel_pre_patch(struct klp_patch *patch, struct klp_state *state)
{
	int *saved;

	saved = klp_state_shadow_get_or_alloc(state, &console_loglevel,
					      sizeof(*saved), GFP_KERNEL,
					      NULL, NULL);
	if (!saved)
		return -ENOMEM;
	pr_info("space to save console_loglevel allocated\n");
	return 0;
}

static void loglevel_post_patch(struct klp_patch *patch,
				struct klp_state *state)
{
	int *saved = klp_state_shadow_get(state, &console_loglevel);

	*saved = console_loglevel;
	console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH;
	pr_info("console_loglevel raised (was %d)\n", *saved);
}

static void loglevel_pre_unpatch(struct klp_patch *patch,
				 struct klp_state *state)
{
	int *saved = klp_state_shadow_get(state, &console_loglevel);

	console_loglevel = *saved;
	pr_info("console_loglevel restored to %d\n", *saved);
}

/* The saved value goes with the state: nothing to free by hand. */
KLP_STATES(states,
	   KLP_SHADOW_STATE(LOGLEVEL_STATE, NULL,
			    .callbacks.pre_patch = loglevel_pre_patch,
			    .callbacks.post_patch = loglevel_post_patch,
			    .callbacks.pre_unpatch = loglevel_pre_unpatch));

static struct klp_func no_funcs[] = { {} };

static struct klp_object objs[] = {
	{
		.funcs = no_funcs,
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
MODULE_DESCRIPTION("klp-state sample: console_loglevel as a managed state");
