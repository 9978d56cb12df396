// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QTest>

// The one way the command tests run the ssescope binary (SSESCOPE_BINARY, defined per test target).

/** What one run of ssescope gave. */
struct CommandRun
{
    int exitCode = -1; // -1 when it crashed, did not start or did not end in time
    QByteArray out;
    QByteArray err;
    QList<QJsonObject> records; // the lines of out that are JSON objects (NDJSON output)
};

/**
 * Runs ssescope with arguments and input on its standard input (closed after it), for at most timeoutMs. This
 * process's event loop keeps turning meanwhile, so a producer living in the test answers the command.
 */
inline CommandRun runSsescope(const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 30000)
{
    CommandRun run;
    QProcess process;
    process.start(QStringLiteral(SSESCOPE_BINARY), arguments);
    if (!process.waitForStarted(10000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        qWarning("ssescope %s did not end within %d ms", qPrintable(arguments.join(u' ')), timeoutMs);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    for (const QByteArray &line : run.out.split('\n')) {
        if (line.startsWith('{'))
            run.records << QJsonDocument::fromJson(line).object();
    }
    return run;
}
