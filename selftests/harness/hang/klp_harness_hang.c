// SPDX-License-Identifier: GPL-2.0-only
/*
 * Its init sleeps uninterruptibly for longer than any test timeout of the
 * harness (but not forever): insmod hangs and cannot be killed, so only the
 * runner's timeout ends the test.
 */
#include <linux/module.h>
#include <linux/delay.h>

static unsigned int hang_secs = 600;
module_param(hang_secs, uint, 0444);

static int __init klp_harness_hang_init(void)
{
	unsigned int i;

	for (i = 0; i < hang_secs; i++)
		msleep(1000);
	return 0;
}

static void __exit klp_harness_hang_exit(void)
{
}

module_init(klp_harness_hang_init);
module_exit(klp_harness_hang_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state test bed: module whose init hangs");
