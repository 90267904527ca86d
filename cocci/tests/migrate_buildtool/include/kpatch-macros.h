/* SPDX-License-Identifier: GPL-2.0-only */
/* Minimal stand-in: the real header comes with kpatch-build. */
#ifndef KP_STANDIN_H
#define KP_STANDIN_H
#include <linux/livepatch.h>

typedef struct klp_object patch_object;

#define KP_STANDIN_CB(kind, ret, fn)					\
	static ret (*kp_standin_##kind)(patch_object *)			\
		__used __section(".discard.kp_standin") = fn
#define KPATCH_PRE_PATCH_CALLBACK(fn)	KP_STANDIN_CB(pre_patch, int, fn)
#define KPATCH_POST_PATCH_CALLBACK(fn)	KP_STANDIN_CB(post_patch, void, fn)
#define KPATCH_PRE_UNPATCH_CALLBACK(fn)	KP_STANDIN_CB(pre_unpatch, void, fn)
#define KPATCH_POST_UNPATCH_CALLBACK(fn) KP_STANDIN_CB(post_unpatch, void, fn)
#endif
