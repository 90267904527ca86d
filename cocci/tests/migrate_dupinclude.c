// SPDX-License-Identifier: GPL-2.0-only
/* <linux/livepatch.h> twice: once for the patch, once with the fix. */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/slab.h>

#define SV_RETRIES	0x33

static void retries_dtor(void *obj, void *shadow_data)
{
}

/* --- the fix --- */
#include <linux/livepatch.h>
#include <linux/blkdev.h>

static void retries_off(struct klp_object *obj)
{
	pr_info("retries: off\n");
}

static struct klp_func funcs[] = {
	{ .old_name = "blk_mq_requeue_request", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = { .pre_unpatch = retries_off, },
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int retries_init(void)
{
	return klp_enable_patch(&patch);
}

static void retries_exit(void)
{
	klp_shadow_free_all(SV_RETRIES, retries_dtor);
}

module_init(retries_init);
module_exit(retries_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
