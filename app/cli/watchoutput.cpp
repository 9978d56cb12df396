// SPDX-License-Identifier: GPL-3.0-or-later
#include "watchoutput.h"

#include "cli.h"
#include "sse/utf8.h"
#include "util/orderedjson.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray wallTime(qint64 wallMs)
{
    return QDateTime::fromMSecsSinceEpoch(wallMs).toString(u"hh:mm:ss.zzz"_s).toLatin1();
}

QString textOf(QByteArrayView bytes)
{
    QByteArray valid;
    Utf8::appendSanitized(valid, bytes);
    return QString::fromUtf8(valid);
}

} // namespace

WatchOutput::WatchOutput(Format format, Show show, qint64 startNs)
    : m_format(format)
    , m_show(show)
    , m_startNs(startNs)
{
}

void WatchOutput::line(const QByteArray &bytes)
{
    if (m_ok)
        m_ok = Cli::printOut(QByteArray(bytes + '\n'));
}

QByteArray WatchOutput::time(qint64 monotonicNs) const
{
    return QByteArray::number(double(monotonicNs - m_startNs) / 1e6, 'f', 3);
}

void WatchOutput::event(const SseEvent &event, int attempt, qint64 wallMs)
{
    if (m_format == Format::Ndjson) {
        line(OrderedJson()
                 .add("kind", "event")
                 .add("type", Utf8::toString(event.type))
                 .add("data", Utf8::toString(event.data))
                 .add("id", Utf8::toString(event.lastEventId))
                 .add("attempt", attempt)
                 .add("wall_ms", wallMs)
                 .toJson());
        return;
    }
    QByteArray text = wallTime(wallMs) + " event " + event.type;
    if (!event.lastEventId.isEmpty())
        text += " id=" + event.lastEventId;
    line(text + ": " + event.data);
}

void WatchOutput::comment(const QByteArray &text, int attempt)
{
    if (!m_show.comments)
        return;
    if (m_format == Format::Ndjson)
        line(OrderedJson().add("kind", "comment").add("text", Utf8::toString(text)).add("attempt", attempt).toJson());
    else
        line(wallTime(QDateTime::currentMSecsSinceEpoch()) + " comment: " + text);
}

void WatchOutput::state(const StreamStateChange &change)
{
    // In text mode a failed connection must not pass in silence: the wait it causes is noted on standard error,
    // unless state lines already say it or the user asked for quiet.
    if (!m_show.states && !m_quiet && m_format == Format::Text && change.state == StreamState::WaitingToReconnect)
        Cli::printError(u"ssescope watch: %1"_s.arg(change.reason));
    if (!m_show.states)
        return;
    if (m_format == Format::Ndjson) {
        OrderedJson json;
        json.add("kind", "state").add("state", streamStateName(change.state));
        json.add("cause", streamCauseName(change.cause)).add("reason", change.reason);
        if (change.followUp != StreamFollowUp::None)
            json.add("follow_up", streamFollowUpName(change.followUp));
        json.add("attempt", change.attempt);
        if (change.httpStatus > 0)
            json.add("status", change.httpStatus);
        if (change.delayMs >= 0)
            json.add("delay_ms", change.delayMs);
        json.add("t_ms", qint64((change.monotonicNs - m_startNs) / 1000000));
        line(json.toJson());
        return;
    }
    line(wallTime(change.wallMs) + " [" + streamStateName(change.state).toUtf8() + "] " + change.reason.toUtf8());
}

void WatchOutput::chunk(const StreamChunk &chunk)
{
    if (!m_show.chunks)
        return;
    if (m_format == Format::Ndjson) {
        line(OrderedJson()
                 .add("kind", "chunk")
                 .add("attempt", chunk.attempt)
                 .add("offset", chunk.offset)
                 .add("size", qint64(chunk.bytes.size()))
                 .add("t_ms", qint64((chunk.monotonicNs - m_startNs) / 1000000))
                 .add("wall_ms", chunk.wallMs)
                 .add("text", textOf(chunk.bytes))
                 .toJson());
        return;
    }
    line(wallTime(chunk.wallMs) + " chunk +" + time(chunk.monotonicNs) + " ms, "
         + QByteArray::number(chunk.bytes.size()) + " bytes at " + QByteArray::number(chunk.offset));
}

void WatchOutput::diagnostic(const SseDiagnostic &diagnostic, int attempt)
{
    if (!m_show.diagnostics)
        return;
    if (m_format == Format::Ndjson) {
        line(OrderedJson()
                 .add("kind", "diagnostic")
                 .add("code", SseDiagnostic::kindName(diagnostic.kind))
                 .add("message", diagnostic.message())
                 .add("offset", diagnostic.offset)
                 .add("attempt", attempt)
                 .toJson());
        return;
    }
    line(wallTime(QDateTime::currentMSecsSinceEpoch()) + " diagnostic at byte " + QByteArray::number(diagnostic.offset)
         + ": " + diagnostic.message().toUtf8());
}

void WatchOutput::error(const QString &message, int attempt)
{
    if (m_format == Format::Ndjson)
        line(OrderedJson().add("kind", "error").add("message", message).add("attempt", attempt).toJson());
    Cli::printError(u"ssescope watch: %1"_s.arg(message));
}
