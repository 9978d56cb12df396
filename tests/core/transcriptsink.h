// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sse/sseparser.h"
#include "sse/sseparsersink.h"
#include "sse/utf8.h"

#include <QList>
#include <QRandomGenerator>
#include <QStringList>

// Writes everything a parser reports as one line of text each, so tests compare whole transcripts.
class TranscriptSink final : public SseParserSink
{
public:
    static QString show(QByteArrayView utf8)
    {
        QString text = Utf8::toString(utf8);
        text.replace(u'\\', QStringLiteral("\\\\"));
        text.replace(u'\n', QStringLiteral("\\n"));
        text.replace(u'\r', QStringLiteral("\\r"));
        text.replace(QChar(0), QStringLiteral("\\0"));
        return text;
    }

    void eventDispatched(const SseEventView &event) override
    {
        lines << QStringLiteral("event ") + show(event.type) + QStringLiteral(" id=") + show(event.lastEventId)
                + QStringLiteral(" @") + QString::number(event.offset) + u'-' + QString::number(event.endOffset)
                + QStringLiteral(": ") + show(event.data);
    }
    void commentReceived(QByteArrayView text, qint64 offset) override
    {
        lines << QStringLiteral("comment @") + QString::number(offset) + QStringLiteral(": ") + show(text);
    }
    void retryChanged(qint64 milliseconds, qint64 offset) override
    {
        lines << QStringLiteral("retry ") + QString::number(milliseconds) + QStringLiteral(" @")
                + QString::number(offset);
    }
    void diagnosticReported(const SseDiagnostic &diagnostic) override
    {
        QString line
            = SseDiagnostic::kindName(diagnostic.kind) + QStringLiteral(" @") + QString::number(diagnostic.offset);
        if (!diagnostic.detail.isEmpty())
            line += u' ' + show(diagnostic.detail);
        lines << line;
    }
    void errorOccurred(const SseParseError &error) override
    {
        lines << QStringLiteral("error ") + SseParseError::kindName(error.kind) + QStringLiteral(" limit=")
                + QString::number(error.limit) + QStringLiteral(" @") + QString::number(error.offset);
    }

    QStringList lines;
};

// Feeds one read the way a network client does: the bytes are overwritten once feed() returns, so anything
// the parser kept pointing into them shows up as '#' in the transcript.
inline void feedRead(SseParser &parser, QByteArrayView bytes)
{
    QByteArray read = bytes.toByteArray();
    parser.feed(read);
    read.fill('#');
}

// Parses input cut at the given positions, then ends the stream; returns the transcript.
inline QStringList parseWithCuts(const QByteArray &input, const QList<qsizetype> &cuts, SseParserLimits limits = {})
{
    TranscriptSink sink;
    SseParser parser(&sink, limits);
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        feedRead(parser, QByteArrayView(input).sliced(from, cut - from));
        from = cut;
    }
    feedRead(parser, QByteArrayView(input).sliced(from));
    parser.finish();
    return sink.lines;
}

// Ways to cut an input: whole, every single cut, byte by byte, and random cuts from fixed seeds.
inline QList<QList<qsizetype>> chunkings(qsizetype size, int randomSplits = 8)
{
    QList<QList<qsizetype>> result{{}};
    for (qsizetype i = 1; i < size; ++i)
        result.append(QList<qsizetype>{i});
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < size; ++i)
        everyByte.append(i);
    result.append(everyByte);
    for (int seed = 1; seed <= randomSplits && size > 1; ++seed) {
        QRandomGenerator random{quint32(seed)};
        QList<qsizetype> cuts;
        const int count = random.bounded(1, 6);
        for (int i = 0; i < count; ++i)
            cuts.append(random.bounded(qint64(1), qint64(size)));
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        result.append(cuts);
    }
    return result;
}
