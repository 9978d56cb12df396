// SPDX-License-Identifier: GPL-3.0-or-later
#include "parsecommand.h"

#include "cli.h"
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"
#include "util/jsontext.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 DefaultChunkSize = 64 * 1024;
constexpr qint64 MaxChunkSize = qint64(1) << 30;
constexpr qsizetype FlushThreshold = 256 * 1024;

const QString HelpTail = uR"(
Output (one JSON object per line):
  {"type":"message","data":"...","id":"..."}                      an event
  {"kind":"comment","text":"...","offset":N}                      with --show comments
  {"kind":"retry","ms":N,"offset":N}                              with --show retry
  {"kind":"diagnostic","code":"unknown-field","message":"...","offset":N}
                                                                  with --show diagnostics
  With --count, only one line:
  {"events":N,"comments":N,"diagnostics":N,"errors":N,"bytes":N,"seconds":S}

Limit errors are printed on standard error with the byte offset where they happened.

"bytes" counts the bytes parsed: all of them, or those before the line that failed a limit.

Exit codes: 0 parsed, 1 the stream went over a limit, 2 bad command line, 3 unreadable input,
5 standard output cannot be written.
)"_s;

struct Options
{
    QString input;
    bool count = false;
    bool showComments = false;
    bool showRetry = false;
    bool showDiagnostics = false;
    qint64 chunkSize = DefaultChunkSize;
    SseParserLimits limits;
};

// Prints what the parser finds as NDJSON into one reused buffer.
class NdjsonSink final : public SseParserSink
{
public:
    explicit NdjsonSink(const Options &options)
        : m_options(options)
    {
    }

    void eventDispatched(const SseEventView &event) override
    {
        ++events;
        if (m_options.count)
            return;
        out.append(R"({"type":)");
        JsonText::appendString(out, event.type);
        out.append(R"(,"data":)");
        JsonText::appendString(out, event.data);
        out.append(R"(,"id":)");
        JsonText::appendString(out, event.lastEventId);
        out.append("}\n");
        flushIfFull();
    }

    void commentReceived(QByteArrayView text, qint64 offset) override
    {
        ++comments;
        if (m_options.count || !m_options.showComments)
            return;
        out.append(R"({"kind":"comment","text":)");
        JsonText::appendString(out, text);
        out.append(R"(,"offset":)").append(QByteArray::number(offset)).append("}\n");
    }

    void retryChanged(qint64 milliseconds, qint64 offset) override
    {
        if (m_options.count || !m_options.showRetry)
            return;
        out.append(R"({"kind":"retry","ms":)").append(QByteArray::number(milliseconds));
        out.append(R"(,"offset":)").append(QByteArray::number(offset)).append("}\n");
    }

    void diagnosticReported(const SseDiagnostic &diagnostic) override
    {
        ++diagnostics;
        if (m_options.count || !m_options.showDiagnostics)
            return;
        out.append(R"({"kind":"diagnostic","code":)");
        JsonText::appendString(out, SseDiagnostic::kindName(diagnostic.kind).toUtf8());
        out.append(R"(,"message":)");
        JsonText::appendString(out, diagnostic.message().toUtf8());
        out.append(R"(,"offset":)").append(QByteArray::number(diagnostic.offset)).append("}\n");
    }

    void errorOccurred(const SseParseError &error) override
    {
        ++errors;
        firstError = firstError < 0 ? error.offset : firstError;
        flush();
        Cli::printError(u"ssescope parse: %1 (%2)"_s.arg(error.message(), SseParseError::kindName(error.kind)));
    }

    void flushIfFull()
    {
        if (out.size() >= FlushThreshold)
            flush();
    }

    void flush()
    {
        if (out.isEmpty() || outputFailed)
            return;
        outputFailed = !Cli::printOut(out);
        out.truncate(0);
    }

    QByteArray out;
    bool outputFailed = false;
    qint64 firstError = -1;
    qint64 events = 0;
    qint64 comments = 0;
    qint64 diagnostics = 0;
    qint64 errors = 0;

private:
    const Options &m_options;
};

} // namespace

int ParseCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Parse a text/event-stream from FILE (or standard input when FILE is - or "
                                     u"missing), feeding it in chunks as a network would, and print its events."_s);
    parser.addPositionalArgument(u"FILE"_s, u"The stream to parse; - or nothing reads standard input."_s,
                                 u"[FILE|-]"_s);
    parser.addOptions({
        {u"count"_s, u"Print only a summary line (events, comments, bytes, seconds)."_s},
        {u"chunk-size"_s, u"Feed the parser N bytes at a time (default 65536)."_s, u"N"_s},
        {u"show"_s, u"Also print these records: comments, retry, diagnostics (comma-separated or repeated, or all)."_s,
         u"LIST"_s},
        {u"max-line-length"_s, u"Longest line accepted, in bytes (default 33554432)."_s, u"N"_s},
        {u"max-event-size"_s, u"Largest event data accepted, in bytes (default 67108864)."_s, u"N"_s},
        {u"on-overflow"_s, u"What to do past a limit: fail (stop, the default) or skip (drop that event, go on)."_s,
         u"fail|skip"_s},
    });
    if (const auto exitCode
        = Cli::parseArguments(parser, u"parse"_s, u"ssescope parse [options] [FILE|-]"_s, HelpTail, arguments))
        return *exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        Cli::printError(
            u"ssescope parse: one input at a time, got %1: %2."_s.arg(positional.size()).arg(positional.join(u' ')));
        return Cli::UsageError;
    }

    Options options;
    options.input = positional.value(0, u"-"_s);
    options.count = parser.isSet(u"count"_s);
    const auto show = Cli::listOption(parser, u"parse"_s, u"show"_s, {u"comments"_s, u"retry"_s, u"diagnostics"_s});
    if (!show)
        return Cli::UsageError;
    options.showComments = show->contains(u"comments"_s);
    options.showRetry = show->contains(u"retry"_s);
    options.showDiagnostics = show->contains(u"diagnostics"_s);
    constexpr qint64 Unlimited = std::numeric_limits<qint64>::max();
    if (!Cli::integerOption(parser, u"parse"_s, u"chunk-size"_s, 1, MaxChunkSize, &options.chunkSize)
        || !Cli::integerOption(parser, u"parse"_s, u"max-line-length"_s, 1, Unlimited, &options.limits.maxLineLength)
        || !Cli::integerOption(parser, u"parse"_s, u"max-event-size"_s, 1, Unlimited, &options.limits.maxEventSize))
        return Cli::UsageError;
    if (parser.isSet(u"on-overflow"_s)) {
        const QString policy = parser.value(u"on-overflow"_s);
        if (policy == u"skip") {
            options.limits.overflow = SseParserLimits::Overflow::SkipEvent;
        } else if (policy != u"fail") {
            Cli::printError(u"ssescope parse: --on-overflow takes fail or skip, not '%1'."_s.arg(policy));
            return Cli::UsageError;
        }
    }

    QFile file;
    const bool fromStdin = options.input == u"-";
    const bool opened = fromStdin ? file.open(stdin, QIODevice::ReadOnly | QIODevice::Unbuffered)
                                  : (file.setFileName(options.input), file.open(QIODevice::ReadOnly));
    if (!opened) {
        Cli::printError(u"ssescope parse: cannot read '%1': %2."_s.arg(options.input, file.errorString()));
        return Cli::InputError;
    }

    NdjsonSink sink(options);
    SseParser sseParser(&sink, options.limits);
    QByteArray buffer(options.chunkSize, Qt::Uninitialized);
    qint64 bytes = 0;
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        const qint64 got = file.read(buffer.data(), options.chunkSize);
        if (got < 0) {
            sink.flush();
            Cli::printError(u"ssescope parse: reading '%1' failed after %2 bytes: %3."_s.arg(options.input)
                                .arg(bytes)
                                .arg(file.errorString()));
            return Cli::InputError;
        }
        if (got == 0)
            break;
        bytes += got;
        if (!sseParser.feed(QByteArrayView(buffer.constData(), got)))
            break;
        sink.flush();
        if (sink.outputFailed)
            break;
    }
    if (sseParser.hasFailed())
        bytes = sink.firstError; // the same whatever the read size: the bytes before the failing line
    sseParser.finish();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (options.count) {
        sink.out.append(R"({"events":)").append(QByteArray::number(sink.events));
        sink.out.append(R"(,"comments":)").append(QByteArray::number(sink.comments));
        sink.out.append(R"(,"diagnostics":)").append(QByteArray::number(sink.diagnostics));
        sink.out.append(R"(,"errors":)").append(QByteArray::number(sink.errors));
        sink.out.append(R"(,"bytes":)").append(QByteArray::number(bytes));
        sink.out.append(R"(,"seconds":)").append(QByteArray::number(seconds, 'f', 6)).append("}\n");
    }
    sink.flush();
    if (sink.outputFailed) {
        Cli::printError(u"ssescope parse: cannot write to standard output: %1."_s.arg(
            QString::fromLocal8Bit(std::strerror(errno))));
        return Cli::OutputError;
    }
    return sink.errors > 0 ? Cli::StreamError : Cli::Ok;
}
