// SPDX-License-Identifier: GPL-2.0-only
/*
 * A hook-style module: init puts the callbacks into the objects through
 * an index, the vmlinux one and the kvm one.
 */
#include <linux/module.h>
#include <linux/livepatch.h>

static bool mitigate;

static int mitigation_on(struct klp_object *obj)
{
	mitigate = true;
	return 0;
}

static void mitigation_off(struct klp_object *obj)
{
	mitigate = false;
}

static int kvm_quiesce(struct klp_object *obj)
{
	pr_info("%s: %s\n", __func__, obj->name);
	return 0;
}

static void kvm_resume(struct klp_object *obj)
{
}

static struct klp_func funcs[] = {
	{ .old_name = "switch_mm_irqs_off", .new_func = NULL, },
	{ }
};

static struct klp_func kvm_funcs[] = {
	{ .old_name = "kvm_vcpu_ioctl", .new_func = NULL, },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs,
	}, {
		.name = "kvm",
		.funcs = kvm_funcs,
	}, { }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int mitigation_init(void)
{
	objs[0].callbacks.pre_patch = mitigation_on;
	objs[0].callbacks.post_unpatch = mitigation_off;
	objs[1].callbacks.pre_patch = kvm_quiesce;
	objs[1].callbacks.post_unpatch = kvm_resume;
	return klp_enable_patch(&patch);
}

static void mitigation_exit(void)
{
}

module_init(mitigation_init);
module_exit(mitigation_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
