// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch that saves a tunable in klp_state.data and takes
 * the saved value over from the livepatch it replaces: state callbacks
 * would never hand the data over, so the file is left for a hand-made
 * shadow variable.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/mman.h>
#include <linux/slab.h>

#define OVERCOMMIT_STATE	0x0c

static struct klp_patch patch;

static int save_overcommit(struct klp_object *obj)
{
	struct klp_state *state, *prev;

	state = klp_get_state(&patch, OVERCOMMIT_STATE);
	prev = klp_get_prev_state(OVERCOMMIT_STATE);
	if (prev) {
		state->data = prev->data;
		return 0;
	}
	state->data = kmalloc(sizeof(int), GFP_KERNEL);
	if (!state->data)
		return -ENOMEM;
	*(int *)state->data = sysctl_overcommit_memory;
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	return 0;
}

static void restore_overcommit(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, OVERCOMMIT_STATE);

	sysctl_overcommit_memory = *(int *)state->data;
	kfree(state->data);
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = save_overcommit,
			.post_unpatch = restore_overcommit,
		},
	}, { }
};

static struct klp_state states[] = {
	{ .id = OVERCOMMIT_STATE, .version = 1, },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int overcommit_init(void)
{
	return klp_enable_patch(&patch);
}

static void overcommit_exit(void)
{
}

module_init(overcommit_init);
module_exit(overcommit_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
