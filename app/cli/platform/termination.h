// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

class QObject;

// The only platform-specific code of the command line: turning Ctrl-C and termination requests into a call
// on the event loop.
namespace Termination {

/** Calls handler on context's thread, from the event loop, when the user or the system asks the process to end. */
void onRequest(QObject *context, std::function<void()> handler);

} // namespace Termination
