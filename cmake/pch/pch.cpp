// SPDX-License-Identifier: GPL-3.0-or-later
// The one source of the targets that only hold a precompiled header for the tests to share.
