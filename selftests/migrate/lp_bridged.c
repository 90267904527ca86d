// SPDX-License-Identifier: GPL-2.0-only
/*
 * The first release of lp_takeover.c's stream built with the header, as
 * Documentation/migration.rst ("Moving a deployed stream") has it: the
 * saved console level lives in the shadow variable the state owns, the
 * state keeps its id and raises its version, and the vmlinux object's
 * post_patch takes the level over from a running release built without
 * the header.  build.sh builds it as test_klp_migrate_n and _n2.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <klp/state.h>
#include <klp/bridge.h>

#define QUIET_STATE		0x6d02
#define QUIET_LEVEL		4	/* warnings and worse */
/* above every release built without the header: none can come back */
#define QUIET_STATE_VERSION	2

static int quiet_pre_patch(struct klp_patch *patch, struct klp_state *state)
{
	int *saved;

	saved = klp_state_shadow_get_or_alloc(state, NULL, sizeof(*saved),
					      GFP_KERNEL, NULL, NULL);
	return saved ? 0 : -ENOMEM;
}

static void quiet_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	int *saved = klp_state_shadow_get(state, NULL);

	*saved = console_loglevel;
	console_loglevel = QUIET_LEVEL;
	pr_info("console level %d saved, now %d\n", *saved, console_loglevel);
}

static void quiet_pre_unpatch(struct klp_patch *patch, struct klp_state *state)
{
	int *saved = klp_state_shadow_get(state, NULL);

	if (!saved) {
		pr_info("no saved console level\n");
		return;
	}
	console_loglevel = *saved;
	pr_info("console level %d restored\n", console_loglevel);
}

static void quiet_shadow_dtor(void *obj, void *shadow_data)
{
	pr_info("freeing the saved console level\n");
}

static void quiet_release(const void *data)
{
	kfree(data);
	pr_info("freed the memory of the release built without the header\n");
}

static void vmlinux_post_patch(struct klp_object *obj)
{
	int *saved;

	saved = klp_state_bridge(QUIET_STATE, sizeof(*saved), quiet_release);
	if (saved)
		pr_info("took over the saved console level %d\n", *saved);
}

static struct klp_func no_funcs[] = {
	{ }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = no_funcs,
		.callbacks = {
			.post_patch = vmlinux_post_patch,
		},
	}, { }
};

KLP_STATES(states,
	KLP_SHADOW_STATE(QUIET_STATE, quiet_shadow_dtor,
			 .version = QUIET_STATE_VERSION,
			 .callbacks.pre_patch = quiet_pre_patch,
			 .callbacks.post_patch = quiet_post_patch,
			 .callbacks.pre_unpatch = quiet_pre_unpatch));

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
