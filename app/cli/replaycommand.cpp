// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaycommand.h"

#include "cli.h"
#include "mockproducer.h"
#include "replayrecording.h"
#include "servecommand.h"

#include <QCommandLineParser>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr quint16 DefaultPort = 8765;

const QString HelpTail = uR"(
FILE is a session recording (.sserec; its format is session-format.md in the documentation installed with
SSE Scope, /usr/share/doc/ssescope on Linux). The response body of its first connection attempt that got
status 200 is served at http://ADDR:PORT/replay/1 to every GET, and to the recorded request's method (a
recorded POST, such as an LLM chat, is answered to a POST whatever its body): status 200, the recorded
Content-Type, and each recorded read as one write (one HTTP chunk), paused as recorded.

Query parameters of /replay/1:
  speed=X     a factor for the pauses (0.5 is half as fast, 10 ten times as fast, 0 without pauses);
              it overrides --speed and --step for that request.
  speed=step  step mode: the head at once, then each recorded read held until a step releases it.
A request with a Last-Event-ID header starts right after the first event with that id, in the middle of a
read if the event ended there, and says so in X-Replay-Resumed-After; an id the recording does not hold
starts from the beginning with X-Replay-Unknown-Last-Event-ID. The end of the recording ends the response.

Step mode (--step, or speed=step on the URL): each POST to /replay/1/step releases the next recorded read
(count=K, or {"count":K} as a JSON body: the next K) to every stream of /replay/1 that is stepping, and
answers with JSON:
  {"replay":"/replay/1","streams":1,"released":1,"remaining":2,"finished":0,
   "clients":[{"client":"127.0.0.1:40312","released":1,"bytes":15,"remaining":2,"finished":false}]}
streams: the stepping streams it advanced (0 when none is open); released: the reads it let go, in all;
remaining: the most reads any of them still holds; finished: the streams its last read ended (as a timed
replay ends). clients: the same for each stream, in the order they came, with the bytes released. A
resumed stream's first held read is the rest of the read it resumes inside.
  curl -X POST 'http://127.0.0.1:8765/replay/1/step?count=3'

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
        {u"speed"_s, u"Factor for the recorded pauses (default 1; 0 serves without pauses), or step."_s, u"X"_s},
        {u"step"_s, u"Hold each recorded read until a POST to /replay/1/step releases it (--speed step)."_s},
        {u"port"_s, u"Port to listen on (default %1; 0 picks a free one)."_s.arg(DefaultPort), u"N"_s},
        {u"bind"_s, u"Address to listen on (default 127.0.0.1)."_s, u"ADDR"_s},
    });
    parser.addPositionalArgument(u"FILE"_s, u"The recording to replay (.sserec)."_s);
    if (const auto exitCode = Cli::parseArguments(
            parser, u"replay"_s, u"ssescope replay FILE [--speed X | --step] [--port N] [--bind ADDR]"_s, HelpTail,
            arguments))
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
    ReplayRecording::Pace pace;
    if (parser.isSet(u"speed"_s)) {
        const auto asked = ReplayRecording::Pace::parse(parser.value(u"speed"_s));
        if (!asked) {
            Cli::printError(u"ssescope replay: --speed takes a factor such as 0.5, 1 or 10 (0: no pauses) or step, "
                            u"not '%1'."_s.arg(parser.value(u"speed"_s)));
            return Cli::UsageError;
        }
        pace = *asked;
    }
    if (parser.isSet(u"step"_s)) {
        if (parser.isSet(u"speed"_s) && !pace.stepped) {
            Cli::printError(u"ssescope replay: --step holds every read until a step, so it takes no --speed."_s);
            return Cli::UsageError;
        }
        pace = ReplayRecording::Pace::step();
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
        // A capture saved from a terminal is no recording: it has no timing to replay, but it converts.
        const QString suffix = QFileInfo(file).suffix().toLower();
        if (suffix == u"sse"_s || suffix == u"txt"_s || suffix == u"log"_s)
            Cli::printError(u"ssescope replay: to replay a raw capture, make it a recording first: ssescope export "
                            u"%1 --from-raw --format sserec -o capture.sserec"_s.arg(file));
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
    const QString path = producer.addRecording(recording, pace);
    Cli::printOut(u"Replaying %1 (%2 chunks, %3 events, %4 s) at %5 (%6)\n"_s.arg(file)
                      .arg(recording->chunks().size())
                      .arg(recording->events())
                      .arg(double(recording->durationNs()) / 1e9, 0, 'f', 1)
                      .arg(producer.url(path).toString())
                      .arg(pace.stepped ? u"step by step"_s : u"speed %1x"_s.arg(pace.speed))
                      .toUtf8());
    if (pace.stepped) {
        Cli::printOut(u"Each step releases the next recorded read to every stepping stream (?count=K: K reads):\n"
                      u"  curl -X POST %1\n"_s.arg(producer.url(path + u"/step"_s).toString())
                          .toUtf8());
    }
    return ServeCommand::serveUntilInterrupted(producer);
}
