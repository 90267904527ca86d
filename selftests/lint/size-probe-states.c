// SPDX-License-Identifier: GPL-2.0-only
/*
 * The second file of the two-file size probe: its states, declared with
 * the header (WITH_STATE=1), and a lookup, which reaches the engine of
 * size-probe.c.
 */
#include <linux/livepatch.h>
#include <linux/module.h>
#if WITH_STATE
#include <klp/state.h>

static void probe_dtor(void *obj, void *data)
{
	/* a lookup from the file that does not hold the engine */
	WARN_ON(!klp_get_prev_state(1));
}

struct klp_state probe_states[] = { KLP_SHADOW_STATE(1, probe_dtor), {} };
#else
int probe_second_file;
#endif
