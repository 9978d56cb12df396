// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the parser must never crash, must emit valid UTF-8 only, and must report exactly the same
// things whatever the chunking. The first input byte picks the limits and the overflow policy.
#include "sse/sseparser.h"
#include "sse/sseparsersink.h"
#include "sse/utf8.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

class RecordingSink final : public SseParserSink
{
public:
    void eventDispatched(const SseEventView &event) override
    {
        checkUtf8(event.type);
        checkUtf8(event.data);
        checkUtf8(event.lastEventId);
        if (event.offset < 0 || event.endOffset <= event.offset)
            fail("event offsets out of order");
        record('E', event.type, event.offset);
        record('D', event.data, event.endOffset);
        record('I', event.lastEventId, 0);
    }
    void commentReceived(QByteArrayView text, qint64 offset) override
    {
        checkUtf8(text);
        record('C', text, offset);
    }
    void retryChanged(qint64 milliseconds, qint64 offset) override
    {
        record('R', QByteArray::number(milliseconds), offset);
    }
    void diagnosticReported(const SseDiagnostic &diagnostic) override
    {
        checkUtf8(diagnostic.detail);
        record('W', QByteArray(QByteArray::number(int(diagnostic.kind)) + diagnostic.detail), diagnostic.offset);
    }
    void errorOccurred(const SseParseError &error) override
    {
        record('X', QByteArray::number(int(error.kind)), error.offset);
    }

    QByteArray transcript;

private:
    static void fail(const char *what)
    {
        std::fprintf(stderr, "fuzz_sseparser: %s\n", what);
        std::abort();
    }
    static void checkUtf8(QByteArrayView bytes)
    {
        if (!Utf8::isValid(bytes))
            fail("the parser emitted invalid UTF-8");
    }
    void record(char tag, QByteArrayView bytes, qint64 offset)
    {
        transcript += tag;
        transcript += QByteArray::number(offset);
        transcript += ':';
        transcript += QByteArray::number(bytes.size());
        transcript += ':';
        transcript += bytes;
    }
};

QByteArray parse(QByteArrayView input, const SseParserLimits &limits, qsizetype step, quint32 seed)
{
    RecordingSink sink;
    SseParser parser(&sink, limits);
    qsizetype at = 0;
    while (at < input.size()) {
        // step 0: pseudo-random cut sizes from the seed; otherwise fixed-size reads.
        qsizetype size = step;
        if (step == 0) {
            seed = seed * 1103515245u + 12345u;
            size = 1 + qsizetype((seed >> 16) % 97);
        }
        size = qMin(size, input.size() - at);
        // A read's bytes are overwritten after feed(), as a network buffer is: nothing may point into them.
        QByteArray read = input.sliced(at, size).toByteArray();
        parser.feed(read);
        read.fill('#');
        at += size;
    }
    parser.finish();
    sink.transcript += parser.lastEventId();
    return sink.transcript;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const quint8 mode = data[0];
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    SseParserLimits limits;
    if (mode & 1) {
        limits.maxLineLength = 8 + (mode >> 2);
        limits.maxEventSize = 16 + (mode >> 1);
    }
    limits.overflow = (mode & 2) ? SseParserLimits::Overflow::SkipEvent : SseParserLimits::Overflow::Fail;

    const QByteArray whole = parse(input, limits, input.size() + 1, 0);
    const QByteArray split = parse(input, limits, 0, mode);
    if (split != whole) {
        std::fprintf(stderr, "fuzz_sseparser: random cuts changed what the parser reported\n");
        std::abort();
    }
    if (input.size() <= 4096 && parse(input, limits, 1, 0) != whole) {
        std::fprintf(stderr, "fuzz_sseparser: byte-by-byte feeding changed what the parser reported\n");
        std::abort();
    }
    return 0;
}
