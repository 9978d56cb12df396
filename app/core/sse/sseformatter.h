// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

/** Writes events, comments and retry fields in text/event-stream form with a chosen line ending. */
class SseFormatter final
{
public:
    enum class LineEnding { Lf, CrLf, Cr };

    explicit SseFormatter(LineEnding ending = LineEnding::Lf)
        : m_ending(ending)
    {
    }

    /** The bytes that end a line. */
    QByteArrayView lineEnd() const;
    /** An event: one data line per line of data (split at CRLF, LF or CR), then a blank line. */
    void appendEvent(QByteArray &out, QByteArrayView data, QByteArrayView type = {}, QByteArrayView id = {}) const;
    /** A comment line (": text" when text is not empty). */
    void appendComment(QByteArray &out, QByteArrayView text) const;
    /** A retry field on its own. */
    void appendRetry(QByteArray &out, qint64 milliseconds) const;

private:
    void appendField(QByteArray &out, QByteArrayView name, QByteArrayView value) const;

    LineEnding m_ending;
};
