// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamtypes.h"

#include <cstddef>

using namespace Qt::Literals::StringLiterals;

QString streamStateName(StreamState state)
{
    switch (state) {
    case StreamState::Idle:
        return u"idle"_s;
    case StreamState::Connecting:
        return u"connecting"_s;
    case StreamState::Open:
        return u"open"_s;
    case StreamState::WaitingToReconnect:
        return u"waiting-to-reconnect"_s;
    case StreamState::ClosedByUser:
        return u"closed-by-user"_s;
    case StreamState::StoppedByServer:
        return u"stopped-by-server"_s;
    case StreamState::Finished:
        return u"finished"_s;
    case StreamState::Failed:
        return u"failed"_s;
    }
    return u"unknown"_s;
}

bool isFinalState(StreamState state)
{
    return state == StreamState::ClosedByUser || state == StreamState::StoppedByServer || state == StreamState::Finished
        || state == StreamState::Failed;
}

namespace {

template<typename Enum> struct NamedValue
{
    Enum value;
    const char16_t *name;
};

template<typename Enum, std::size_t Size> QString nameIn(const NamedValue<Enum> (&table)[Size], Enum value)
{
    for (const NamedValue<Enum> &entry : table) {
        if (entry.value == value)
            return QString::fromUtf16(entry.name);
    }
    return QString::fromUtf16(table[0].name);
}

template<typename Enum, std::size_t Size> Enum valueIn(const NamedValue<Enum> (&table)[Size], QStringView name)
{
    for (const NamedValue<Enum> &entry : table) {
        if (name == QStringView(entry.name))
            return entry.value;
    }
    return table[0].value;
}

// The first entry of each table is what an unknown name reads as.
constexpr NamedValue<StreamCause> CauseNames[] = {
    {StreamCause::Unknown, u"unknown"},
    {StreamCause::Connecting, u"connecting"},
    {StreamCause::TlsErrorsIgnored, u"tls-errors-ignored"},
    {StreamCause::Opened, u"opened"},
    {StreamCause::NotHttpUrl, u"not-http-url"},
    {StreamCause::CaFileUnreadable, u"ca-file-unreadable"},
    {StreamCause::CannotConnect, u"cannot-connect"},
    {StreamCause::TlsFailed, u"tls-failed"},
    {StreamCause::RequestFailed, u"request-failed"},
    {StreamCause::WrongStatus, u"wrong-status"},
    {StreamCause::NoContent, u"no-content"},
    {StreamCause::WrongContentType, u"wrong-content-type"},
    {StreamCause::OverLimit, u"over-limit"},
    {StreamCause::IdleTimeout, u"idle-timeout"},
    {StreamCause::ServerEnded, u"server-ended"},
    {StreamCause::ConnectionBroke, u"connection-broke"},
    {StreamCause::StopRuleType, u"stop-rule-type"},
    {StreamCause::StopRuleData, u"stop-rule-data"},
    {StreamCause::StopRuleCount, u"stop-rule-count"},
    {StreamCause::ClosedByUser, u"closed-by-user"},
};

constexpr NamedValue<StreamFollowUp> FollowUpNames[] = {
    {StreamFollowUp::None, u"none"},
    {StreamFollowUp::Reconnect, u"reconnect"},
    {StreamFollowUp::ReconnectingOff, u"reconnecting-off"},
    {StreamFollowUp::WouldRepeatRequest, u"would-repeat-request"},
    {StreamFollowUp::AttemptsExhausted, u"attempts-exhausted"},
};

// A duration as "1.5 s" (tenths below ten seconds).
QString secondsText(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms < 10000 ? 1 : 0) + u" s"_s;
}

QString causeSentence(const StreamStateChange &change)
{
    const QString &detail = change.detail;
    switch (change.cause) {
    case StreamCause::Unknown:
        return change.reason;
    case StreamCause::Connecting: {
        QString text = u"%1 %2"_s.arg(QString::fromLatin1(change.method), detail);
        if (change.attempt > 1)
            text = u"attempt %1: "_s.arg(change.attempt) + text;
        if (!change.lastEventId.isEmpty())
            text += u" with Last-Event-ID %1"_s.arg(QString::fromUtf8(change.lastEventId));
        return text;
    }
    case StreamCause::TlsErrorsIgnored:
        return u"TLS ERRORS IGNORED as asked: %1"_s.arg(detail);
    case StreamCause::Opened:
        return u"status %1, %2"_s.arg(change.httpStatus).arg(detail);
    case StreamCause::NotHttpUrl:
        return u"'%1' is not an http or https URL"_s.arg(detail);
    case StreamCause::CaFileUnreadable:
        return u"no PEM certificate could be read from '%1'"_s.arg(detail);
    case StreamCause::CannotConnect:
        return u"cannot connect: %1"_s.arg(detail);
    case StreamCause::TlsFailed:
        return u"TLS handshake failed: %1"_s.arg(detail);
    case StreamCause::RequestFailed:
        return detail;
    case StreamCause::WrongStatus: {
        QString text = u"status %1"_s.arg(change.httpStatus);
        if (!detail.isEmpty())
            text += u' ' + detail;
        if (change.httpStatus >= 300 && change.httpStatus < 400)
            text += u": a redirect without a usable Location header"_s;
        const QByteArray body = change.body.simplified();
        if (!body.isEmpty())
            text += u": "_s + QString::fromUtf8(body.left(200));
        return text;
    }
    case StreamCause::NoContent:
        return u"status 204 No Content: the server asks not to reconnect"_s;
    case StreamCause::WrongContentType:
        return detail.isEmpty()
            ? u"status %1 without a Content-Type: not text/event-stream"_s.arg(change.httpStatus)
            : u"status %1 but Content-Type is %2, not text/event-stream"_s.arg(change.httpStatus).arg(detail);
    case StreamCause::OverLimit:
        return u"the stream went over a limit: %1"_s.arg(detail);
    case StreamCause::IdleTimeout:
        return u"no byte for %1 (read timeout)"_s.arg(secondsText(change.timeoutMs));
    case StreamCause::ServerEnded:
        return u"the server ended the stream"_s;
    case StreamCause::ConnectionBroke:
        return u"the connection broke: %1"_s.arg(detail);
    case StreamCause::StopRuleType:
        return u"stop rule: event type %1"_s.arg(detail);
    case StreamCause::StopRuleData:
        return u"stop rule: data %1"_s.arg(detail);
    case StreamCause::StopRuleCount:
        return detail == u"1" ? u"stop rule: 1 event received"_s : u"stop rule: %1 events received"_s.arg(detail);
    case StreamCause::ClosedByUser:
        return u"closed by the user"_s;
    }
    return change.reason;
}

} // namespace

QString streamCauseName(StreamCause cause)
{
    return nameIn(CauseNames, cause);
}

StreamCause streamCauseFromName(QStringView name)
{
    return valueIn(CauseNames, name);
}

QString streamFollowUpName(StreamFollowUp followUp)
{
    return nameIn(FollowUpNames, followUp);
}

StreamFollowUp streamFollowUpFromName(QStringView name)
{
    return valueIn(FollowUpNames, name);
}

QString streamStateReason(const StreamStateChange &change)
{
    if (change.cause == StreamCause::Unknown)
        return change.reason;
    QString text = causeSentence(change);
    switch (change.followUp) {
    case StreamFollowUp::None:
        break;
    case StreamFollowUp::Reconnect:
        text += u"; attempt %1 in %2%3"_s.arg(change.attempt + 1)
                    .arg(secondsText(change.delayMs), change.retryAfter ? u" (Retry-After)"_s : QString());
        break;
    case StreamFollowUp::ReconnectingOff:
        text += u"; reconnecting is off"_s;
        break;
    case StreamFollowUp::WouldRepeatRequest:
        text += u"; not reconnecting: that would send the %1 request again (allow it with the reconnect-POST "
                u"option)"_s.arg(QString::fromLatin1(change.method));
        break;
    case StreamFollowUp::AttemptsExhausted:
        text += change.attempt == 1 ? u"; gave up after 1 attempt"_s
                                    : u"; gave up after %1 attempts"_s.arg(change.attempt);
        break;
    }
    return text;
}
