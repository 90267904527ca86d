/* SPDX-License-Identifier: GPL-2.0-only */
/* Minimal stand-in for the header Linux 6.19 ships for klp-build. */
#ifndef KLPB_STANDIN_H
#define KLPB_STANDIN_H
#include <linux/livepatch.h>

#define KLPB_STANDIN_CB(kind, ret, fn)					\
	static ret (*klpb_standin_##kind)(struct klp_object *)		\
		__used __section(".discard.klpb_standin") = fn
#define KLP_PRE_PATCH_CALLBACK(fn)	KLPB_STANDIN_CB(pre_patch, int, fn)
#define KLP_POST_PATCH_CALLBACK(fn)	KLPB_STANDIN_CB(post_patch, void, fn)
#define KLP_PRE_UNPATCH_CALLBACK(fn)	KLPB_STANDIN_CB(pre_unpatch, void, fn)
#define KLP_POST_UNPATCH_CALLBACK(fn)	KLPB_STANDIN_CB(post_unpatch, void, fn)
#endif
