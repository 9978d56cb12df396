// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonsniff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace JsonSniff {

bool looksLikeContainer(QByteArrayView data)
{
    for (const char c : data) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return c == '{' || c == '[';
    }
    return false;
}

QJsonValue parseContainer(QByteArrayView data)
{
    if (!looksLikeContainer(data))
        return QJsonValue(QJsonValue::Undefined);
    QJsonParseError error;
    // The bytes are only read while parsing: no copy is needed.
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromRawData(data.data(), data.size()), &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

} // namespace JsonSniff
