// SPDX-License-Identifier: GPL-3.0-or-later
#include "console.h"

#include <windows.h>

void Platform::releaseOwnConsole()
{
    // ssescope is a console program so that its commands print in a terminal. A console that holds this process
    // alone was made for it by Windows, not by a terminal, and only shows an empty window beside the real one.
    DWORD processes[2];
    if (GetConsoleProcessList(processes, 2) == 1)
        FreeConsole();
}
