/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef LP_PROTO_H
#define LP_PROTO_H

#include <linux/livepatch.h>

/* Shared by the patch and its statistics file. */
int proto_stats_on(struct klp_object *obj);
void proto_stats_off(struct klp_object *obj);
extern unsigned int proto_stats_users;

#endif
