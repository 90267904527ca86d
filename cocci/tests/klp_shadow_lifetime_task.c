// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-task and per-file shadow variables: the one freed on the task's
 * release path is fine, the others outlive their objects.
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

#define SV_SEEN		0x1001
#define SV_LAST		0x1002
#define SV_OPENS	0x1003

static int livepatch_cmdline_proc_show(struct seq_file *m, void *v)
{
	int *seen, *opens;
	unsigned long *last;

	seen = klp_shadow_get_or_alloc(current, SV_SEEN, sizeof(*seen),
				       GFP_KERNEL, NULL, NULL);
	last = klp_shadow_alloc(current, SV_LAST, sizeof(*last), GFP_KERNEL,
				NULL, NULL);
	opens = klp_shadow_get_or_alloc(m, SV_OPENS, sizeof(*opens),
					GFP_KERNEL, NULL, NULL);
	if (seen)
		(*seen)++;
	if (last)
		*last = jiffies;
	if (opens)
		(*opens)++;
	seq_puts(m, "patched\n");
	return 0;
}

static void livepatch_release_thread(struct task_struct *dead_task)
{
	klp_shadow_free(dead_task, SV_SEEN, NULL);
}

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = livepatch_cmdline_proc_show,
	}, {
		.old_name = "release_thread",
		.new_func = livepatch_release_thread,
	}, { }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
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
