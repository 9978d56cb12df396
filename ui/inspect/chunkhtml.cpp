// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkhtml.h"

#include "bytetext.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace {

// A chunk larger than the window shows the part around the highlighted bytes.
constexpr qsizetype ChunkWindow = 4096;
constexpr qsizetype ChunkContext = 256;
constexpr int MaxChunksShown = 64;

QString htmlText(QByteArrayView bytes)
{
    return ByteText::escaped(bytes).toHtmlEscaped();
}

QString chunkHtml(const StreamLog::Entry &chunk, qint64 first, qint64 end, const QString &markStyle)
{
    const qsizetype size = chunk.data.size();
    const qsizetype from = qBound<qint64>(0, first - chunk.streamOffset, size);
    qsizetype to = qBound<qint64>(0, end - chunk.streamOffset, size);
    // A mark ending inside a CRLF takes the LF too.
    if (to > 0 && to < size && chunk.data[to - 1] == '\r' && chunk.data[to] == '\n')
        ++to;
    qsizetype windowStart = 0;
    qsizetype windowEnd = size;
    if (size > ChunkWindow) {
        windowStart = qMax<qsizetype>(0, from - ChunkContext);
        windowEnd = qMin(size, windowStart + ChunkWindow);
    }
    const auto part = [&](qsizetype a, qsizetype b) {
        a = qBound(windowStart, a, windowEnd);
        b = qBound(windowStart, b, windowEnd);
        return htmlText(chunk.data.sliced(a, qMax<qsizetype>(0, b - a)));
    };
    const QString title = QCoreApplication::translate("ChunkHtml", "Chunk #%1 · %2 · stream bytes %3–%4 · %5")
                              .arg(chunk.sequence)
                              .arg(QDateTime::fromMSecsSinceEpoch(chunk.wallMs).toString(u"yyyy-MM-dd hh:mm:ss.zzz"_s))
                              .arg(chunk.streamOffset)
                              .arg(chunk.streamEndOffset)
                              .arg(ByteText::sizeText(size));
    QString html = u"<p><b>"_s + title.toHtmlEscaped() + u"</b></p><pre style=\"white-space:pre-wrap\">"_s;
    if (windowStart > 0)
        html += u"<i>"_s
            + QCoreApplication::translate("ChunkHtml", "… %1 bytes before …").arg(windowStart).toHtmlEscaped()
            + u"</i>\n"_s;
    html += part(windowStart, from) + u"<span style=\""_s + markStyle + u"\">"_s + part(from, to) + u"</span>"_s
        + part(to, windowEnd);
    if (windowEnd < size)
        html += u"\n<i>"_s
            + QCoreApplication::translate("ChunkHtml", "… %1 bytes after …").arg(size - windowEnd).toHtmlEscaped()
            + u"</i>"_s;
    return html + u"</pre>"_s;
}

} // namespace

namespace ChunkHtml {

QString render(const StreamLog &log, const QList<qsizetype> &rows, qint64 first, qint64 end, const QPalette &palette)
{
    const QString markStyle = u"background-color:%1;color:%2"_s.arg(palette.color(QPalette::Highlight).name(),
                                                                    palette.color(QPalette::HighlightedText).name());
    QString html = u"<p>"_s
        + QCoreApplication::translate("ChunkHtml",
                                      "This row's bytes arrived in %1 network reads; they are highlighted below.")
              .arg(rows.size())
              .toHtmlEscaped()
        + u"</p>"_s;
    for (qsizetype i = 0; i < rows.size() && i < MaxChunksShown; ++i)
        html += chunkHtml(log.at(rows[i]), first, end, markStyle);
    if (rows.size() > MaxChunksShown)
        html += u"<p>"_s
            + QCoreApplication::translate("ChunkHtml", "%1 more reads not shown.")
                  .arg(rows.size() - MaxChunksShown)
                  .toHtmlEscaped()
            + u"</p>"_s;
    return html;
}

} // namespace ChunkHtml
