// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportcommand.h"

#include "cli.h"
#include "export/sessionexport.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace {

const QString HelpTail = uR"(
Formats:
  ndjson   the records `ssescope watch --format ndjson` prints, one per line, each with its "kind": event,
           comment, diagnostic and state (chunks and errors are left out); t_ms since the recording
           started, wall_ms since the Unix epoch (`ssescope watch --help` lists every member)
  csv      RFC 4180 with a header row seq,attempt,t_ms,wall_ms,kind,type,id,data and a row per event (kind
           event) and per diagnostic (kind diagnostic, its code as the type, its message as the data); CRLF
           between records, data always quoted, line breaks kept inside the quotes
  sse      the events written again as text/event-stream, to replay in any tool
  raw      the recorded body bytes exactly, every attempt's chunks in order
  har      HAR 1.2, one entry per connection attempt; the events in _eventSourceMessages as Chrome writes them,
           the diagnostics in _diagnostics ({"code","message","offset","time"})
  sserec   a session file (needs -o); with --from-raw this turns a capture into a recording

--from-raw reads FILE as a raw event stream (what `curl -N URL > FILE` saves) instead of a recording: one
chunk per 64 KiB, all at time 0, with a 200 text/event-stream response.

The export is written as the input is read, so memory stays small however large the recording (HAR and
sserec use a temporary file beside OUT). With -o, OUT appears only once it is complete; on standard output an
error leaves what was written so far, and the exit code says so.

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
    const auto format = SessionExport::formatFromName(formatName);
    if (!format) {
        error(u"--format takes ndjson, csv, sse, raw, har or sserec, not '%1'."_s.arg(formatName));
        return Cli::UsageError;
    }
    const QString output = parser.value(u"output"_s);
    if (*format == SessionExport::Format::Sserec && output.isEmpty()) {
        error(u"--format sserec writes a file: give it with -o FILE."_s);
        return Cli::UsageError;
    }
    SessionExport::Options options;
    options.fromRaw = parser.isSet(u"from-raw"_s);
    if (parser.isSet(u"url"_s) && !options.fromRaw) {
        error(u"--url goes with --from-raw: a recording names its own URL."_s);
        return Cli::UsageError;
    }
    options.url = QUrl(parser.value(u"url"_s));

    const QString input = files.first();
    // A half-written export is worse than none: the file appears only once it is complete.
    QSaveFile file(output);
    QFile standardOutput;
    QFileDevice *device = &file;
    if (output.isEmpty()) {
        device = &standardOutput;
        if (!standardOutput.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered)) {
            error(u"cannot write to standard output: %1"_s.arg(standardOutput.errorString()));
            return Cli::OutputError;
        }
    } else if (!file.open(QIODevice::WriteOnly)) {
        error(u"cannot write %1: %2"_s.arg(output, file.errorString()));
        return Cli::OutputError;
    }

    const SessionExport::Result result = SessionExport::exportFile(input, device, *format, options);
    for (const QString &warning : result.warnings)
        error(input + u": "_s + warning);
    const QString target = output.isEmpty() ? u"to standard output"_s : output;
    switch (result.status) {
    case SessionExport::Result::Status::Ok:
        break;
    case SessionExport::Result::Status::InputError:
        error(result.error.contains(input) ? result.error : input + u": "_s + result.error);
        return Cli::InputError;
    case SessionExport::Result::Status::OutputError:
    case SessionExport::Result::Status::Cancelled:
        error(u"cannot write %1: %2"_s.arg(target, result.error));
        return Cli::OutputError;
    }
    if (output.isEmpty() ? !standardOutput.flush() : !file.commit()) {
        error(u"cannot write %1: %2"_s.arg(target, device->errorString()));
        return Cli::OutputError;
    }
    return Cli::Ok;
}
