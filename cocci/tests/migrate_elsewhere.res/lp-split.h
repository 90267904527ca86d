/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef LP_SPLIT_H
#define LP_SPLIT_H

#include <linux/livepatch.h>

int split_setup(struct klp_object *obj);
void split_teardown(struct klp_object *obj);

#endif
