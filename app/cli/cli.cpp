// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "diffcommand.h"
#include "exportcommand.h"
#include "parsecommand.h"
#include "replaycommand.h"
#include "servecommand.h"
#include "version.h"
#include "watchcommand.h"

#include <QCommandLineParser>

#include <cstdio>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace {

QString windowLine()
{
#ifdef SSESCOPE_HEADLESS
    return u"(no window in this build: it was made with SSESCOPE_GUI=OFF)"_s;
#else
    return u"The window, with a tab on URL, a recording or capture, or the demo."_s;
#endif
}

QString overview()
{
    return uR"(SSE Scope %1 - a monitor for Server-Sent Events (text/event-stream).

Usage:
  ssescope [URL|FILE]      %2
  ssescope <command> [options] [arguments]

Commands:
  parse [FILE|-]    Parse an event stream from a file or standard input; print its events as NDJSON.
  serve             Run the embedded SSE producer (demo, LLM and fault scenarios) on 127.0.0.1.
  watch URL         Follow a stream: reconnects, Last-Event-ID, stop rules; text or NDJSON out.
  record URL -o F   Record a stream session (request, responses, raw chunks with times, states) to F.
  replay FILE       Serve a recording over HTTP with its chunks and timing (--speed X), for any SSE client.
  diff A B          Compare two recordings event by event; exit 1 when they differ.
  export FILE       Write a recording's events as NDJSON, CSV, text/event-stream, raw bytes or HAR.

Options:
  -h, --help        Show this help. `ssescope <command> --help` documents a command.
  -v, --version     Print the version.

Exit codes (each command's --help has the details): 0 done, 1 the stream failed or went over a limit,
2 bad command line, 3 unreadable input, 4 cannot listen or never connected, 5 standard output cannot be written,
6 the server answered 204 (watch), 130 interrupted.
)"_s.arg(QString::fromLatin1(SseScope::Version), windowLine());
}

} // namespace

namespace Cli {

void printError(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

bool printOut(QByteArrayView bytes)
{
    const size_t written = std::fwrite(bytes.data(), 1, size_t(bytes.size()), stdout);
    return std::fflush(stdout) == 0 && written == size_t(bytes.size());
}

std::optional<int> parseArguments(QCommandLineParser &parser, const QString &command, const QString &usage,
                                  const QString &helpTail, const QStringList &arguments)
{
    parser.addOption({{u"h"_s, u"help"_s}, u"Show this help."_s});
    if (!parser.parse(QStringList{u"ssescope "_s + command} + arguments)) {
        QString error = parser.errorText();
        if (error.endsWith(u'.'))
            error.chop(1);
        printError(u"ssescope %1: %2. Run 'ssescope %1 --help' for the options."_s.arg(command, error));
        return UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        // QCommandLineParser names the binary by its path; the first line names the command instead.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'), u"Usage: "_s + usage);
        printOut((help + helpTail).toUtf8());
        return Ok;
    }
    return std::nullopt;
}

bool integerOption(const QCommandLineParser &parser, const QString &command, const QString &name, qint64 minimum,
                   qint64 maximum, qint64 *value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qint64 parsed = parser.value(name).toLongLong(&ok);
    if (ok && parsed >= minimum && parsed <= maximum) {
        *value = parsed;
        return true;
    }
    const QString range = maximum == std::numeric_limits<qint64>::max() ? u"of at least %1"_s.arg(minimum)
                                                                        : u"from %1 to %2"_s.arg(minimum).arg(maximum);
    printError(u"ssescope %1: --%2 takes a whole number %3, not '%4'."_s.arg(command, name, range, parser.value(name)));
    return false;
}

std::optional<QStringList> listOption(const QCommandLineParser &parser, const QString &command, const QString &name,
                                      const QStringList &allowed)
{
    QStringList items;
    for (const QString &item : parser.values(name).join(u',').split(u',', Qt::SkipEmptyParts)) {
        const QString value = item.trimmed();
        if (value == u"all") {
            items += allowed;
        } else if (allowed.contains(value)) {
            items << value;
        } else {
            printError(
                u"ssescope %1: --%2 takes %3 or all, not '%4'."_s.arg(command, name, allowed.join(u", "_s), value));
            return std::nullopt;
        }
    }
    return items;
}

bool isCommandLine(int argc, char *argv[], const QString &firstArgument)
{
    if (argc < 2)
        return false;
    const QString first = argv ? QString::fromLocal8Bit(argv[1]) : firstArgument;
    // A URL or a file has a '/', '.' or ':' somewhere; a bare word is a command, known or mistyped.
    const bool looksLikeUrlOrFile = first.contains(u'/') || first.contains(u'.') || first.contains(u':');
    return first.startsWith(u'-') || !looksLikeUrlOrFile;
}

int run(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    // "help COMMAND" is "COMMAND --help".
    if (command == u"help" && arguments.size() > 2) {
        const QString topic = arguments.at(2);
        return run({arguments.at(0), topic, u"--help"_s});
    }
    if (command.isEmpty() || command == u"-h" || command == u"--help" || command == u"help") {
        printOut(overview().toUtf8());
        return Ok;
    }
    if (command == u"-v" || command == u"--version") {
        printOut(QByteArray(QByteArray("ssescope ") + SseScope::Version + '\n'));
        return Ok;
    }
    const QStringList rest = arguments.mid(2);
    if (command == u"parse")
        return ParseCommand().run(rest);
    if (command == u"serve")
        return ServeCommand().run(rest);
    if (command == u"watch")
        return WatchCommand().run(rest);
    if (command == u"record")
        return WatchCommand(WatchCommand::Mode::Record).run(rest);
    if (command == u"replay")
        return ReplayCommand().run(rest);
    if (command == u"diff")
        return DiffCommand().run(rest);
    if (command == u"export")
        return ExportCommand().run(rest);
#ifdef SSESCOPE_HEADLESS
    if (!isCommandLine(int(arguments.size()), nullptr, command)) {
        printError(
            u"ssescope: this build has no window (built with SSESCOPE_GUI=OFF), so '%1' cannot be opened in "
            u"one. Use 'ssescope watch URL' for a stream or 'ssescope export FILE' for a recording."_s.arg(command));
        return UsageError;
    }
#endif
    printError(u"ssescope: unknown command '%1'. Run 'ssescope --help' for the list of commands."_s.arg(command));
    return UsageError;
}

} // namespace Cli
