// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Platform {

/** Closes the console window that Windows opened for this process because it was started from the desktop (the
 *  Start menu, a double-clicked recording), before the window shows; does nothing in a terminal or elsewhere. */
void releaseOwnConsole();

} // namespace Platform
