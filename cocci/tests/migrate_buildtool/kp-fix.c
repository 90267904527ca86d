// SPDX-License-Identifier: GPL-2.0-only
/* A patched kernel file as kpatch-build sees it: callbacks by macro. */
#include <linux/module.h>
#include <linux/sysctl.h>
#include "kpatch-macros.h"

static int saved_limit;
static int pipe_limit = 16;

static int limit_pre(patch_object *obj)
{
	saved_limit = pipe_limit;
	pipe_limit = 8;
	return 0;
}
KPATCH_PRE_PATCH_CALLBACK(limit_pre);

static void limit_post_unpatch(patch_object *obj)
{
	pipe_limit = saved_limit;
}
KPATCH_POST_UNPATCH_CALLBACK(limit_post_unpatch);

MODULE_LICENSE("GPL");
