// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaycommand.h"

#include "cli.h"
#include "mockproducer.h"
#include "replayrecording.h"
#include "servecommand.h"

#include <QCommandLineParser>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr quint16 DefaultPort = 8765;

const QString HelpTail = uR"(
FILE is a session recording (.sserec, see docs/session-format.md). The response body of its first
connection attempt that got status 200 is served at http://ADDR:PORT/replay/1 to every GET: status 200,
the recorded Content-Type, and each recorded read as one write (one HTTP chunk), paused as recorded.

Query parameters of /replay/1:
  speed=X   a factor for the pauses (0.5 is half as fast, 10 ten times as fast, 0 without pauses);
            it overrides --speed for that request.
A request with a Last-Event-ID header starts right after the first event with that id, in the middle of a
read if the event ended there, and says so in X-Replay-Resumed-After; an id the recording does not hold
starts from the beginning with X-Replay-Unknown-Last-Event-ID. The end of the recording ends the response.

The producer binds to 127.0.0.1 unless --bind names another address. Ctrl-C or SIGTERM stops it.

Exit codes: 0 stopped on request, 2 bad command line, 3 the recording cannot be read or has nothing to
replay, 4 cannot listen on the address or port.
)"_s;

QString now()
{
    return ServeCommand::timeOfDay();
}

} // namespace

int ReplayCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Replay a recorded SSE session over HTTP, byte for byte and with its timing, to the app under test."_s);
    parser.addOptions({
        {u"speed"_s, u"Factor for the recorded pauses (default 1; 0 serves without pauses)."_s, u"X"_s},
        {u"port"_s, u"Port to listen on (default %1; 0 picks a free one)."_s.arg(DefaultPort), u"N"_s},
        {u"bind"_s, u"Address to listen on (default 127.0.0.1)."_s, u"ADDR"_s},
    });
    parser.addPositionalArgument(u"FILE"_s, u"The recording to replay (.sserec)."_s);
    if (const auto exitCode = Cli::parseArguments(
            parser, u"replay"_s, u"ssescope replay FILE [--speed X] [--port N] [--bind ADDR]"_s, HelpTail, arguments))
        return *exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        Cli::printError(u"ssescope replay: name the recording to replay (ssescope replay FILE)."_s);
        return Cli::UsageError;
    }
    if (positional.size() > 1) {
        Cli::printError(u"ssescope replay: unexpected argument '%1'."_s.arg(positional.at(1)));
        return Cli::UsageError;
    }
    double speed = 1.0;
    if (parser.isSet(u"speed"_s)) {
        bool ok = false;
        speed = parser.value(u"speed"_s).toDouble(&ok);
        if (!ok || !std::isfinite(speed) || speed < 0) {
            Cli::printError(u"ssescope replay: --speed takes a factor such as 0.5, 1 or 10 (0: no pauses), not "
                            u"'%1'."_s.arg(parser.value(u"speed"_s)));
            return Cli::UsageError;
        }
    }
    qint64 port = DefaultPort;
    if (parser.isSet(u"port"_s) && !Cli::integerOption(parser, u"replay"_s, u"port"_s, 0, 65535, &port))
        return Cli::UsageError;
    QHostAddress address(QHostAddress::LocalHost);
    if (parser.isSet(u"bind"_s) && !address.setAddress(parser.value(u"bind"_s))) {
        Cli::printError(u"ssescope replay: --bind takes an IP address such as 127.0.0.1 or ::1, not '%1'."_s.arg(
            parser.value(u"bind"_s)));
        return Cli::UsageError;
    }

    const QString file = positional.first();
    QString error;
    std::optional<ReplayRecording> loaded = ReplayRecording::load(file, &error);
    if (!loaded) {
        Cli::printError(u"ssescope replay: cannot replay %1: %2."_s.arg(file, error));
        return Cli::InputError;
    }
    const auto recording = std::make_shared<const ReplayRecording>(std::move(*loaded));

    MockProducer producer;
    QObject::connect(&producer, &MockProducer::logMessage, &producer,
                     [](const QString &message) { Cli::printError(u"%1 note: %2"_s.arg(now(), message)); });
    QObject::connect(&producer, &MockProducer::streamStarted, &producer, [](MockStream *stream) {
        const MockRequest &request = stream->request();
        Cli::printOut(u"%1 %2 %3 %4\n"_s
                          .arg(now(), stream->client(), QString::fromLatin1(request.method),
                               request.url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority))
                          .toUtf8());
    });
    QObject::connect(
        &producer, &MockProducer::streamEnded, &producer, [](MockStream *stream, MockStream::Ending ending) {
            Cli::printOut(u"%1 %2 ended: status %3, %4, %5 bytes, %6 s\n"_s.arg(now(), stream->client())
                              .arg(stream->status())
                              .arg(ending == MockStream::Ending::Finished ? u"finished"_s : u"not finished"_s)
                              .arg(stream->bodyBytesSent())
                              .arg(double(stream->elapsedMs()) / 1000.0, 0, 'f', 2)
                              .toUtf8());
        });
    if (!producer.start(address, quint16(port))) {
        Cli::printError(u"ssescope replay: %1."_s.arg(producer.errorString()));
        return Cli::NetworkError;
    }
    const QString path = producer.addRecording(recording, speed);
    Cli::printOut(u"Replaying %1 (%2 chunks, %3 events, %4 s) at %5 (speed %6x)\n"_s.arg(file)
                      .arg(recording->chunks().size())
                      .arg(recording->events())
                      .arg(double(recording->durationNs()) / 1e9, 0, 'f', 1)
                      .arg(producer.url(path).toString())
                      .arg(speed)
                      .toUtf8());
    return ServeCommand::serveUntilInterrupted(producer);
}
