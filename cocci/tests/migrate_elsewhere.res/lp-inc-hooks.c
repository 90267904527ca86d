// SPDX-License-Identifier: GPL-2.0-only
/* Included by lp-inc.c, not built on its own. */
static bool audit_on;

static int audit_hooks_on(struct klp_object *obj)
{
	audit_on = true;
	return 0;
}

static void audit_hooks_off(struct klp_object *obj)
{
	audit_on = false;
}
