// SPDX-License-Identifier: GPL-2.0-only
/*
 * A livepatch tree that was built in place: kbuild left the generated
 * livepatch-cache.mod.c next to the source.
 */
#include <linux/module.h>
#include <linux/livepatch.h>

#define SV_CACHE_HINT	0x4c01

static struct klp_func funcs[] = {
	{ .old_name = "filemap_fault", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int cache_init(void)
{
	return klp_enable_patch(&patch);
}

static void cache_exit(void)
{
	klp_shadow_free_all(SV_CACHE_HINT, NULL);
}

module_init(cache_init);
module_exit(cache_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
