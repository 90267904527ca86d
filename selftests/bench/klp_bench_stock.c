// SPDX-License-Identifier: GPL-2.0-only
/*
 * Baseline for the shadow variable garbage collection benchmark: allocate
 * n shadow variables at load time and free them with the stock
 * klp_shadow_free_all() when 1 is written to the "run" parameter.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include "klp_bench_common.h"

#define KLP_BENCH_STOCK_ID	0x6b6c7001UL

static int run_set(const char *val, const struct kernel_param *kp)
{
	bench_start();
	klp_shadow_free_all(KLP_BENCH_STOCK_ID, bench_dtor);
	return 0;
}

static const struct kernel_param_ops run_ops = {
	.set = run_set,
};
module_param_cb(run, &run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "write 1 to free all shadow variables");

static int __init klp_bench_stock_init(void)
{
	int ret = bench_alloc(KLP_BENCH_STOCK_ID);

	if (ret)
		klp_shadow_free_all(KLP_BENCH_STOCK_ID, NULL);
	return ret;
}

static void __exit klp_bench_stock_exit(void)
{
	klp_shadow_free_all(KLP_BENCH_STOCK_ID, NULL);
}

module_init(klp_bench_stock_init);
module_exit(klp_bench_stock_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-state benchmark: stock klp_shadow_free_all()");
