// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

/** `ssescope replay FILE`: serves a recorded session over HTTP, byte for byte and with its timing. */
class ReplayCommand final
{
public:
    /** Runs with the arguments after the command name until interrupted; returns a Cli::ExitCode. */
    int run(const QStringList &arguments);
};
