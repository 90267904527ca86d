// SPDX-License-Identifier: GPL-2.0-only
/*
 * A livepatch for a use-after-free in the block layer and in the loop
 * driver.  One pair of callbacks serves the kernel and the loop module
 * (the conversion splits it and writes wrappers above the objects),
 * the dm_mod module has callbacks of its own, and the fixed function
 * keeps per-request data in a shadow variable.  Every step of the
 * conversion changes lines that a later one reports on: the report must
 * give the lines of this file.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/blkdev.h>

#define UAF_SV_ID 0x75af

static atomic_t uaf_objects = ATOMIC_INIT(0);

static int uaf_pre_patch(struct klp_object *obj)
{
	atomic_inc(&uaf_objects);
	pr_info("uaf: patching %s\n", obj->name ? obj->name : "vmlinux");
	return 0;
}

static void uaf_post_unpatch(struct klp_object *obj)
{
	atomic_dec(&uaf_objects);
}

static void dm_fix_post_patch(struct klp_object *obj)
{
	pr_info("uaf: dm_mod patched\n");
}

static void uaf_blk_mq_end_request(struct request *rq, blk_status_t error)
{
	int *seen = klp_shadow_get_or_alloc(rq, UAF_SV_ID, sizeof(*seen),
					    GFP_ATOMIC, NULL, NULL);

	if (seen)
		(*seen)++;
}

static void uaf_lo_release(void *lo)
{
}

static void uaf_dm_put(void *md)
{
}

static struct klp_func vm_funcs[] = {
	{
		.old_name = "blk_mq_end_request",
		.new_func = uaf_blk_mq_end_request,
	}, { }
};

static struct klp_func loop_funcs[] = {
	{
		.old_name = "lo_release",
		.new_func = uaf_lo_release,
	}, { }
};

static struct klp_func dm_funcs[] = {
	{
		.old_name = "dm_put",
		.new_func = uaf_dm_put,
	}, { }
};

static struct klp_object objs[] = {
	{
		.funcs = vm_funcs,
		.callbacks = {
			.pre_patch = uaf_pre_patch,
			.post_unpatch = uaf_post_unpatch,
		},
	}, {
		.name = "loop",
		.funcs = loop_funcs,
		.callbacks = {
			.pre_patch = uaf_pre_patch,
			.post_unpatch = uaf_post_unpatch,
		},
	}, {
		.name = "dm_mod",
		.funcs = dm_funcs,
		.callbacks = {
			.post_patch = dm_fix_post_patch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int uaf_init(void)
{
	return klp_enable_patch(&patch);
}

static void uaf_exit(void)
{
}

module_init(uaf_init);
module_exit(uaf_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
