// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportcommand.h"

#include "cli.h"
#include "session/sessionexport.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace {

const QString HelpTail = uR"(
Formats:
  ndjson   one object per event: {"type","data","id","attempt","t_ms","wall_ms"} (t_ms since the recording
           started, wall_ms since the Unix epoch)
  csv      RFC 4180 with a header row seq,attempt,t_ms,wall_ms,type,id,data; CRLF between records, data
           always quoted, line breaks kept inside the quotes
  sse      the events written again as text/event-stream, to replay in any tool
  raw      the recorded body bytes exactly, every attempt's chunks in order
  har      HAR 1.2, one entry per connection attempt; the events in _eventSourceMessages as Chrome writes them
  sserec   a session file (needs -o); with --from-raw this turns a capture into a recording

--from-raw reads FILE as a raw event stream (what `curl -N URL > FILE` saves) instead of a recording: one
chunk per 64 KiB, all at time 0, with a 200 text/event-stream response.

Examples:
  ssescope export ticker.sserec --format har -o ticker.har
  ssescope export capture.sse --from-raw --url https://example.com/stream --format sserec -o capture.sserec

Exit codes: 0 written, 2 bad command line, 3 the input cannot be read, 5 the output cannot be written.
)"_s;

} // namespace

int ExportCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Export a recording as NDJSON, CSV, an event stream, raw bytes or HAR."_s);
    parser.addPositionalArgument(u"FILE"_s, u"The recording (.sserec), or with --from-raw a raw capture."_s);
    parser.addOptions({
        {u"format"_s, u"ndjson (default), csv, sse, raw, har or sserec."_s, u"FORMAT"_s},
        {{u"o"_s, u"output"_s}, u"Write to OUT instead of standard output."_s, u"OUT"_s},
        {u"from-raw"_s, u"FILE is a raw text/event-stream capture, not a recording."_s},
        {u"url"_s, u"With --from-raw: the URL the capture came from."_s, u"URL"_s},
    });
    if (const auto exitCode
        = Cli::parseArguments(parser, u"export"_s, u"ssescope export [options] FILE"_s, HelpTail, arguments))
        return *exitCode;
    const auto error = [](const QString &message) {
        Cli::printError(u"ssescope export: "_s + message);
    };
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        error(files.isEmpty() ? u"which file? Run 'ssescope export --help'."_s
                              : u"one file at a time, got %1."_s.arg(files.size()));
        return Cli::UsageError;
    }
    const QString formatName = parser.isSet(u"format"_s) ? parser.value(u"format"_s) : u"ndjson"_s;
    const bool toRecording = formatName == u"sserec";
    const auto format = SessionExport::formatFromName(formatName);
    if (!format && !toRecording) {
        error(u"--format takes ndjson, csv, sse, raw, har or sserec, not '%1'."_s.arg(formatName));
        return Cli::UsageError;
    }
    const QString output = parser.value(u"output"_s);
    if (toRecording && output.isEmpty()) {
        error(u"--format sserec writes a file: give it with -o FILE."_s);
        return Cli::UsageError;
    }
    const bool fromRaw = parser.isSet(u"from-raw"_s);
    if (parser.isSet(u"url"_s) && !fromRaw) {
        error(u"--url goes with --from-raw: a recording names its own URL."_s);
        return Cli::UsageError;
    }

    const QString input = files.first();
    Recording recording;
    if (fromRaw) {
        QFile file(input);
        if (!file.open(QIODevice::ReadOnly)) {
            error(u"cannot open %1: %2"_s.arg(input, file.errorString()));
            return Cli::InputError;
        }
        recording = SessionExport::fromRaw(file.readAll(), QUrl(parser.value(u"url"_s)));
    } else {
        QString message;
        QStringList warnings;
        const bool loaded = SessionExport::load(input, &recording, &message, &warnings);
        for (const QString &warning : std::as_const(warnings))
            error(input + u": "_s + warning);
        if (!loaded) {
            error(message.contains(input) ? message : input + u": "_s + message);
            return Cli::InputError;
        }
    }

    if (toRecording) {
        QString message;
        if (!SessionExport::writeRecording(recording, output, &message)) {
            error(u"cannot write %1: %2"_s.arg(output, message));
            return Cli::OutputError;
        }
        return Cli::Ok;
    }
    const QByteArray bytes = SessionExport::write(recording, *format);
    if (output.isEmpty())
        return Cli::printOut(bytes) ? Cli::Ok : Cli::OutputError;
    // A half-written export is worse than none: the file appears only once it is complete.
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        error(u"cannot write %1: %2"_s.arg(output, file.errorString()));
        return Cli::OutputError;
    }
    return Cli::Ok;
}
