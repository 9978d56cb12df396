// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class MockProducer;

/** `ssescope serve`: runs the embedded producer headless and logs every connection. */
class ServeCommand final
{
public:
    /** Runs with the arguments after the command name until interrupted; returns a Cli::ExitCode. */
    int run(const QStringList &arguments);

    /** The time of day that starts every log line, hh:mm:ss.zzz. */
    static QString timeOfDay();
    /** Serves until Ctrl-C or SIGTERM, then stops the producer, saying how many streams it closed; returns Cli::Ok. */
    static int serveUntilInterrupted(MockProducer &producer);
};
