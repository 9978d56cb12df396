// SPDX-License-Identifier: GPL-3.0-or-later
#include "bytetext.h"

#include "sse/utf8.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int BytesPerLine = 16;
constexpr char Digits[] = "0123456789abcdef";

int utf8Length(uchar lead)
{
    if ((lead & 0xE0) == 0xC0)
        return 2;
    if ((lead & 0xF0) == 0xE0)
        return 3;
    if ((lead & 0xF8) == 0xF0)
        return 4;
    return 0;
}

void appendHexByte(QString &out, uchar byte)
{
    out += QLatin1Char(Digits[byte >> 4]);
    out += QLatin1Char(Digits[byte & 0xF]);
}

} // namespace

namespace ByteText {

QString escaped(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (qsizetype i = 0; i < bytes.size();) {
        const auto c = uchar(bytes[i]);
        if (c >= 0x20 && c < 0x7F) {
            out += QLatin1Char(char(c));
            ++i;
            continue;
        }
        switch (c) {
        case '\n':
            out += u"\\n\n"_s;
            ++i;
            continue;
        case '\r':
            out += u"\\r"_s;
            ++i;
            continue;
        case '\t':
            out += u"\\t"_s;
            ++i;
            continue;
        default:
            break;
        }
        const int length = utf8Length(c);
        if (length > 0 && i + length <= bytes.size() && Utf8::isValid(bytes.sliced(i, length))) {
            out += QString::fromUtf8(bytes.sliced(i, length));
            i += length;
            continue;
        }
        out += u"\\x"_s;
        appendHexByte(out, c);
        ++i;
    }
    return out;
}

QString hexDump(QByteArrayView bytes, qint64 firstOffset)
{
    QString out;
    // 8 offset digits, 2 spaces, 16 * 3 hex, 1 group space, 1 space, |16 ASCII|, LF.
    out.reserve((bytes.size() / BytesPerLine + 1) * 79);
    for (qsizetype line = 0; line < bytes.size(); line += BytesPerLine) {
        const qsizetype count = qMin<qsizetype>(BytesPerLine, bytes.size() - line);
        out += QString::number(firstOffset + line, 16).rightJustified(8, u'0');
        out += u' ';
        for (qsizetype i = 0; i < BytesPerLine; ++i) {
            out += i == 8 ? u"  "_s : u" "_s;
            if (i < count)
                appendHexByte(out, uchar(bytes[line + i]));
            else
                out += u"  "_s;
        }
        out += u"  |"_s;
        for (qsizetype i = 0; i < count; ++i) {
            const auto c = uchar(bytes[line + i]);
            out += c >= 0x20 && c < 0x7F ? QLatin1Char(char(c)) : QLatin1Char('.');
        }
        out += u"|\n"_s;
    }
    return out;
}

QString sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return QCoreApplication::translate("ByteText", "%1 bytes").arg(bytes);
    static const char *const units[]
        = {QT_TRANSLATE_NOOP("ByteText", "%1 KiB"), QT_TRANSLATE_NOOP("ByteText", "%1 MiB"),
           QT_TRANSLATE_NOOP("ByteText", "%1 GiB")};
    qint64 unit = 1024;
    int index = 0;
    while (index < 2 && bytes >= unit * 1024) {
        unit *= 1024;
        ++index;
    }
    // A whole number of units shows no fraction: "256 KiB", "4.8 MiB".
    const QString number = bytes % unit == 0 ? QLocale().toString(bytes / unit)
                                             : QLocale().toString(double(bytes) / double(unit), 'f', 1);
    return QCoreApplication::translate("ByteText", units[index]).arg(number);
}

} // namespace ByteText
