// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cumulative livepatch as distributions write them without the
 * header: the fix needs a system-wide change, recorded as a versioned
 * state, made by the first livepatch that carries it and undone on
 * disable; a later release finds the state with klp_get_prev_state()
 * and does not make the change again.  build.sh builds it as it is
 * (the running release) and converted by klp-migrate (the next one).
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#define CMDLINE_FIX_STATE	0x6d01

static int changes;
module_param(changes, int, 0400);
MODULE_PARM_DESC(changes, "system-wide changes this module made");

static int livepatch_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", "this has been live patched");
	return 0;
}

static int fix_pre_patch(struct klp_object *obj)
{
	struct klp_state *prev;

	prev = klp_get_prev_state(CMDLINE_FIX_STATE);
	if (prev) {
		pr_info("%s: change made by an earlier livepatch\n", KBUILD_MODNAME);
		return 0;
	}
	changes++;
	pr_info("%s: making the system-wide change\n", KBUILD_MODNAME);
	return 0;
}

static void fix_post_unpatch(struct klp_object *obj)
{
	pr_info("%s: undoing the system-wide change\n", KBUILD_MODNAME);
	changes--;
}

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = livepatch_cmdline_proc_show,
	}, { }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = funcs,
		.callbacks = {
			.pre_patch = fix_pre_patch,
			.post_unpatch = fix_post_unpatch,
		},
	}, { }
};

static struct klp_state states[] = {
	{
		.id = CMDLINE_FIX_STATE,
		.version = 1,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int livepatch_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_exit(void)
{
}

module_init(livepatch_init);
module_exit(livepatch_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
