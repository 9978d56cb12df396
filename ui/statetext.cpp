// SPDX-License-Identifier: GPL-3.0-or-later
#include "statetext.h"

#include "diagnostictext.h"

#include <QFileInfo>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace {

QString seconds(qint64 ms)
{
    return StateText::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', ms < 10000 ? 1 : 0));
}

} // namespace

QString StateText::name(StreamState state)
{
    switch (state) {
    case StreamState::Idle:
        return tr("idle");
    case StreamState::Connecting:
        return tr("connecting");
    case StreamState::Open:
        return tr("open");
    case StreamState::WaitingToReconnect:
        return tr("waiting-to-reconnect");
    case StreamState::ClosedByUser:
        return tr("closed-by-user");
    case StreamState::StoppedByServer:
        return tr("stopped-by-server");
    case StreamState::Finished:
        return tr("finished");
    case StreamState::Failed:
        return tr("failed");
    }
    return {};
}

QString StateText::title(StreamState state)
{
    switch (state) {
    case StreamState::Idle:
        return tr("not connected");
    case StreamState::Connecting:
        return tr("connecting");
    case StreamState::Open:
        return tr("open");
    case StreamState::WaitingToReconnect:
        return tr("waiting to reconnect");
    case StreamState::ClosedByUser:
        return tr("closed");
    case StreamState::StoppedByServer:
        return tr("stopped by the server");
    case StreamState::Finished:
        return tr("finished");
    case StreamState::Failed:
        return tr("failed");
    }
    return {};
}

QString StateText::colour(StreamState state)
{
    switch (state) {
    case StreamState::Open:
        return u"#2e9d4f"_s;
    case StreamState::Connecting:
    case StreamState::WaitingToReconnect:
        return u"#d08a00"_s;
    case StreamState::Failed:
        return u"#d03b3b"_s;
    case StreamState::StoppedByServer:
    case StreamState::Finished:
        return u"#3b7dd0"_s;
    case StreamState::Idle:
    case StreamState::ClosedByUser:
        break;
    }
    return u"#808080"_s;
}

QString StateText::cause(const StreamStateChange &change)
{
    const QString &detail = change.detail;
    switch (change.cause) {
    case StreamCause::Unknown:
        return change.reason;
    case StreamCause::Connecting: {
        const QString request = QString::fromLatin1(change.method) + u' ' + detail;
        return change.lastEventId.isEmpty()
            ? request
            : tr("%1 with Last-Event-ID %2").arg(request, QString::fromUtf8(change.lastEventId));
    }
    case StreamCause::TlsErrorsIgnored:
        return tr("TLS ERRORS IGNORED as asked: %1").arg(detail);
    case StreamCause::Opened:
        return tr("HTTP %1, %2").arg(change.httpStatus).arg(detail);
    case StreamCause::NotHttpUrl:
        return tr("'%1' is not an http or https URL").arg(detail);
    case StreamCause::CaFileUnreadable:
        return tr("no PEM certificate could be read from '%1'").arg(detail);
    case StreamCause::CannotConnect:
        return tr("cannot connect: %1").arg(detail);
    case StreamCause::TlsFailed:
        return tr("TLS handshake failed: %1").arg(detail);
    case StreamCause::RequestFailed:
        return tr("the request failed: %1").arg(detail);
    case StreamCause::WrongStatus:
        if (change.httpStatus >= 300 && change.httpStatus < 400)
            return tr("HTTP %1 %2: a redirect without a usable Location header").arg(change.httpStatus).arg(detail);
        return tr("HTTP %1 %2").arg(change.httpStatus).arg(detail).trimmed();
    case StreamCause::NoContent:
        return tr("HTTP 204 No Content: the server asks not to reconnect");
    case StreamCause::WrongContentType:
        return detail.isEmpty()
            ? tr("HTTP %1 without a Content-Type: not an event stream").arg(change.httpStatus)
            : tr("HTTP %1 with Content-Type %2, not text/event-stream").arg(change.httpStatus).arg(detail);
    case StreamCause::OverLimit:
        return tr("the stream went over a limit: %1").arg(detail);
    case StreamCause::IdleTimeout:
        return tr("no byte for %1 (read timeout)").arg(seconds(change.timeoutMs));
    case StreamCause::ServerEnded:
        return tr("the server ended the stream");
    case StreamCause::ConnectionBroke:
        return tr("the connection broke: %1").arg(detail);
    case StreamCause::StopRuleType:
        return tr("stop rule: event type %1").arg(detail);
    case StreamCause::StopRuleData:
        return tr("stop rule: data %1").arg(detail);
    case StreamCause::StopRuleCount:
        return tr("stop rule: %n event(s) received", nullptr, detail.toInt());
    case StreamCause::ClosedByUser:
        return tr("closed by the user");
    }
    return change.reason;
}

QString StateText::followUp(const StreamStateChange &change)
{
    switch (change.followUp) {
    case StreamFollowUp::None:
        return {};
    case StreamFollowUp::Reconnect:
        return change.retryAfter ? tr("attempt %1 in %2, as the server's Retry-After asks")
                                       .arg(change.attempt + 1)
                                       .arg(seconds(change.delayMs))
                                 : tr("attempt %1 in %2").arg(change.attempt + 1).arg(seconds(change.delayMs));
    case StreamFollowUp::ReconnectingOff:
        return tr("reconnecting is off");
    case StreamFollowUp::WouldRepeatRequest:
        return tr("not reconnecting: that would send the %1 request again").arg(QString::fromLatin1(change.method));
    case StreamFollowUp::AttemptsExhausted:
        return tr("gave up after %n attempt(s)", nullptr, change.attempt);
    }
    return {};
}

QString StateText::sentence(const StreamStateChange &change)
{
    const QString next = followUp(change);
    return next.isEmpty() ? cause(change) : tr("%1; %2").arg(cause(change), next);
}

QString StateText::followUpAdvice(StreamFollowUp followUp)
{
    if (followUp == StreamFollowUp::WouldRepeatRequest)
        return tr("Allow reconnecting POST requests under Request details > Policies if the server expects "
                  "them to be sent again.");
    if (followUp == StreamFollowUp::AttemptsExhausted)
        return tr("Every attempt the policy allows was used. Raise the number of attempts under Request "
                  "details > Policies, or press Restart.");
    return {};
}

QString StateText::advice(const StreamStateChange &change)
{
    switch (change.cause) {
    case StreamCause::NoContent:
        return tr("The server asked the client to stop (204). Browsers' EventSource stops here too.");
    case StreamCause::WrongStatus:
        if (change.httpStatus >= 500) {
            if (change.state != StreamState::Failed)
                return {};
            // "Retry 5xx" was on: something else kept the client from trying again.
            if (change.followUp == StreamFollowUp::ReconnectingOff)
                return tr("The server failed. Check its log; reconnecting is off under Request details > "
                          "Policies.");
            if (change.followUp == StreamFollowUp::WouldRepeatRequest
                || change.followUp == StreamFollowUp::AttemptsExhausted)
                return followUpAdvice(change.followUp);
            return tr("The server failed. Check its log; under Request details > Policies, \"Retry 5xx\" keeps "
                      "reconnecting as a resilient client would.");
        }
        if (change.httpStatus == 401 || change.httpStatus == 403)
            return tr("The server refused the credentials. Add or fix the Authorization header under Request "
                      "details > Headers.");
        if (change.httpStatus == 404)
            return tr("Nothing is served at this URL. Check the path.");
        if (change.httpStatus == 405)
            return tr("The server does not take this method here. Try GET or POST.");
        if (change.httpStatus >= 400)
            return tr("The server rejected the request. Its answer is shown below.");
        return {};
    case StreamCause::WrongContentType:
        return tr("This is not an event stream. The server must answer with Content-Type: text/event-stream. "
                  "What it sent is shown below.");
    case StreamCause::TlsFailed:
        return tr("The certificate is not trusted. Give its CA file, or ignore TLS errors for a test server.");
    case StreamCause::CaFileUnreadable:
        return tr("Choose a file with PEM certificates under Request details > Connection.");
    case StreamCause::OverLimit:
        return tr("Raise the line or event size limit under Request details > Policies if this stream is "
                  "meant to send that much.");
    case StreamCause::NotHttpUrl:
        return tr("Enter an http:// or https:// URL.");
    case StreamCause::CannotConnect:
        return tr("Nothing answers at this address. Is the server running, and is the port right?");
    case StreamCause::IdleTimeout:
        return tr("The server sent nothing for longer than the read timeout. Send comments as a heartbeat, or "
                  "raise the timeout under Request details > Policies.");
    case StreamCause::ConnectionBroke:
    case StreamCause::ServerEnded:
        return followUpAdvice(change.followUp);
    default:
        return {};
    }
}

QString StateText::live(const StreamStateChange &change, qint64 waitedMs)
{
    QString text = u"<span style=\"color:%1\">&#9679;</span> <b>%2</b>"_s.arg(colour(change.state),
                                                                              title(change.state).toHtmlEscaped());
    if (change.state == StreamState::WaitingToReconnect && change.delayMs >= 0) {
        const qint64 left = qMax<qint64>(0, change.delayMs - waitedMs);
        text += u" &mdash; "_s + tr("attempt %1 in %2").arg(change.attempt + 1).arg(seconds(left));
    } else if (change.attempt > 1) {
        text += u" &mdash; "_s + tr("attempt %1").arg(change.attempt);
    }
    // While waiting, the live countdown above says what follows.
    const QString reason = change.followUp == StreamFollowUp::Reconnect ? cause(change) : sentence(change);
    if (!reason.isEmpty())
        text += u" &mdash; "_s + reason.toHtmlEscaped();
    const QString hint = advice(change);
    if (!hint.isEmpty())
        text += u"<br><i>%1</i>"_s.arg(hint.toHtmlEscaped());
    return text;
}

QString StateText::replay(ReplayPlayer::State state, double speed)
{
    switch (state) {
    case ReplayPlayer::State::Playing:
        return speed > 0 ? tr("replaying at %1×").arg(QLocale().toString(speed)) : tr("replaying as fast as possible");
    case ReplayPlayer::State::Paused:
        return tr("replay paused");
    case ReplayPlayer::State::Finished:
        return tr("replayed");
    }
    return {};
}

QString StateText::recording(const QString &path, qint64 events, qint64 diagnostics, const StreamStateChange &lastState,
                             const QString &error, const QStringList &warnings, const QString &replayState, bool ended)
{
    QString text = u"<span style=\"color:#3b7dd0\">&#9632;</span> <b>%1</b> &mdash; %2"_s.arg(
        (replayState.isEmpty() ? tr("recording") : replayState).toHtmlEscaped(),
        QFileInfo(path).fileName().toHtmlEscaped());
    text += u" &mdash; "_s + tr("%n event(s)", nullptr, int(qMin<qint64>(events, INT_MAX)));
    if (diagnostics > 0)
        text += u", "_s + DiagnosticText::count(diagnostics).toHtmlEscaped();
    if (!lastState.reason.isEmpty())
        text += u" &mdash; "_s
            + (ended ? tr("ended %1: %2") : tr("%1: %2"))
                  .arg(title(lastState.state), sentence(lastState).toHtmlEscaped());
    if (!error.isEmpty())
        text += u"<br><i>%1</i>"_s.arg(error.toHtmlEscaped());
    for (const QString &warning : warnings)
        text += u"<br><i>%1</i>"_s.arg(warning.toHtmlEscaped());
    return text;
}
