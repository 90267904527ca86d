// SPDX-License-Identifier: GPL-2.0-only
/*
 * Livepatch for the shadow variable benchmark: one state owns n shadow
 * variables, allocated when the state is introduced, after "others"
 * variables of an id no state owns; both timed with lookups as in the
 * stock module.  The native core frees the n when the livepatch is
 * disabled, the others go when 1 is written to "drop".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include "klp_bench_common.h"

#ifndef KLP_HAVE_STATE_CALLBACKS
#error "the kernel lacks the native state core (KLP_HAVE_STATE_CALLBACKS)"
#endif

#define KLP_BENCH_LP_ID		0x6b6c7002UL
#define KLP_BENCH_OTHER_ID	0x6b6c7004UL

static const struct bench_store native_store = {
	.alloc = klp_shadow_alloc,
	.get = klp_shadow_get,
	.get_or_alloc = klp_shadow_get_or_alloc,
};

static int drop_set(const char *val, const struct kernel_param *kp)
{
	klp_shadow_free_all(KLP_BENCH_OTHER_ID, bench_others_dtor);
	return 0;
}

static const struct kernel_param_ops drop_ops = {
	.set = drop_set,
};
module_param_cb(drop, &drop_ops, NULL, 0200);
MODULE_PARM_DESC(drop, "write 1 to free the shadow variables of the other id");

static int bench_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "klp_bench_lp\n");
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = bench_cmdline_proc_show,
	}, { }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, { }
};

static int bench_pre_patch(struct klp_patch *patch, struct klp_state *state)
{
	int ret = bench_alloc(&native_store, state->id, KLP_BENCH_OTHER_ID);

	if (ret) {
		klp_shadow_free_all(state->id, NULL);
		klp_shadow_free_all(KLP_BENCH_OTHER_ID, NULL);
	}
	return ret;
}

/*
 * The core detaches the shadow variables right after this callback, and
 * calls their destructor when it frees the livepatch.
 */
static void bench_post_unpatch(struct klp_patch *patch,
			       struct klp_state *state)
{
	bench_start();
}

static struct klp_state states[] = {
	{
		.id = KLP_BENCH_LP_ID,
		.is_shadow = true,
		.callbacks = {
			.pre_patch = bench_pre_patch,
			.post_unpatch = bench_post_unpatch,
			.shadow_dtor = bench_dtor,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
};

static int __init klp_bench_lp_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit klp_bench_lp_exit(void)
{
	klp_shadow_free_all(KLP_BENCH_OTHER_ID, NULL);
}

module_init(klp_bench_lp_init);
module_exit(klp_bench_lp_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-state benchmark: state-owned shadow variables");
