# SPDX-License-Identifier: GPL-2.0-only
# bad input: nothing but comments
