// SPDX-License-Identifier: GPL-2.0-only
/* Frees in module exit become shadow states; a non-constant id stays. */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/slab.h>

#define SV_BUF		1
#define SV_HITS		2

static unsigned long extra_id = 3;

static void buf_dtor(void *obj, void *shadow_data)
{
	kfree(*(void **)shadow_data);
}

static struct klp_func funcs[] = {
	{ .old_name = "f", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "some_module",
		.funcs = funcs,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void fix_exit(void)
{
	klp_shadow_free_all(SV_BUF, buf_dtor);
	klp_shadow_free_all(SV_HITS, NULL);
	klp_shadow_free_all(extra_id, NULL);
}

module_init(fix_init);
module_exit(fix_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
