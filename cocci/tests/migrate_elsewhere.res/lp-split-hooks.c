// SPDX-License-Identifier: GPL-2.0-only
/* The callbacks, built as a translation unit of their own. */
#include <linux/printk.h>
#include "lp-split.h"

int split_setup(struct klp_object *obj)
{
	pr_info("split: setup\n");
	return 0;
}

void split_teardown(struct klp_object *obj)
{
	pr_info("split: teardown\n");
}
