// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch that quiets the console while it is applied,
 * in the takeover shape of klp_state.data: the release that brings the
 * state saves the two levels it changes in memory the state's data
 * points to, a later release takes the pointer over from the state it
 * replaces, and the release that finally goes puts the levels back.
 * The release callback keeps a local named state, which it still reads
 * once the data moved: the state callback it becomes gets its struct
 * klp_state * parameter as klp_state, and the local keeps its name.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/printk.h>
#include <linux/slab.h>

#define QUIET_STATE		0x51
#define QUIET_STATE_VERSION	3

struct quiet_levels {
	int console;
	int message;
};

static struct klp_patch patch;

static int quiet_save(struct klp_object *obj)
{
	struct klp_state *state, *prev;
	struct quiet_levels *levels;

	state = klp_get_state(&patch, QUIET_STATE);
	if (!state)
		return -EINVAL;

	prev = klp_get_prev_state(QUIET_STATE);
	if (prev) {
		/* an older release quieted the console: keep what it saved */
		state->data = prev->data;
		return 0;
	}

	state->data = kzalloc(sizeof(struct quiet_levels), GFP_KERNEL);
	if (!state->data)
		return -ENOMEM;
	levels = state->data;
	levels->console = console_loglevel;
	levels->message = default_message_loglevel;
	return 0;
}

static void quiet_apply(struct klp_object *obj)
{
	struct klp_state *state, *prev;

	state = klp_get_state(&patch, QUIET_STATE);
	prev = klp_get_prev_state(QUIET_STATE);
	if (prev)
		return;
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	default_message_loglevel = LOGLEVEL_DEBUG;
	pr_info("console level %d saved\n",
		((struct quiet_levels *)state->data)->console);
}

static void quiet_restore(struct klp_object *obj)
{
	struct quiet_levels *levels = klp_get_state(&patch, QUIET_STATE)->data;

	console_loglevel = levels->console;
	default_message_loglevel = levels->message;
}

static void quiet_release(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, QUIET_STATE);

	pr_info("state %lu: levels released\n", state->id);
	kfree(state->data);
	state->data = NULL;
}

static struct klp_func funcs[] = {
	{ }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = funcs,
		.callbacks = {
			.pre_patch = quiet_save,
			.post_patch = quiet_apply,
			.pre_unpatch = quiet_restore,
			.post_unpatch = quiet_release,
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
