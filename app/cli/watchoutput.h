// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "export/ndjsonrecords.h"

#include <QByteArray>

/** Prints what a watched stream does, as text for people or NDJSON for scripts, flushed per line. */
class WatchOutput final
{
public:
    enum class Format { Text, Ndjson };
    struct Show
    {
        bool comments = false;
        bool states = false;
        bool chunks = false;
        bool diagnostics = false;
    };

    WatchOutput(Format format, Show show, qint64 startNs);

    void event(const SseEvent &event, int attempt, qint64 monotonicNs, qint64 wallMs);
    void comment(const QByteArray &text, int attempt, qint64 monotonicNs, qint64 wallMs);
    void state(const StreamStateChange &change);
    void chunk(const StreamChunk &chunk);
    void diagnostic(const SseDiagnostic &diagnostic, int attempt, qint64 monotonicNs, qint64 wallMs);
    /** Errors are always printed: on standard error as text, on standard output as NDJSON. */
    void error(const QString &message, int attempt);

    /** No notes on standard error of failed connections and reconnect waits. */
    void setQuiet(bool quiet) { m_quiet = quiet; }
    /** The command the notes on standard error name ("watch" unless set). */
    void setCommand(const QString &command) { m_command = command; }

    /** False once standard output could not be written. */
    bool ok() const { return m_ok; }

private:
    void note(const QString &message) const;
    void line(const QByteArray &bytes);
    void record(const QByteArray &ndjson);
    QByteArray time(qint64 monotonicNs) const;

    Format m_format;
    Show m_show;
    qint64 m_startNs;
    NdjsonRecords m_records;
    bool m_ok = true;
    QString m_command = QStringLiteral("watch");
    bool m_quiet = false;
};
