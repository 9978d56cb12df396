// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

/** `ssescope parse [FILE|-]`: parses a stored stream and prints NDJSON or a summary. */
class ParseCommand final
{
public:
    /** Runs with the arguments after the command name; returns a Cli::ExitCode. */
    int run(const QStringList &arguments);
};
