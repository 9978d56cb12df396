// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

/**
 * `ssescope watch URL`: follows a stream with the same client as the window, and prints what it does.
 * `ssescope record URL -o FILE` is the same session written to a recording instead.
 */
class WatchCommand final
{
public:
    enum class Mode { Watch, Record };

    explicit WatchCommand(Mode mode = Mode::Watch)
        : m_mode(mode)
    {
    }

    /** Exit codes beyond Cli's shared ones. */
    enum ExitCode : int {
        StoppedByServer = 6, // the server answered 204
        Interrupted = 130, // Ctrl-C or SIGTERM
    };

    /** Runs with the arguments after the command name until the session ends; returns the exit code. */
    int run(const QStringList &arguments);

private:
    Mode m_mode;
};
