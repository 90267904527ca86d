// SPDX-License-Identifier: GPL-2.0-only
/*
 * A release of a cumulative livepatch built without the header that
 * keeps its state's data in a global of its own module: the release
 * that brings the state logs messages without a level as errors, so a
 * quiet console shows them, and saves the default level it found in
 * saved_msglevel.  It points klp_state.data at that global, so a later
 * release, while this one is still loaded, finds the level with
 * klp_get_prev_state() and copies it into a global of its own.  The
 * release that finally goes puts the level back.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/printk.h>

#define MSGLEVEL_STATE		0x6d03
#define MSGLEVEL_RAISED		LOGLEVEL_ERR
#define MSGLEVEL_STATE_VERSION	1

static struct klp_patch patch;

/* the default message level before the first release raised it */
static int saved_msglevel;

static int msglevel_pre_patch(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, MSGLEVEL_STATE);
	struct klp_state *prev = klp_get_prev_state(MSGLEVEL_STATE);

	if (prev)
		saved_msglevel = *(int *)prev->data;
	else
		saved_msglevel = default_message_loglevel;
	state->data = &saved_msglevel;
	return 0;
}

static void msglevel_post_patch(struct klp_object *obj)
{
	if (klp_get_prev_state(MSGLEVEL_STATE)) {
		pr_info("taking the saved message level over\n");
		return;
	}
	default_message_loglevel = MSGLEVEL_RAISED;
	pr_info("message level %d saved, now %d\n", saved_msglevel,
		default_message_loglevel);
}

static void msglevel_pre_unpatch(struct klp_object *obj)
{
	default_message_loglevel = saved_msglevel;
	pr_info("message level %d restored\n", default_message_loglevel);
}

static struct klp_func no_funcs[] = {
	{ }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = no_funcs,
		.callbacks = {
			.pre_patch = msglevel_pre_patch,
			.post_patch = msglevel_post_patch,
			.pre_unpatch = msglevel_pre_unpatch,
		},
	}, { }
};

static struct klp_state states[] = {
	{
		.id = MSGLEVEL_STATE,
		.version = MSGLEVEL_STATE_VERSION,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int msglevel_init(void)
{
	return klp_enable_patch(&patch);
}

static void msglevel_exit(void)
{
}

module_init(msglevel_init);
module_exit(msglevel_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
