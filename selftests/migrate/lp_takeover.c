// SPDX-License-Identifier: GPL-2.0-only
/*
 * A release of a cumulative livepatch built without the header, in the
 * takeover shape the kernel documents for states: the release that
 * brings the state quiets the console and keeps the level it found in
 * memory that klp_state.data points to; a later release finds the state
 * with klp_get_prev_state() and takes the pointer over, and the release
 * that finally goes puts the level back and frees the memory.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

#define QUIET_STATE		0x6d02
#define QUIET_LEVEL		4	/* warnings and worse */
#define QUIET_STATE_VERSION	1

static struct klp_patch patch;

static int quiet_pre_patch(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, QUIET_STATE);

	if (klp_get_prev_state(QUIET_STATE))
		return 0;
	state->data = kmalloc(sizeof(int), GFP_KERNEL);
	return state->data ? 0 : -ENOMEM;
}

static void quiet_post_patch(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, QUIET_STATE);
	struct klp_state *prev = klp_get_prev_state(QUIET_STATE);
	int *saved;

	if (prev) {
		state->data = prev->data;
		pr_info("taking the saved console level over\n");
		return;
	}
	saved = state->data;
	*saved = console_loglevel;
	console_loglevel = QUIET_LEVEL;
	pr_info("console level %d saved, now %d\n", *saved, console_loglevel);
}

static void quiet_pre_unpatch(struct klp_object *obj)
{
	int *saved = klp_get_state(&patch, QUIET_STATE)->data;

	console_loglevel = *saved;
	pr_info("console level %d restored\n", console_loglevel);
}

static void quiet_post_unpatch(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, QUIET_STATE);

	if (klp_get_prev_state(QUIET_STATE))
		return;
	kfree(state->data);
	state->data = NULL;
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
			.post_unpatch = quiet_post_unpatch,
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
