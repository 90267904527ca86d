// SPDX-License-Identifier: GPL-2.0-only
#include <linux/livepatch.h>
#include "lp-proto.h"

unsigned int proto_stats_users;
