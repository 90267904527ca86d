/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef LP_QUOTA_H
#define LP_QUOTA_H

#include <linux/livepatch.h>

#define SV_QUOTA_WARN	0x7302

void quota_post_unpatch(struct klp_object *obj);

#endif
