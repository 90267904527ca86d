// SPDX-License-Identifier: GPL-2.0-only
/*
 * A vmlinux callback with a local named patch, which the parameter of
 * the state callback it would become clashes with, and which the
 * conversion itself uses for the patch: the callbacks stay where they
 * are until the local is renamed.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>

static int cve_post_patch_count;

static void cve_post_patch(struct klp_object *obj)
{
	const char *patch = "CVE-2026-0042";

	cve_post_patch_count++;
	pr_info("%s applied (%d)\n", patch, cve_post_patch_count);
}

static struct klp_func funcs[] = {
	{ }
};

static struct klp_object objs[] = {
	{
		/* name being NULL means vmlinux */
		.funcs = funcs,
		.callbacks = {
			.post_patch = cve_post_patch,
		},
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};
