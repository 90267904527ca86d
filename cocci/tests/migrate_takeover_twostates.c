// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch with two states that keep data in
 * klp_state.data in the takeover shape: the console level and the
 * interval of printk's rate limit.  Only the data of one state moves
 * into a shadow variable, with one bridge, so the file is left as it
 * was and reported.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/slab.h>

#define LEVEL_STATE		0x61
#define RATELIMIT_STATE		0x62

static struct klp_patch patch;

static int quiet_pre_patch(struct klp_object *obj)
{
	struct klp_state *level = klp_get_state(&patch, LEVEL_STATE);
	struct klp_state *limit = klp_get_state(&patch, RATELIMIT_STATE);

	if (klp_get_prev_state(LEVEL_STATE)) {
		level->data = klp_get_prev_state(LEVEL_STATE)->data;
		limit->data = klp_get_prev_state(RATELIMIT_STATE)->data;
		return 0;
	}
	level->data = kmalloc(sizeof(int), GFP_KERNEL);
	limit->data = kmalloc(sizeof(int), GFP_KERNEL);
	if (!level->data || !limit->data) {
		kfree(level->data);
		kfree(limit->data);
		return -ENOMEM;
	}
	*(int *)level->data = console_loglevel;
	*(int *)limit->data = printk_ratelimit_state.interval;
	return 0;
}

static void quiet_post_patch(struct klp_object *obj)
{
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	printk_ratelimit_state.interval = 30 * HZ;
}

static void quiet_pre_unpatch(struct klp_object *obj)
{
	struct klp_state *level = klp_get_state(&patch, LEVEL_STATE);
	struct klp_state *limit = klp_get_state(&patch, RATELIMIT_STATE);

	console_loglevel = *(int *)level->data;
	printk_ratelimit_state.interval = *(int *)limit->data;
}

static void quiet_post_unpatch(struct klp_object *obj)
{
	kfree(klp_get_state(&patch, LEVEL_STATE)->data);
	kfree(klp_get_state(&patch, RATELIMIT_STATE)->data);
}

static struct klp_func funcs[] = {
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = quiet_pre_patch,
			.post_patch = quiet_post_patch,
			.pre_unpatch = quiet_pre_unpatch,
			.post_unpatch = quiet_post_unpatch,
		},
	}, { }
};

static struct klp_state states[] = {
	{ .id = LEVEL_STATE, .version = 1, },
	{ .id = RATELIMIT_STATE, .version = 1, },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int quiet_init(void)
{
	return klp_enable_patch(&patch);
}

static void quiet_exit(void)
{
}

module_init(quiet_init);
module_exit(quiet_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
