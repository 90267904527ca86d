# SPDX-License-Identifier: GPL-2.0-only
# bad input: not text
% insmod test_klp_state_a.ko states=1
ÿþ livepatch
