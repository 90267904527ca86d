// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch that throttles writeback while a fix to the
 * page cache is in, and hooks the fuse module.  Its callbacks keep what
 * they need in plain globals of the module, not in klp_state.data: the
 * writeback interval they save in pre_patch and restore in post_unpatch, a flag
 * the patched function reads, and the request limit of fuse.  Once the
 * callbacks are state callbacks, a later release that replaces this one
 * keeps the states, runs none of them, and its globals of those names
 * were never set: each is reported.  A count that only goes up and
 * down, and a setting that init makes, are not.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/writeback.h>

static unsigned int wbfix_saved_interval;
static bool wbfix_throttled;
static unsigned int wbfix_fuse_limit;
static int wbfix_enables;
static unsigned int wbfix_interval = 100;

static int wbfix_pre_patch(struct klp_object *obj)
{
	wbfix_saved_interval = dirty_writeback_interval;
	dirty_writeback_interval = wbfix_interval;
	wbfix_throttled = true;
	wbfix_enables++;
	return 0;
}

static void wbfix_post_unpatch(struct klp_object *obj)
{
	dirty_writeback_interval = wbfix_saved_interval;
	wbfix_enables--;
}

static int wbfix_fuse_pre_patch(struct klp_object *obj)
{
	wbfix_fuse_limit = 16;
	return 0;
}

static void wbfix_fuse_post_unpatch(struct klp_object *obj)
{
	pr_info("fuse: request limit was %u\n", wbfix_fuse_limit);
}

static unsigned long wbfix_dirty_limit(unsigned long limit)
{
	return wbfix_throttled ? limit / 2 : limit;
}

static unsigned int wbfix_max_background(void *fc)
{
	return wbfix_fuse_limit;
}

static struct klp_func funcs[] = {
	{
		.old_name = "hard_dirty_limit",
		.new_func = wbfix_dirty_limit,
	}, { }
};

static struct klp_func fuse_funcs[] = {
	{
		.old_name = "fuse_max_background",
		.new_func = wbfix_max_background,
	}, { }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = wbfix_pre_patch,
			.post_unpatch = wbfix_post_unpatch,
		},
	}, {
		.name = "fuse",
		.funcs = fuse_funcs,
		.callbacks = {
			.pre_patch = wbfix_fuse_pre_patch,
			.post_unpatch = wbfix_fuse_post_unpatch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int wbfix_init(void)
{
	if (!wbfix_interval)
		wbfix_interval = 100;
	return klp_enable_patch(&patch);
}

static void wbfix_exit(void)
{
}

module_init(wbfix_init);
module_exit(wbfix_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
