// SPDX-License-Identifier: GPL-3.0-or-later
#include "servecommand.h"

#include "cli.h"
#include "mockproducer.h"
#include "platform/termination.h"
#include "produceractivity.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTime>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr quint16 DefaultPort = 8765;

const QString HelpTail = uR"(
The producer binds to 127.0.0.1 unless --bind names another address (it then says so: it has no
authentication). GET / returns the catalogue of scenarios as JSON, with every parameter and its default;
parameters go in the query string, or in the JSON body of POST scenarios.

Faults: drop_after=N and drop_chance=P (percent per event) reset the connection, inside an event for
drop_chance. Random faults and delays are drawn per connection from the seed parameter, the request's
Last-Event-ID and how many connections in a row came for the same request (method, path, query, body) at
that Last-Event-ID: a client that reconnects where it was cut meets another fate, so it gets through any
drop_chance below 100, and the same seed with the same client gives the same cuts again. The count starts
again at another Last-Event-ID and when a stream reaches its end (an endless stream without ids keeps
counting: restart the producer to repeat its run); clients of one URL at the same time share its count.

Every connection is logged when it starts and when it ends (how, events sent, bytes, duration).
Ctrl-C or SIGTERM closes every open stream cleanly and exits.

Exit codes: 0 stopped on request, 2 bad command line, 4 cannot listen on the address or port.
)"_s;

QString now()
{
    return ServeCommand::timeOfDay();
}

void printCatalogue(const MockProducer &producer)
{
    QString text
        = u"Scenarios (GET %1 returns them as JSON, with their parameters):\n"_s.arg(producer.url().toString());
    for (const ScenarioSpec &scenario : producer.catalogue().scenarios()) {
        text += u"  %1 %2 %3\n"_s.arg(QString::fromLatin1(scenario.method).leftJustified(4),
                                      scenario.path.leftJustified(22), scenario.description);
    }
    Cli::printOut(text.toUtf8());
}

} // namespace

int ServeCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Run SSE Scope's embedded SSE producer: demo streams, LLM streams and "
                                     u"fault injection, for clients and tests."_s);
    parser.addOptions({
        {u"port"_s, u"Port to listen on (default %1; 0 picks a free one)."_s.arg(DefaultPort), u"N"_s},
        {u"bind"_s, u"Address to listen on (default 127.0.0.1)."_s, u"ADDR"_s},
    });
    if (const auto exitCode
        = Cli::parseArguments(parser, u"serve"_s, u"ssescope serve [--port N] [--bind ADDR]"_s, HelpTail, arguments))
        return *exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        Cli::printError(u"ssescope serve: unexpected argument '%1'."_s.arg(parser.positionalArguments().first()));
        return Cli::UsageError;
    }
    quint16 port = DefaultPort;
    if (parser.isSet(u"port"_s)) {
        bool ok = false;
        const uint value = parser.value(u"port"_s).toUInt(&ok);
        if (!ok || value > 65535) {
            Cli::printError(
                u"ssescope serve: --port takes a number from 0 to 65535, not '%1'."_s.arg(parser.value(u"port"_s)));
            return Cli::UsageError;
        }
        port = quint16(value);
    }
    QHostAddress address(QHostAddress::LocalHost);
    if (parser.isSet(u"bind"_s) && !address.setAddress(parser.value(u"bind"_s))) {
        Cli::printError(u"ssescope serve: --bind takes an IP address such as 127.0.0.1 or ::1, not '%1'."_s.arg(
            parser.value(u"bind"_s)));
        return Cli::UsageError;
    }

    MockProducer producer;
    QObject::connect(&producer, &MockProducer::logMessage, &producer,
                     [](const QString &message) { Cli::printError(u"%1 note: %2"_s.arg(now(), message)); });
    QObject::connect(&producer, &MockProducer::streamStarted, &producer, [](MockStream *stream) {
        Cli::printOut(u"%1 %2\n"_s.arg(now(), ProducerActivity::started(*stream)).toUtf8());
    });
    QObject::connect(&producer, &MockProducer::streamEnded, &producer,
                     [](MockStream *stream, MockStream::Ending ending) {
                         Cli::printOut(u"%1 %2\n"_s.arg(now(), ProducerActivity::ended(*stream, ending)).toUtf8());
                     });
    if (!producer.start(address, port)) {
        Cli::printError(u"ssescope serve: %1."_s.arg(producer.errorString()));
        return Cli::NetworkError;
    }
    Cli::printOut(u"SSE Scope mock producer listening on %1\n"_s.arg(producer.url().toString()).toUtf8());
    printCatalogue(producer);
    return serveUntilInterrupted(producer);
}

QString ServeCommand::timeOfDay()
{
    return QTime::currentTime().toString(u"hh:mm:ss.zzz"_s);
}

int ServeCommand::serveUntilInterrupted(MockProducer &producer)
{
    Cli::printOut("Press Ctrl-C to stop.\n");
    Termination::onRequest(&producer, [&producer]() {
        const int open = producer.openStreams();
        producer.stop();
        const QString closed = open == 1 ? u"1 open stream closed"_s : u"%1 open streams closed"_s.arg(open);
        Cli::printOut(u"%1 stopped: %2\n"_s.arg(timeOfDay(), closed).toUtf8());
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    return Cli::Ok;
}
