// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fix to btrfs that counts retries per extent buffer in a shadow
 * variable; module exit frees them all.
 */
#include <linux/module.h>
#include <linux/livepatch.h>

#define SV_EB_RETRIES	0x7303

struct extent_buffer;

static int fixed_read_extent_buffer_pages(struct extent_buffer *eb, int wait,
					  int mirror_num, void *check)
{
	unsigned int *retries;

	retries = klp_shadow_get_or_alloc(eb, SV_EB_RETRIES, sizeof(*retries),
					  GFP_NOFS, NULL, NULL);
	if (retries && ++*retries > 3)
		return -EIO;
	return 0;
}

static struct klp_func btrfs_funcs[] = {
	{
		.old_name = "read_extent_buffer_pages",
		.new_func = fixed_read_extent_buffer_pages,
	}, { }
};

static struct klp_object objs[] = {
	{
		.name = "btrfs",
		.funcs = btrfs_funcs,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int extent_fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void extent_fix_exit(void)
{
	klp_shadow_free_all(SV_EB_RETRIES, NULL);
}

module_init(extent_fix_init);
module_exit(extent_fix_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
