// SPDX-License-Identifier: GPL-3.0-or-later
#include "watchoutput.h"

#include "cli.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray wallTime(qint64 wallMs)
{
    return QDateTime::fromMSecsSinceEpoch(wallMs).toString(u"hh:mm:ss.zzz"_s).toLatin1();
}

} // namespace

WatchOutput::WatchOutput(Format format, Show show, qint64 startNs)
    : m_format(format)
    , m_show(show)
    , m_startNs(startNs)
    , m_records(startNs)
{
}

void WatchOutput::line(const QByteArray &bytes)
{
    if (m_ok)
        m_ok = Cli::printOut(QByteArray(bytes + '\n'));
}

void WatchOutput::record(const QByteArray &ndjson)
{
    if (m_ok)
        m_ok = Cli::printOut(ndjson);
}

QByteArray WatchOutput::time(qint64 monotonicNs) const
{
    return QByteArray::number(double(monotonicNs - m_startNs) / 1e6, 'f', 3);
}

void WatchOutput::event(const SseEvent &event, int attempt, qint64 monotonicNs, qint64 wallMs)
{
    if (m_format == Format::Ndjson) {
        QByteArray out;
        m_records.appendEvent(out, event, attempt, monotonicNs, wallMs);
        record(out);
        return;
    }
    QByteArray text = wallTime(wallMs) + " event " + event.type;
    if (!event.lastEventId.isEmpty())
        text += " id=" + event.lastEventId;
    line(text + ": " + event.data);
}

void WatchOutput::comment(const QByteArray &text, int attempt, qint64 monotonicNs, qint64 wallMs)
{
    if (!m_show.comments)
        return;
    if (m_format == Format::Ndjson) {
        QByteArray out;
        m_records.appendComment(out, text, attempt, monotonicNs, wallMs);
        record(out);
        return;
    }
    line(wallTime(wallMs) + " comment: " + text);
}

void WatchOutput::state(const StreamStateChange &change)
{
    // In text mode a failed connection must not pass in silence: the wait it causes is noted on standard error,
    // unless state lines already say it or the user asked for quiet.
    if (!m_show.states && !m_quiet && m_format == Format::Text && change.state == StreamState::WaitingToReconnect)
        note(change.reason);
    if (!m_show.states)
        return;
    if (m_format == Format::Ndjson) {
        QByteArray out;
        m_records.appendState(out, change);
        record(out);
        return;
    }
    line(wallTime(change.wallMs) + " [" + streamStateName(change.state).toUtf8() + "] " + change.reason.toUtf8());
}

void WatchOutput::chunk(const StreamChunk &chunk)
{
    if (!m_show.chunks)
        return;
    if (m_format == Format::Ndjson) {
        QByteArray out;
        m_records.appendChunk(out, chunk);
        record(out);
        return;
    }
    line(wallTime(chunk.wallMs) + " chunk +" + time(chunk.monotonicNs) + " ms, "
         + QByteArray::number(chunk.bytes.size()) + " bytes at " + QByteArray::number(chunk.offset));
}

void WatchOutput::diagnostic(const SseDiagnostic &diagnostic, int attempt, qint64 monotonicNs, qint64 wallMs)
{
    if (!m_show.diagnostics)
        return;
    if (m_format == Format::Ndjson) {
        QByteArray out;
        m_records.appendDiagnostic(out, diagnostic, attempt, monotonicNs, wallMs);
        record(out);
        return;
    }
    line(wallTime(wallMs) + " diagnostic at byte " + QByteArray::number(diagnostic.offset) + ": "
         + diagnostic.message().toUtf8());
}

void WatchOutput::error(const QString &message, int attempt)
{
    if (m_format == Format::Ndjson) {
        QByteArray out;
        NdjsonRecords::appendError(out, message, attempt);
        record(out);
    }
    note(message);
}

void WatchOutput::note(const QString &message) const
{
    Cli::printError(u"ssescope %1: %2"_s.arg(m_command, message));
}
