// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch whose saved tunable was moved by hand from
 * klp_state.data into a shadow variable on the NULL object with the
 * state's id, as the report on the file that kept it in klp_state.data
 * asks: the state takes the callbacks and owns the variable.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/mman.h>

#define OVERCOMMIT_STATE	0x0c

static int save_overcommit(struct klp_object *obj)
{
	int *saved;

	if (klp_shadow_get(NULL, OVERCOMMIT_STATE))
		return 0;
	saved = klp_shadow_alloc(NULL, OVERCOMMIT_STATE, sizeof(*saved),
				 GFP_KERNEL, NULL, NULL);
	if (!saved)
		return -ENOMEM;
	*saved = sysctl_overcommit_memory;
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	return 0;
}

static void restore_overcommit(struct klp_object *obj)
{
	int *saved = klp_shadow_get(NULL, OVERCOMMIT_STATE);

	if (saved)
		sysctl_overcommit_memory = *saved;
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
