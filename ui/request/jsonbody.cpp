// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonbody.h"

#include "util/jsonsniff.h"
#include "util/prettyjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr QByteArrayView Space = " \t\r\n";

bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
        || c == '+';
}

} // namespace

bool JsonBody::isJsonType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type == "application/json" || type.endsWith("+json");
}

std::optional<QString> JsonBody::error(const QByteArray &text)
{
    // Qt parses only objects and arrays at the top, so anything else is checked inside an array.
    const bool wrap = !JsonSniff::looksLikeContainer(text);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(wrap ? '[' + text + ']' : text, &parseError);
    QString message = parseError.errorString();
    qsizetype offset = parseError.offset - (wrap ? 1 : 0);
    if (parseError.error == QJsonParseError::NoError) {
        if (!wrap || document.array().size() == 1)
            return std::nullopt;
        // "1, 2" is two values, and an empty text none.
        message = document.array().isEmpty() ? QCoreApplication::translate("JsonBody", "no value")
                                             : QCoreApplication::translate("JsonBody", "more than one value");
        offset = document.array().isEmpty() ? text.size() : text.indexOf(',');
    } else if (parseError.error != QJsonParseError::GarbageAtEnd) {
        // Qt reports the offset just after the character it could not take; for a bad word such as "tru",
        // after the character that ended it. Point at the start of the word instead.
        offset = qBound<qsizetype>(0, offset - 1, text.size());
        while (offset > 0 && offset < text.size() && Space.contains(text[offset]))
            --offset;
        while (offset > 0 && isWordChar(text[offset - 1]) && offset < text.size() && isWordChar(text[offset]))
            --offset;
    }
    const qsizetype lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const qsizetype line = text.left(offset).count('\n') + 1;
    const qsizetype column = QString::fromUtf8(text.mid(lineStart, offset - lineStart)).size() + 1;
    return QCoreApplication::translate("JsonBody", "line %1, column %2: %3").arg(line).arg(column).arg(message);
}

QByteArray JsonBody::pretty(const QByteArray &json)
{
    if (json.trimmed().isEmpty() || error(json))
        return json;
    return PrettyJson::indent(QString::fromUtf8(json)).toUtf8();
}
