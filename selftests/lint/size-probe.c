// SPDX-License-Identifier: GPL-2.0-only
/*
 * The smallest useful livepatch, built with (WITH_STATE=1) and without
 * the header, to measure what the compat engine adds to a module.  With
 * TWO_FILES=1 its states live in size-probe-states.c, a second file of
 * the module, and this file holds the engine.
 */
#if WITH_STATE && TWO_FILES
#define KLP_STATE_ENGINE
#endif
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#if WITH_STATE
#include <klp/state.h>
#endif

static int livepatch_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "patched\n");
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = livepatch_cmdline_proc_show, },
	{}
};

static struct klp_object objs[] = { { .funcs = funcs, }, {} };

#if WITH_STATE && TWO_FILES
extern struct klp_state probe_states[];
#elif WITH_STATE
static void probe_dtor(void *obj, void *data)
{
}

static struct klp_state probe_states[] = { KLP_SHADOW_STATE(1, probe_dtor), {} };
#endif

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
#if WITH_STATE
	.states = probe_states,
#endif
	.replace = true,
};

static int __init probe_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit probe_exit(void)
{
}

module_init(probe_init);
module_exit(probe_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-state size probe");
