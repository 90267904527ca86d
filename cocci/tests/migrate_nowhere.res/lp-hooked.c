// SPDX-License-Identifier: GPL-2.0-only
/*
 * The objects are hooked up in init, after a check of the running
 * kernel: the patch's static initializer names no .objs, so a state
 * array would have nowhere to go.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/utsname.h>

#define SV_BACKOFF	0x7e01

static bool relaxed;

static int throttle_pre_patch(struct klp_object *obj)
{
	relaxed = true;
	return 0;
}

static void throttle_post_unpatch(struct klp_object *obj)
{
	relaxed = false;
}

static int nfsd_check(struct klp_object *obj)
{
	return relaxed ? 0 : -EBUSY;
}

static struct klp_func funcs[] = {
	{ .old_name = "tcp_sendmsg", .new_func = NULL, },
	{ }
};

static struct klp_func nfsd_funcs[] = {
	{ .old_name = "nfsd_dispatch", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
		.callbacks = {
			.pre_patch = throttle_pre_patch,
			.post_unpatch = throttle_post_unpatch,
		},
	}, {
		.name = "nfsd",
		.funcs = nfsd_funcs,
		.callbacks = {
			.pre_patch = nfsd_check,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.replace = true,
};

static int throttle_init(void)
{
	if (strcmp(init_utsname()->machine, "x86_64"))
		return -ENODEV;
	patch.objs = objs;
	return klp_enable_patch(&patch);
}

static void throttle_exit(void)
{
	klp_shadow_free_all(SV_BACKOFF, NULL);
}

module_init(throttle_init);
module_exit(throttle_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
