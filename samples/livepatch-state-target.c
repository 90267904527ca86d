// SPDX-License-Identifier: GPL-2.0-only
/*
 * livepatch-state-target.c - a small module for livepatch-state-module.c
 *
 * It keeps a few items, allocated when it loads and freed when it goes,
 * and lists them in /proc/livepatch_state_target.  The livepatch sample
 * replaces target_item_show(), which prints one item.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#define NR_ITEMS	3

struct target_item {
	int id;
};

static struct target_item *items[NR_ITEMS];

/*
 * A livepatch replaces it by name: it must stay a function of its own
 * (noinline) with its name and its arguments (__noclone: no .isra clone).
 */
static noinline __noclone void target_item_show(struct seq_file *m,
					       struct target_item *item)
{
	seq_printf(m, "item %d\n", item->id);
}

static int target_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < NR_ITEMS; i++)
		target_item_show(m, items[i]);
	return 0;
}

static void target_free_items(void)
{
	int i;

	for (i = 0; i < NR_ITEMS; i++) {
		kfree(items[i]);
		items[i] = NULL;
	}
}

static int target_init(void)
{
	int i;

	for (i = 0; i < NR_ITEMS; i++) {
		items[i] = kzalloc(sizeof(*items[i]), GFP_KERNEL);
		if (!items[i]) {
			target_free_items();
			return -ENOMEM;
		}
		items[i]->id = i + 1;
	}
	if (!proc_create_single(KBUILD_MODNAME, 0444, NULL, target_show)) {
		target_free_items();
		return -ENOMEM;
	}
	return 0;
}

static void target_exit(void)
{
	remove_proc_entry(KBUILD_MODNAME, NULL);
	target_free_items();
}

module_init(target_init);
module_exit(target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state sample: a module for livepatch-state-module to fix");
