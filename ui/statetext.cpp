// SPDX-License-Identifier: GPL-3.0-or-later
#include "statetext.h"

#include <QFileInfo>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace {

// Readable on light and dark backgrounds alike.
QString stateColour(StreamState state)
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

QString stateTitle(StreamState state)
{
    switch (state) {
    case StreamState::Idle:
        return StateText::tr("not connected");
    case StreamState::Connecting:
        return StateText::tr("connecting");
    case StreamState::Open:
        return StateText::tr("open");
    case StreamState::WaitingToReconnect:
        return StateText::tr("waiting to reconnect");
    case StreamState::ClosedByUser:
        return StateText::tr("closed");
    case StreamState::StoppedByServer:
        return StateText::tr("stopped by the server");
    case StreamState::Finished:
        return StateText::tr("finished");
    case StreamState::Failed:
        return StateText::tr("failed");
    }
    return {};
}

} // namespace

QString StateText::live(const StreamStateChange &change, qint64 waitedMs)
{
    QString text = u"<span style=\"color:%1\">&#9679;</span> <b>%2</b>"_s.arg(stateColour(change.state),
                                                                              stateTitle(change.state).toHtmlEscaped());
    if (change.state == StreamState::WaitingToReconnect && change.delayMs >= 0) {
        const qint64 left = qMax<qint64>(0, change.delayMs - waitedMs);
        text += u" &mdash; "_s + tr("attempt %1 in %2 s").arg(change.attempt + 1).arg(double(left) / 1000.0, 0, 'f', 1);
    } else if (change.attempt > 1) {
        text += u" &mdash; "_s + tr("attempt %1").arg(change.attempt);
    }
    QString reason = change.reason;
    if (change.state == StreamState::WaitingToReconnect) {
        // The reason ends with the attempt and delay chosen; the live countdown above says that.
        const qsizetype planned = reason.lastIndexOf(u"; attempt "_s);
        if (planned > 0)
            reason.truncate(planned);
    }
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

QString StateText::recording(const QString &path, qint64 events, const StreamStateChange &lastState,
                             const QString &error, const QStringList &warnings, const QString &replayState, bool ended)
{
    QString text = u"<span style=\"color:#3b7dd0\">&#9632;</span> <b>%1</b> &mdash; %2"_s.arg(
        (replayState.isEmpty() ? tr("recording") : replayState).toHtmlEscaped(),
        QFileInfo(path).fileName().toHtmlEscaped());
    text += u" &mdash; "_s + tr("%n event(s)", nullptr, int(qMin<qint64>(events, INT_MAX)));
    if (!lastState.reason.isEmpty())
        text += u" &mdash; "_s
            + (ended ? tr("ended %1: %2") : tr("%1: %2"))
                  .arg(streamStateName(lastState.state), lastState.reason.toHtmlEscaped());
    if (!error.isEmpty())
        text += u"<br><i>%1</i>"_s.arg(error.toHtmlEscaped());
    for (const QString &warning : warnings)
        text += u"<br><i>%1</i>"_s.arg(warning.toHtmlEscaped());
    return text;
}

QString StateText::advice(const StreamStateChange &change)
{
    const QString &reason = change.reason;
    switch (change.state) {
    case StreamState::StoppedByServer:
        return tr("The server asked the client to stop (204). Browsers' EventSource stops here too.");
    case StreamState::Failed:
        if (change.httpStatus >= 500)
            return tr("The server failed. Check its log; under Request details > Policies, \"Retry 5xx\" keeps "
                      "reconnecting as a resilient client would.");
        if (change.httpStatus == 401 || change.httpStatus == 403)
            return tr("The server refused the credentials. Add or fix the Authorization header under Request "
                      "details > Headers.");
        if (change.httpStatus == 404)
            return tr("Nothing is served at this URL. Check the path.");
        if (change.httpStatus == 405)
            return tr("The server does not take this method here. Try GET or POST.");
        if (change.httpStatus >= 400)
            return tr("The server rejected the request. Its answer is in the reason above.");
        if (reason.contains(u"Content-Type"_s))
            return tr("This is not an event stream. The server must answer with Content-Type: text/event-stream.");
        if (reason.contains(u"TLS"_s))
            return tr("The certificate is not trusted. Give its CA file, or ignore TLS errors for a test server.");
        if (reason.contains(u"limit"_s))
            return tr("Raise the line or event size limit under Request details > Policies if this stream is "
                      "meant to send that much.");
        if (reason.contains(u"not an http"_s))
            return tr("Enter an http:// or https:// URL.");
        return {};
    case StreamState::WaitingToReconnect:
        if (reason.contains(u"cannot connect"_s))
            return tr("Nothing answers at this address. Is the server running, and is the port right?");
        return {};
    default:
        return {};
    }
}
