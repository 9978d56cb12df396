// SPDX-License-Identifier: GPL-3.0-or-later
#include "console.h"

void Platform::releaseOwnConsole()
{
    // A program started from a desktop gets no terminal here: nothing to release.
}
