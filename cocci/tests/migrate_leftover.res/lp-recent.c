// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fix to xt_recent: each new entry gets a timestamp in a shadow
 * variable, and an entry that is removed frees its own.  Nothing frees
 * the timestamps of the entries still there when the fix goes.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/jiffies.h>

#define SV_RECENT_STAMP	0x7301

struct recent_entry;

static void stamp_dtor(void *obj, void *shadow_data)
{
	pr_debug("entry %p gone\n", obj);
}

static struct recent_entry *fixed_recent_entry_init(struct recent_entry *e)
{
	unsigned long *stamp;

	stamp = klp_shadow_alloc(e, SV_RECENT_STAMP, sizeof(*stamp),
				 GFP_ATOMIC, NULL, NULL);
	if (stamp)
		*stamp = jiffies;
	return e;
}

static void fixed_recent_entry_remove(struct recent_entry *e)
{
	klp_shadow_free(e, SV_RECENT_STAMP, stamp_dtor);
}

static struct klp_func recent_funcs[] = {
	{
		.old_name = "recent_entry_init",
		.new_func = fixed_recent_entry_init,
	}, {
		.old_name = "recent_entry_remove",
		.new_func = fixed_recent_entry_remove,
	}, { }
};

static struct klp_object objs[] = {
	{
		.name = "xt_recent",
		.funcs = recent_funcs,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int recent_fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void recent_fix_exit(void)
{
}

module_init(recent_fix_init);
module_exit(recent_fix_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
