// SPDX-License-Identifier: GPL-3.0-or-later
#include "sseformatter.h"

QByteArrayView SseFormatter::lineEnd() const
{
    switch (m_ending) {
    case LineEnding::CrLf:
        return "\r\n";
    case LineEnding::Cr:
        return "\r";
    case LineEnding::Lf:
        break;
    }
    return "\n";
}

void SseFormatter::appendField(QByteArray &out, QByteArrayView name, QByteArrayView value) const
{
    out.append(name);
    out.append(value.isEmpty() ? QByteArrayView(":") : QByteArrayView(": "));
    out.append(value);
    out.append(lineEnd());
}

void SseFormatter::appendEvent(QByteArray &out, QByteArrayView data, QByteArrayView type, QByteArrayView id) const
{
    if (!type.isEmpty())
        appendField(out, "event", type);
    if (!id.isEmpty())
        appendField(out, "id", id);
    qsizetype start = 0;
    for (qsizetype i = 0; i < data.size(); ++i) {
        if (data[i] != '\n' && data[i] != '\r')
            continue;
        appendField(out, "data", data.sliced(start, i - start));
        if (data[i] == '\r' && i + 1 < data.size() && data[i + 1] == '\n')
            ++i;
        start = i + 1;
    }
    appendField(out, "data", data.sliced(start));
    out.append(lineEnd());
}

void SseFormatter::appendComment(QByteArray &out, QByteArrayView text) const
{
    out.append(':');
    if (!text.isEmpty()) {
        out.append(' ');
        out.append(text);
    }
    out.append(lineEnd());
}

void SseFormatter::appendRetry(QByteArray &out, qint64 milliseconds) const
{
    appendField(out, "retry", QByteArray::number(milliseconds));
}
