// SPDX-License-Identifier: GPL-2.0-only
/*
 * lp_takeover.c after step 2 of "Moving a deployed stream"
 * (Documentation/migration.rst): the saved console level moved by hand
 * from klp_state.data into the shadow variable on the NULL object with
 * the state's id, and the version raised by one.  build.sh converts it
 * with klp-migrate, which writes the bridge, and applies the review the
 * report asks for: the release built without the header allocated the
 * level with kmalloc(), so kfree() takes it back.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

#define QUIET_STATE		0x6d02
#define QUIET_LEVEL		4	/* warnings and worse */
#define QUIET_STATE_VERSION	2

static int quiet_pre_patch(struct klp_object *obj)
{
	struct klp_state *prev;
	int *saved;

	prev = klp_get_prev_state(QUIET_STATE);
	if (prev)
		return 0;
	saved = klp_shadow_alloc(NULL, QUIET_STATE, sizeof(*saved),
				 GFP_KERNEL, NULL, NULL);
	return saved ? 0 : -ENOMEM;
}

static void quiet_post_patch(struct klp_object *obj)
{
	int *saved = klp_shadow_get(NULL, QUIET_STATE);

	if (!saved)
		return;
	*saved = console_loglevel;
	console_loglevel = QUIET_LEVEL;
	pr_info("console level %d saved, now %d\n", *saved, console_loglevel);
}

static void quiet_pre_unpatch(struct klp_object *obj)
{
	int *saved = klp_shadow_get(NULL, QUIET_STATE);

	if (!saved) {
		pr_info("no saved console level\n");
		return;
	}
	console_loglevel = *saved;
	pr_info("console level %d restored\n", console_loglevel);
}

static struct klp_func no_funcs[] = {
	{ }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = no_funcs,
		.callbacks = {
			.pre_patch = quiet_pre_patch,
			.post_patch = quiet_post_patch,
			.pre_unpatch = quiet_pre_unpatch,
		},
	}, { }
};

static struct klp_state states[] = {
	{
		.id = QUIET_STATE,
		.version = QUIET_STATE_VERSION,
	}, { }
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
