// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch already on state callbacks that still tests
 * klp_get_prev_state() itself, as its releases built without the header
 * did: where the test guards a statement and has no else, it is dead in
 * a state callback and goes with what it guards; an else, a negation,
 * a test of more than the call and the patched code keep theirs.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/swap.h>
#include <klp/state.h>

#define SWAPPY_STATE	0x2a

static int swappy_saved;

static void swappy_lower(void)
{
	if (klp_get_prev_state(SWAPPY_STATE)) {
		pr_debug("release %u lowered it already\n",
			 klp_get_prev_state(SWAPPY_STATE)->version);
		return;
	}
	swappy_saved = vm_swappiness;
	vm_swappiness = 10;
}

static int swappy_pre_patch(struct klp_patch *patch, struct klp_state *state)
{
	if (klp_get_prev_state(SWAPPY_STATE))
		return 0;
	if (!vm_swappiness)
		return -EBUSY;
	return 0;
}

static void swappy_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	swappy_lower();
}

static void swappy_pre_unpatch(struct klp_patch *patch, struct klp_state *state)
{
	if (klp_get_prev_state(SWAPPY_STATE))
		pr_debug("an older release keeps it lowered\n");
	else
		vm_swappiness = swappy_saved;
}

static void swappy_post_unpatch(struct klp_patch *patch,
				struct klp_state *state)
{
	if (!klp_get_prev_state(SWAPPY_STATE))
		pr_debug("swappiness back to %d\n", vm_swappiness);
	if (klp_get_prev_state(SWAPPY_STATE) && vm_swappiness == 10)
		pr_debug("still lowered\n");
}

/* Patched code runs under every release: its test is alive. */
static int swappy_reclaim_ratio(void)
{
	if (klp_get_prev_state(SWAPPY_STATE))
		return 2;
	return 1;
}

static struct klp_func funcs[] = {
	{
		.old_name = "reclaim_ratio",
		.new_func = swappy_reclaim_ratio,
	}, { }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = funcs,
	}, { }
};

static struct klp_state states[] = {
	KLP_STATE(SWAPPY_STATE,
		  .version = 2,
		  .callbacks.pre_patch = swappy_pre_patch,
		  .callbacks.post_patch = swappy_post_patch,
		  .callbacks.pre_unpatch = swappy_pre_unpatch,
		  .callbacks.post_unpatch = swappy_post_unpatch),
	{}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};
