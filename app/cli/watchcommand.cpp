// SPDX-License-Identifier: GPL-3.0-or-later
#include "watchcommand.h"

#include "cli.h"
#include "net/sseclient.h"
#include "platform/termination.h"
#include "recording/sessionrecorder.h"
#include "recording/sessionwriter.h"
#include "watchoutput.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace {

// What the last state of a session says about how it went, by its cause.
int exitCodeFor(const StreamStateChange &last, bool opened, bool outputOk)
{
    switch (last.state) {
    case StreamState::StoppedByServer:
        return WatchCommand::StoppedByServer;
    case StreamState::ClosedByUser:
        return outputOk ? int(WatchCommand::Interrupted) : int(Cli::OutputError);
    case StreamState::Finished:
    case StreamState::Failed:
        break;
    default:
        return Cli::Ok;
    }
    switch (last.cause) {
    case StreamCause::CaFileUnreadable:
        return Cli::InputError;
    case StreamCause::NotHttpUrl:
        return Cli::UsageError;
    case StreamCause::CannotConnect:
    case StreamCause::TlsFailed:
        return Cli::NetworkError;
    case StreamCause::ServerEnded:
    case StreamCause::ConnectionBroke:
    case StreamCause::IdleTimeout:
        // The stream ended as streams do; with nothing ever opened, nothing worked.
        if (!opened)
            return Cli::NetworkError;
        return last.followUp == StreamFollowUp::AttemptsExhausted ? Cli::StreamError : Cli::Ok;
    case StreamCause::StopRuleType:
    case StreamCause::StopRuleData:
    case StreamCause::StopRuleCount:
        return Cli::Ok;
    default:
        return last.state == StreamState::Failed ? Cli::StreamError : Cli::Ok;
    }
}

const QString HelpTail = uR"(
Output: --format text (the default) prints one line per event for people; --format ndjson prints one JSON
object per line, flushed at once, each with a "kind":
  {"kind":"event","type":"...","data":"...","id":"...","attempt":N,"t_ms":N,"wall_ms":N}
  {"kind":"comment","text":"...","attempt":N,"t_ms":N,"wall_ms":N}           with --show comments
  {"kind":"state","state":"open","cause":"opened","reason":"...","attempt":N,"status":200,"t_ms":N,"wall_ms":N}
                                                                             with --show state
  A state's "cause" is one of connecting, tls-errors-ignored, opened, not-http-url, ca-file-unreadable,
  cannot-connect, tls-failed, request-failed, wrong-status, no-content, wrong-content-type, over-limit,
  idle-timeout, server-ended, connection-broke, stop-rule-type, stop-rule-data, stop-rule-count,
  closed-by-user; when a connection ended, "follow_up" says what came next (reconnect with "delay_ms",
  reconnecting-off, would-repeat-request, attempts-exhausted).
  {"kind":"chunk","attempt":N,"offset":N,"size":N,"t_ms":N,"wall_ms":N,"text":"..."}
                                                                             with --show chunks
  {"kind":"diagnostic","code":"...","message":"...","offset":N,"attempt":N,"t_ms":N,"wall_ms":N}
                                                                             with --show diagnostics
  {"kind":"error","message":"...","attempt":N}                               always
t_ms is the time since the watch started. "ssescope export --format ndjson" writes the same records of a
recording (all but chunks and errors).
States: connecting, open, waiting-to-reconnect, closed-by-user, stopped-by-server, finished, failed.

Reconnecting: after an open stream ends, the client waits the reconnection time (--retry-ms, or the server's
retry:), then backs off exponentially, never below that time, up to --max-retry-ms, and sends
Last-Event-ID. A POST is not sent again unless --reconnect-post says so. 5xx answers end the session
unless --retry-5xx.

Connection failures and reconnect waits are noted on standard error in text mode (--quiet hushes them; with
--show state they are state lines instead).

Exit codes: 0 finished (a stop rule matched, --max-events reached, or an opened stream ended with reconnecting
off), 1 failed (status, content type, limit, or --max-attempts used up after a stream had opened), 2 bad
command line, 3 a file given cannot be read (--cacert), 4 no stream was ever opened (the host cannot be
reached, TLS failed, or the connection broke before a response) and no more attempts follow, 5 standard output
cannot be written, 6 the server answered 204, 130 interrupted.

Examples:
  ssescope watch http://127.0.0.1:8765/ticker --show state
  ssescope watch https://api.example.com/v1/chat/completions -X POST -H 'Authorization: Bearer KEY' \
      -H 'Content-Type: application/json' -d @request.json --until-data '[DONE]' --format ndjson
  ssescope watch http://localhost:8000/events --proxy http://127.0.0.1:3128 --read-timeout-ms 30000
  ssescope watch http://127.0.0.1:8765/ticker --record ticker.sserec --max-events 20
)"_s;

const QString RecordHelpTail = uR"(
Records a session to FILE: the request (Authorization, Cookie and API-key headers redacted unless
--keep-secrets), every response head, every raw chunk with its time, and every state change, one JSON object
per line (the format: session-format.md, in /usr/share/doc/ssescope on Linux). Nothing is printed but errors
and, at the end, a summary on standard error.
The options are those of `ssescope watch`.

Exit codes: as for watch; 5 also when FILE cannot be written.

Examples:
  ssescope record 'http://127.0.0.1:8765/ticker?count=50' -o ticker.sserec --no-reconnect
  ssescope record https://api.example.com/v1/chat/completions -d @request.json \
      -H 'Authorization: Bearer KEY' -H 'Content-Type: application/json' --until-data '[DONE]' -o chat.sserec
)"_s;

} // namespace

int WatchCommand::run(const QStringList &arguments)
{
    const bool recordMode = m_mode == Mode::Record;
    const QString name = recordMode ? u"record"_s : u"watch"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(recordMode ? u"Record an event stream to a session file."_s
                                                : u"Follow an event stream with SSE Scope's client: reconnects, "
                                                  u"Last-Event-ID, stop rules, and every state change with its "
                                                  u"reason."_s);
    parser.addPositionalArgument(u"URL"_s, u"The http or https URL of the stream."_s);
    parser.addOptions({
        {{u"X"_s, u"method"_s}, u"Request method (default GET)."_s, u"METHOD"_s},
        {{u"H"_s, u"header"_s}, u"A request header 'Name: value' (repeatable)."_s, u"HEADER"_s},
        {{u"d"_s, u"data"_s},
         u"Request body; @FILE reads it from a file. Implies POST unless -X says otherwise."_s,
         u"BODY"_s},
        {u"last-event-id"_s, u"Last-Event-ID to send on the first connection."_s, u"ID"_s},
        {u"retry-ms"_s, u"Reconnection time until the server sends retry: (default 3000)."_s, u"MS"_s},
        {u"max-retry-ms"_s, u"Cap of the reconnect backoff (default 30000)."_s, u"MS"_s},
        {u"read-timeout-ms"_s, u"Reconnect when no byte arrives for this long; comments count (default: off)."_s,
         u"MS"_s},
        {u"no-reconnect"_s, u"End the session when the stream ends."_s},
        {u"reconnect-post"_s, u"Reconnect a POST too, sending it again (it may repeat a paid request)."_s},
        {u"retry-5xx"_s, u"Reconnect after 5xx answers, honouring Retry-After."_s},
        {u"until-event"_s, u"Stop after an event of this type (repeatable), e.g. close."_s, u"TYPE"_s},
        {u"until-data"_s, u"Stop after an event with exactly this data (repeatable), e.g. [DONE]."_s, u"TEXT"_s},
        {u"max-events"_s, u"Stop after this many events."_s, u"N"_s},
        {u"max-attempts"_s, u"Give up after this many connection attempts in all."_s, u"N"_s},
        {u"insecure"_s, u"Accept invalid TLS certificates (said loudly in the output)."_s},
        {u"cacert"_s, u"Trust the PEM certificates in FILE besides the system's."_s, u"FILE"_s},
        {u"proxy"_s, u"Proxy URL (http://host:port or socks5://host:port), or none (default: the system's)."_s,
         u"PROXY"_s},
        {u"format"_s, u"text (default) or ndjson."_s, u"FORMAT"_s},
        {u"show"_s, u"Also print: comments, state, chunks, diagnostics (comma-separated or repeated, or all)."_s,
         u"LIST"_s},
        {u"keep-secrets"_s, u"Keep Authorization, Cookie and API-key header values in the recording."_s},
        {{u"q"_s, u"quiet"_s}, u"Do not note connection failures and reconnect waits on standard error."_s},
    });
    if (recordMode)
        parser.addOption({{u"o"_s, u"output"_s}, u"The recording to write (.sserec)."_s, u"FILE"_s});
    else
        parser.addOption({u"record"_s, u"Also record the session to FILE (.sserec)."_s, u"FILE"_s});
    if (const auto exitCode = Cli::parseArguments(
            parser, name, recordMode ? u"ssescope record [options] URL -o FILE"_s : u"ssescope watch [options] URL"_s,
            recordMode ? RecordHelpTail : HelpTail, arguments))
        return *exitCode;
    const auto error = [&name](const QString &message) {
        Cli::printError(u"ssescope "_s + name + u": "_s + message);
    };
    const QString recordPath = parser.value(recordMode ? u"output"_s : u"record"_s);
    if (recordMode && recordPath.isEmpty()) {
        error(u"where to? Give the file with -o FILE."_s);
        return Cli::UsageError;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        error(positional.isEmpty() ? u"which URL? Run 'ssescope %1 --help'."_s.arg(name)
                                   : u"one URL at a time, got %1."_s.arg(positional.size()));
        return Cli::UsageError;
    }

    StreamRequest request;
    request.url = QUrl::fromUserInput(positional.first());
    const QString scheme = request.url.scheme();
    if (!request.url.isValid() || (scheme != u"http" && scheme != u"https")) {
        error(u"'%1' is not an http or https URL."_s.arg(positional.first()));
        return Cli::UsageError;
    }
    for (const QString &header : parser.values(u"header"_s)) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0) {
            error(u"-H takes 'Name: value', not '%1'."_s.arg(header));
            return Cli::UsageError;
        }
        request.headers.append({header.left(colon).trimmed().toUtf8(), header.mid(colon + 1).trimmed().toUtf8()});
    }
    if (parser.isSet(u"data"_s)) {
        const QString data = parser.value(u"data"_s);
        if (data.startsWith(u'@')) {
            QFile file(data.mid(1));
            if (!file.open(QIODevice::ReadOnly)) {
                error(u"cannot read the body from '%1': %2."_s.arg(file.fileName(), file.errorString()));
                return Cli::InputError;
            }
            request.body = file.readAll();
        } else {
            request.body = data.toUtf8();
        }
        request.method = "POST";
    }
    if (parser.isSet(u"method"_s))
        request.method = parser.value(u"method"_s).toUpper().toLatin1();
    request.lastEventId = parser.value(u"last-event-id"_s).toUtf8();

    ReconnectPolicy &policy = request.reconnect;
    qint64 maxEvents = 0;
    qint64 maxAttempts = 0;
    constexpr qint64 Unlimited = std::numeric_limits<qint64>::max();
    const auto integer = [&parser, &name](const QString &option, qint64 minimum, qint64 maximum, qint64 *value) {
        return Cli::integerOption(parser, name, option, minimum, maximum, value);
    };
    if (!integer(u"retry-ms"_s, 0, Unlimited, &policy.initialDelayMs)
        || !integer(u"max-retry-ms"_s, 0, Unlimited, &policy.maxDelayMs)
        || !integer(u"read-timeout-ms"_s, 1, Unlimited, &policy.idleTimeoutMs)
        || !integer(u"max-events"_s, 1, Unlimited, &maxEvents)
        || !integer(u"max-attempts"_s, 1, std::numeric_limits<int>::max(), &maxAttempts))
        return Cli::UsageError;
    policy.enabled = !parser.isSet(u"no-reconnect"_s);
    policy.reconnectPost = parser.isSet(u"reconnect-post"_s);
    policy.retryServerErrors = parser.isSet(u"retry-5xx"_s);
    policy.maxAttempts = int(maxAttempts);
    request.stop.maxEvents = maxEvents;
    for (const QString &type : parser.values(u"until-event"_s))
        request.stop.eventTypes.append(type.toUtf8());
    for (const QString &data : parser.values(u"until-data"_s))
        request.stop.dataValues.append(data.toUtf8());
    request.ignoreTlsErrors = parser.isSet(u"insecure"_s);
    if (request.ignoreTlsErrors) {
        error(u"WARNING: TLS certificate checks are off (--insecure): anyone on the way "
              u"can read and change this stream."_s);
    }
    if (parser.isSet(u"cacert"_s)) {
        request.caFile = parser.value(u"cacert"_s);
        if (!QFile::exists(request.caFile)) {
            error(u"--cacert: no file '%1'."_s.arg(request.caFile));
            return Cli::InputError;
        }
    }
    if (parser.isSet(u"proxy"_s)) {
        const QString proxy = parser.value(u"proxy"_s);
        if (proxy == u"none") {
            request.proxyMode = StreamRequest::ProxyMode::None;
        } else {
            request.proxyMode = StreamRequest::ProxyMode::Given;
            request.proxyUrl = QUrl(proxy);
            if (!request.proxyUrl.isValid() || request.proxyUrl.host().isEmpty()) {
                error(u"--proxy takes http://host:port, socks5://host:port or none, "
                      u"not '%1'."_s.arg(proxy));
                return Cli::UsageError;
            }
        }
    }

    const QString format = parser.value(u"format"_s);
    if (!format.isEmpty() && format != u"text" && format != u"ndjson") {
        error(u"--format takes text or ndjson, not '%1'."_s.arg(format));
        return Cli::UsageError;
    }
    const auto shown
        = Cli::listOption(parser, name, u"show"_s, {u"comments"_s, u"state"_s, u"chunks"_s, u"diagnostics"_s});
    if (!shown)
        return Cli::UsageError;
    WatchOutput::Show show;
    show.comments = shown->contains(u"comments"_s);
    show.states = shown->contains(u"state"_s);
    show.chunks = shown->contains(u"chunks"_s);
    show.diagnostics = shown->contains(u"diagnostics"_s);

    Clock *clock = Clock::system();
    SseClient client(request, clock);
    WatchOutput output(format == u"ndjson" ? WatchOutput::Format::Ndjson : WatchOutput::Format::Text, show,
                       clock->monotonicNs());
    output.setQuiet(parser.isSet(u"quiet"_s));
    output.setCommand(recordMode ? u"record"_s : u"watch"_s);
    int exitCode = Cli::Ok;
    bool opened = false; // a session that never opened a stream did not work, however it ended
    qint64 events = 0;
    qint64 bodyBytes = 0;
    QObject::connect(&client, &SseClient::eventReceived, &client, [&](const SseEvent &event) {
        ++events;
        if (recordMode)
            return; // a recording prints no events
        output.event(event, client.attempt(), clock->monotonicNs(), clock->wallMs());
        if (!output.ok())
            client.close();
    });

    std::unique_ptr<SessionRecorder> recorder;
    bool recordingFailed = false;
    if (!recordPath.isEmpty()) {
        auto writer = std::make_unique<SessionWriter>();
        writer->setKeepSecrets(parser.isSet(u"keep-secrets"_s));
        if (!writer->open(recordPath, clock->monotonicNs())) {
            error(u"cannot record to '%1': %2"_s.arg(recordPath, writer->errorString()));
            return Cli::OutputError;
        }
        recorder = std::make_unique<SessionRecorder>(&client, std::move(writer));
        QObject::connect(recorder.get(), &SessionRecorder::errorOccurred, &client, [&](const QString &message) {
            error(u"the recording stopped: %1"_s.arg(message));
            recordingFailed = true;
            client.close();
        });
    }
    QObject::connect(&client, &SseClient::commentReceived, &client, [&](const QByteArray &text, qint64) {
        output.comment(text, client.attempt(), clock->monotonicNs(), clock->wallMs());
    });
    QObject::connect(&client, &SseClient::chunkReceived, &client, [&](const StreamChunk &chunk) {
        bodyBytes += chunk.bytes.size();
        output.chunk(chunk);
    });
    QObject::connect(&client, &SseClient::diagnosticReported, &client, [&](const SseDiagnostic &diagnostic) {
        output.diagnostic(diagnostic, client.attempt(), clock->monotonicNs(), clock->wallMs());
    });
    // A limit the stream went over is a diagnostic too: with it the state that follows is explained.
    QObject::connect(&client, &SseClient::parseErrorOccurred, &client, [&](const SseParseError &parseError) {
        output.diagnostic(SseDiagnostic::fromParseError(parseError), client.attempt(), clock->monotonicNs(),
                          clock->wallMs());
    });
    QObject::connect(&client, &SseClient::stateChanged, &client, [&](const StreamStateChange &change) {
        output.state(change);
        opened = opened || change.state == StreamState::Open;
        if (!isFinalState(change.state))
            return;
        exitCode = exitCodeFor(change, opened, output.ok());
        if (exitCode == Cli::NetworkError && !opened)
            output.error(u"no stream was opened: %1"_s.arg(change.reason), change.attempt);
        else if (change.state == StreamState::Failed || change.state == StreamState::StoppedByServer)
            output.error(change.reason, change.attempt); // every exit but 0 says why
        QCoreApplication::exit(exitCode);
    });
    Termination::onRequest(&client, [&client]() { client.close(); });
    client.start();
    if (!isFinalState(client.state()))
        QCoreApplication::exec();
    if (!output.ok())
        error(u"cannot write to standard output."_s);
    if (recorder) {
        recorder->stop();
        if (recordingFailed) {
            exitCode = Cli::OutputError;
        } else if (recordMode) {
            Cli::printError(u"ssescope record: %1 events, %2 body bytes; %3 bytes written to %4"_s.arg(events)
                                .arg(bodyBytes)
                                .arg(recorder->writer().bytesWritten())
                                .arg(recordPath));
        }
    }
    return exitCode;
}
