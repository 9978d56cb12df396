// SPDX-License-Identifier: GPL-3.0-or-later
// Parser throughput over generated corpora, fed in 64 KiB reads as a network delivers them.
// Prints a table, or with --tsv one line per corpus for tests/benchmarks/run-parser-bench.sh.
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QRandomGenerator>
#include <QStringList>

#include <cstdio>
#include <cstring>
#include <functional>
#include <utility>

namespace {

qsizetype g_readSize = 64 * 1024;

// Results go here so the compiler cannot drop the work that produced them.
volatile qint64 g_observed = 0;

struct Corpus
{
    const char *name;
    QByteArray bytes;
    qint64 events = 0;
    char lineEnd = '\n'; // the byte the memchr ceiling looks for: CR in a stream that ends lines with CR alone
};

// One small LLM-style event's data: an OpenAI chat-completion chunk with a token of the given list.
QByteArray chatChunk(QRandomGenerator &random, const QList<QByteArray> &tokens)
{
    return R"({"id":"chatcmpl-42","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":")"
        + tokens.at(random.bounded(int(tokens.size()))) + "\"}}]}";
}

const QList<QByteArray> &englishTokens()
{
    static const QList<QByteArray> tokens{"Hello",  " world", ",",      " this", " is", " a",   " streamed", " reply",
                                          " token", " by",    " token", ".",     "\\n", " SSE", " Scope"};
    return tokens;
}

const QList<QByteArray> &chineseTokens()
{
    static const QList<QByteArray> tokens{"你好", "，",   "这是", "一个", "逐字", "流式",
                                          "的",   "回复", "。",   "事件", "流"};
    return tokens;
}

// The shapes streams really have, each one event after another until the corpus reaches its size. Every
// shape carries the same kind of small JSON data, so their rates compare the framing alone.
enum class Shape { Plain, Id, Event, EventId, MultiLine, Crlf, Cr, Cjk };

Corpus shapedEvents(const char *name, Shape shape, qsizetype target)
{
    Corpus corpus{name, {}, 0};
    corpus.bytes.reserve(target + 512);
    QRandomGenerator random(1);
    const QByteArray eol = shape == Shape::Crlf ? "\r\n" : shape == Shape::Cr ? "\r" : "\n";
    corpus.lineEnd = eol.back();
    const QList<QByteArray> &tokens = shape == Shape::Cjk ? chineseTokens() : englishTokens();
    while (corpus.bytes.size() < target) {
        ++corpus.events;
        if (shape == Shape::Event || shape == Shape::EventId)
            corpus.bytes += "event: content_block_delta" + eol;
        if (shape == Shape::Id || shape == Shape::EventId)
            corpus.bytes += "id: " + QByteArray::number(corpus.events) + eol;
        if (shape == Shape::MultiLine) {
            // Pretty-printed JSON, as some servers send it: one data line per line of text.
            const QByteArray token = englishTokens().at(random.bounded(int(englishTokens().size())));
            corpus.bytes += "data: {" + eol + R"(data:   "id": "chatcmpl-42",)" + eol
                + R"(data:   "delta": {"content": ")" + token + "\"}" + eol + "data: }" + eol + eol;
            continue;
        }
        corpus.bytes += "data: " + chatChunk(random, tokens) + eol + eol;
    }
    return corpus;
}

Corpus mixedEvents(qsizetype target)
{
    static const char *endings[] = {"\n", "\r\n", "\r"};
    static const char *texts[]
        = {"当前行号是", "plain ascii text here", "{\"k\":[1,2,3],\"s\":\"é\"}", "混合 mixed 文字"};
    Corpus corpus{"mixed", {}, 0};
    corpus.bytes.reserve(target + 512);
    QRandomGenerator random(2);
    qint64 id = 0;
    while (corpus.bytes.size() < target) {
        const char *eol = endings[random.bounded(3)];
        if (random.bounded(8) == 0)
            corpus.bytes += QByteArray(": heartbeat") + eol;
        if (random.bounded(2))
            corpus.bytes += "id: " + QByteArray::number(++id) + eol;
        if (random.bounded(3) == 0)
            corpus.bytes += QByteArray("event: update") + eol;
        const int lines = random.bounded(1, 4);
        for (int i = 0; i < lines; ++i)
            corpus.bytes += QByteArray("data: ") + texts[random.bounded(4)] + QByteArray::number(id) + eol;
        corpus.bytes += eol;
        ++corpus.events;
    }
    return corpus;
}

Corpus largeEvents(const char *name, qsizetype eventSize, int count)
{
    Corpus corpus{name, {}, 0};
    QByteArray payload;
    payload.reserve(eventSize);
    while (payload.size() < eventSize - 64)
        payload += R"({"chunk":"abcdefghijklmnopqrstuvwxyz0123456789"},)";
    for (int i = 0; i < count; ++i) {
        corpus.bytes += "id: " + QByteArray::number(i) + "\ndata: " + payload + "\n\n";
        ++corpus.events;
    }
    return corpus;
}

class CountingSink final : public SseParserSink
{
public:
    void eventDispatched(const SseEventView &event) override
    {
        ++events;
        dataBytes += event.data.size();
        checksum += event.data.isEmpty() ? 0 : quint8(event.data.back());
    }
    void errorOccurred(const SseParseError &) override { ++errors; }
    qint64 events = 0;
    qint64 dataBytes = 0;
    quint64 checksum = 0;
    qint64 errors = 0;
};

// Keeps every event as an owning SseEvent, as a consumer that retains events does.
class CopyingSink final : public SseParserSink
{
public:
    void eventDispatched(const SseEventView &event) override
    {
        kept = SseEvent::fromView(event);
        ++events;
    }
    SseEvent kept;
    qint64 events = 0;
};

template<typename Sink> double timeParse(const QByteArray &bytes, Sink &sink)
{
    QElapsedTimer timer;
    timer.start();
    SseParser parser(&sink);
    for (qsizetype at = 0; at < bytes.size(); at += g_readSize)
        parser.feed(QByteArrayView(bytes).sliced(at, qMin(g_readSize, bytes.size() - at)));
    parser.finish();
    return double(timer.nsecsElapsed()) / 1e9;
}

// The ceiling: finding every line end with memchr and nothing else.
double timeMemchrLines(const QByteArray &bytes, char lineEnd, qint64 *lines)
{
    QElapsedTimer timer;
    timer.start();
    qint64 count = 0;
    for (qsizetype at = 0; at < bytes.size(); at += g_readSize) {
        const char *p = bytes.constData() + at;
        const char *end = p + qMin(g_readSize, bytes.size() - at);
        while ((p = static_cast<const char *>(std::memchr(p, lineEnd, size_t(end - p))))) {
            ++count;
            ++p;
        }
    }
    *lines = count;
    g_observed = g_observed + count;
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char *argv[])
{
    bool quick = false;
    bool tsv = false;
    QString corporaDir;
    QByteArray only;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg = argv[i];
        if (arg == "--quick") {
            quick = true;
        } else if (arg == "--tsv") {
            tsv = true;
        } else if (arg == "--read-size" && i + 1 < argc) {
            g_readSize = qMax(qsizetype(1), QByteArray(argv[++i]).toLongLong());
        } else if (arg == "--only" && i + 1 < argc) {
            only = argv[++i];
        } else if (arg == "--write-corpora" && i + 1 < argc) {
            corporaDir = QString::fromLocal8Bit(argv[++i]);
        } else {
            std::fprintf(stderr,
                         "usage: bench_sseparser [--quick] [--tsv] [--read-size BYTES] [--only CORPUS] "
                         "[--write-corpora DIR]\n");
            return 2;
        }
    }
    const qsizetype size = quick ? (1 << 20) : (qsizetype(64) << 20);
    const int runs = quick ? 1 : 7;
    // Made one at a time, and only those asked for: --only then profiles the parser, not the generator.
    const std::pair<const char *, std::function<Corpus()>> makers[]{
        {"small",
         [&]() {
             return shapedEvents("small", Shape::Plain, size);
         }},
        {"id",
         [&]() {
             return shapedEvents("id", Shape::Id, size);
         }},
        {"event",
         [&]() {
             return shapedEvents("event", Shape::Event, size);
         }},
        {"event-id",
         [&]() {
             return shapedEvents("event-id", Shape::EventId, size);
         }},
        {"multiline",
         [&]() {
             return shapedEvents("multiline", Shape::MultiLine, size);
         }},
        {"crlf",
         [&]() {
             return shapedEvents("crlf", Shape::Crlf, size);
         }},
        {"cr",
         [&]() {
             return shapedEvents("cr", Shape::Cr, size);
         }},
        {"cjk",
         [&]() {
             return shapedEvents("cjk", Shape::Cjk, size);
         }},
        {"mixed",
         [&]() {
             return mixedEvents(size);
         }},
        {"1mib",
         [&]() {
             return largeEvents("1mib", 1 << 20, quick ? 2 : 64);
         }},
        {"14mb",
         [&]() {
             return largeEvents("14mb", 14'000'000, quick ? 1 : 5);
         }},
    };
    QList<Corpus> corpora;
    for (const auto &[name, make] : makers) {
        if (only.isEmpty() || only == name)
            corpora.append(make());
    }
    if (corpora.isEmpty()) {
        std::fprintf(stderr, "bench_sseparser: no corpus named %s\n", only.constData());
        return 2;
    }

    if (!corporaDir.isEmpty()) {
        QDir().mkpath(corporaDir);
        for (const Corpus &corpus : corpora) {
            QFile file(corporaDir + u'/' + QString::fromLatin1(corpus.name) + QStringLiteral(".sse"));
            if (!file.open(QIODevice::WriteOnly) || file.write(corpus.bytes) != corpus.bytes.size()) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
                return 1;
            }
        }
    }

    if (!tsv)
        std::printf("%-8s %10s %10s %12s %14s %16s %14s\n", "corpus", "MiB", "events", "MB/s", "events/s", "MB/s +copy",
                    "memchr MB/s");
    int failures = 0;
    for (const Corpus &corpus : corpora) {
        double best = 1e9;
        double bestCopy = 1e9;
        double bestMemchr = 1e9;
        for (int run = 0; run < runs; ++run) {
            CountingSink sink;
            best = qMin(best, timeParse(corpus.bytes, sink));
            if (sink.events != corpus.events || sink.errors != 0) {
                std::fprintf(stderr, "%s: parsed %lld events (%lld errors), generated %lld\n", corpus.name,
                             qlonglong(sink.events), qlonglong(sink.errors), qlonglong(corpus.events));
                ++failures;
                break;
            }
            CopyingSink copying;
            bestCopy = qMin(bestCopy, timeParse(corpus.bytes, copying));
            qint64 lines = 0;
            bestMemchr = qMin(bestMemchr, timeMemchrLines(corpus.bytes, corpus.lineEnd, &lines));
        }
        const double megabytes = double(corpus.bytes.size()) / 1e6;
        if (tsv) {
            std::printf("%s\t%lld\t%lld\t%.6f\t%.6f\n", corpus.name, qlonglong(corpus.bytes.size()),
                        qlonglong(corpus.events), best, bestMemchr);
        } else {
            std::printf("%-8s %10.1f %10lld %12.0f %14.0f %16.0f %14.0f\n", corpus.name,
                        double(corpus.bytes.size()) / (1 << 20), qlonglong(corpus.events), megabytes / best,
                        double(corpus.events) / best, megabytes / bestCopy, megabytes / bestMemchr);
        }
    }
    return failures == 0 ? 0 : 1;
}
