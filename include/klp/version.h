/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * klp/version.h - the release of the klp-state headers
 *
 * The numbers follow the promise of Documentation/stability.rst: a new
 * major release may rename a macro or change what a callback sees, a new
 * minor release only adds, a new patch release only fixes.  The header
 * includes nothing and may be included on its own, also from user space
 * tools that read a livepatch's stamp.
 */
#ifndef _KLP_VERSION_H
#define _KLP_VERSION_H

/**
 * KLP_STATE_VERSION_MAJOR - major number of the klp-state release
 *
 * Changes when a macro name, the semantics of a state callback or a rule
 * of the compat protocol changes in a way that needs the livepatch's
 * source to change.
 */
#define KLP_STATE_VERSION_MAJOR	0

/**
 * KLP_STATE_VERSION_MINOR - minor number of the klp-state release
 *
 * Changes when a release adds macros, designators or a compat protocol
 * number, and everything that built and behaved before still does.
 */
#define KLP_STATE_VERSION_MINOR	1

/**
 * KLP_STATE_VERSION_PATCH - patch number of the klp-state release
 *
 * Changes when a release only fixes bugs.
 */
#define KLP_STATE_VERSION_PATCH	0

/**
 * KLP_STATE_MKVERSION - a comparable number from a release's numbers
 * @major: major number, 0 to 255
 * @minor: minor number, 0 to 255
 * @patch: patch number, 0 to 255
 *
 * Built like KERNEL_VERSION(): compare KLP_STATE_VERSION with it, for
 * example ``#if KLP_STATE_VERSION >= KLP_STATE_MKVERSION(0, 2, 0)``.
 */
#define KLP_STATE_MKVERSION(major, minor, patch)			\
	(((major) << 16) + ((minor) << 8) + (patch))

/**
 * KLP_STATE_VERSION - the release of these headers as one number
 *
 * KLP_STATE_MKVERSION() of the three numbers above: a later release has a
 * greater KLP_STATE_VERSION.  Usable in ``#if``.
 */
#define KLP_STATE_VERSION						\
	KLP_STATE_MKVERSION(KLP_STATE_VERSION_MAJOR, KLP_STATE_VERSION_MINOR, \
			    KLP_STATE_VERSION_PATCH)

/**
 * KLP_STATE_VERSION_STRING - the release of these headers as a string
 *
 * "MAJOR.MINOR.PATCH", the same numbers, as the release is tagged
 * (``v0.1.0``, without the ``v``) and as packages name it.
 */
#define KLP_STATE_VERSION_STRING	"0.1.0"

#endif /* _KLP_VERSION_H */
