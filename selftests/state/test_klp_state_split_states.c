// SPDX-License-Identifier: GPL-2.0-only
/*
 * One file of a livepatch built from two: the states, their callbacks and
 * the patched code, which ask both lookups in every phase.  The other
 * file, test_klp_state_split_main.c, holds the compat engine and enables
 * the patch: the answers here must be those of the module's one engine.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <klp/state.h>

#include "test_klp_state_split.h"

/* Whose entry a lookup returned: none, this module's or another's. */
static const char *whose(const struct klp_state *state)
{
	if (!state)
		return "none";
	return within_module((unsigned long)state, THIS_MODULE) ?
		"own" : "other";
}

static void report(const char *phase, struct klp_patch *patch,
		   struct klp_state *state)
{
	pr_info("%s: state %lu, klp_get_state %s, klp_get_prev_state 1 %s, 2 %s\n",
		phase, state->id,
		klp_get_state(patch, state->id) == state ? "this" : "wrong",
		whose(klp_get_prev_state(1)), whose(klp_get_prev_state(2)));
}

static int split_pre_patch(struct klp_patch *patch, struct klp_state *state)
{
	report("pre_patch", patch, state);
	return 0;
}

static void split_post_patch(struct klp_patch *patch, struct klp_state *state)
{
	report("post_patch", patch, state);
}

static void split_pre_unpatch(struct klp_patch *patch, struct klp_state *state)
{
	report("pre_unpatch", patch, state);
}

static void split_post_unpatch(struct klp_patch *patch,
			       struct klp_state *state)
{
	report("post_unpatch", patch, state);
}

#define SPLIT_STATE(_id)						\
	KLP_STATE(_id, .callbacks.pre_patch = split_pre_patch,		\
		  .callbacks.post_patch = split_post_patch,		\
		  .callbacks.pre_unpatch = split_pre_unpatch,		\
		  .callbacks.post_unpatch = split_post_unpatch)

struct klp_state split_states_1[] = { SPLIT_STATE(1), {} };
struct klp_state split_states_12[] = { SPLIT_STATE(1), SPLIT_STATE(2), {} };

/*
 * Patched code has no state at hand: it finds its livepatch's entry by
 * id (klp_get_prev_state() is for transitions only on native kernels).
 */
static int livepatch_version_proc_show(struct seq_file *m, void *v)
{
	struct klp_state *state = klp_get_state(&split_patch, 1);

	pr_info("patched code: klp_get_state %s\n",
		state == &split_states[0] ? "this" : "wrong");
	seq_puts(m, KBUILD_MODNAME "\n");
	return 0;
}

struct klp_func split_funcs[] = {
	{
		.old_name = "version_proc_show",
		.new_func = livepatch_version_proc_show,
	}, {}
};
