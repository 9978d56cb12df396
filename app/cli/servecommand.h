// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

/** `ssescope serve`: runs the embedded producer headless and logs every connection. */
class ServeCommand final
{
public:
    /** Runs with the arguments after the command name until interrupted; returns a Cli::ExitCode. */
    int run(const QStringList &arguments);
};
