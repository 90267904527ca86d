// SPDX-License-Identifier: GPL-2.0-only
/*
 * Only shadow variables, a function attribute spatch can not parse in
 * this place (klp-migrate masks it) and a function it can not parse
 * even so: nothing to convert, and no failure either.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/livepatch.h>

#define SV_INODE_GEN	0x1e

/* asm goto: what static keys are built on, and beyond spatch 1.1 */
static int gen_base(void)
{
	asm goto("" :::: fallback);
	return 0;
fallback:
	return 1;
}

static int __attribute__((optimize("no-optimize-sibling-calls")))
gen_of(struct inode *inode)
{
	int *gen = klp_shadow_get(inode, SV_INODE_GEN);

	return gen ? *gen : gen_base();
}

int lp_inode_gen(struct inode *inode)
{
	int *gen = klp_shadow_get_or_alloc(inode, SV_INODE_GEN, sizeof(*gen),
					   GFP_NOFS, NULL, NULL);

	if (gen)
		(*gen)++;
	return gen_of(inode);
}

MODULE_LICENSE("GPL");
