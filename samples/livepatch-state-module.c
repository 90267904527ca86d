// SPDX-License-Identifier: GPL-2.0-only
/*
 * livepatch-state-module.c - a fix to a module, with a shadow variable
 * per object of that module, in two versions
 *
 * The fix makes livepatch_state_target count how often each of its
 * items was shown, in a shadow variable attached to the item.  The
 * items live as long as the module, so the counters must go when the
 * module goes: after an rmmod, the allocator hands the items' memory
 * out again, and a counter left behind would be found for the new
 * owner of the address, for instance an item of the reloaded module.
 *
 * The state SV_ITEM_READS names the module (.obj_name), so it follows
 * the module's lifetime: it is introduced when the module gets patched,
 * at the enable or when the module loads later, and removed when the
 * module is unpatched for the last time, also when it unloads under the
 * enabled livepatch.  Its counters are freed on removal, before the
 * module's memory is.  A cumulative upgrade that keeps the state runs
 * none of its callbacks and keeps every counter.
 *
 * Built twice, by livepatch-state-module-v1.c and -v2.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <klp/state.h>

#ifndef FIX_VERSION
#define FIX_VERSION 1
#endif

#define TARGET		"livepatch_state_target"

/* Shadow variable ids are global: keep them unique per fix. */
#define SV_ITEM_READS	0x5ead11

/* The target's item, as the target module defines it. */
struct target_item {
	int id;
};

struct item_counter {
	int id;
	int reads;
};

static int counter_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	struct item_counter *counter = shadow_data;

	counter->id = ((struct target_item *)obj)->id;
	pr_info("new counter for item %d\n", counter->id);
	return 0;
}

/* The item may be freed already when the state goes: do not touch obj. */
static void counter_dtor(void *obj, void *shadow_data)
{
	struct item_counter *counter = shadow_data;

	pr_info("freeing the counter of item %d (%d reads)\n",
		counter->id, counter->reads);
}

static void livepatch_target_item_show(struct seq_file *m,
				       struct target_item *item)
{
	struct item_counter *counter;

	counter = klp_shadow_get_or_alloc(item, SV_ITEM_READS,
					  sizeof(*counter), GFP_KERNEL,
					  counter_ctor, NULL);
	if (counter)
		counter->reads++;
	seq_printf(m, "livepatch v%d: item %d shown %d times\n", FIX_VERSION,
		   item->id, counter ? counter->reads : -1);
}

static void reads_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	pr_info("v%d: counting reads of the %s items from now on\n",
		FIX_VERSION, TARGET);
}

static void reads_post_unpatch(struct klp_patch *patch,
			       struct klp_state *state)
{
	pr_info("v%d: %s unpatched, freeing its item counters\n",
		FIX_VERSION, TARGET);
}

KLP_STATES(states,
	   KLP_SHADOW_STATE(SV_ITEM_READS, counter_dtor,
			    .obj_name = TARGET,
			    .callbacks.post_patch = reads_post_patch,
			    .callbacks.post_unpatch = reads_post_unpatch));

static struct klp_func funcs[] = {
	{
		.old_name = "target_item_show",
		.new_func = livepatch_target_item_show,
	}, {}
};

static struct klp_object objs[] = {
	{
		.name = TARGET,
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
MODULE_DESCRIPTION("klp-state sample: a fix to a module with per-object shadow variables, cumulative versions");
