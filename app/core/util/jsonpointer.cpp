// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonpointer.h"

#include "jsonsniff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace {

// An array index is decimal digits without leading zeros (RFC 6901, section 4); -1 when token is not one.
qsizetype arrayIndex(const QString &token)
{
    bool ok = false;
    const qsizetype index = token.toLongLong(&ok);
    if (!ok || token.isEmpty() || !token[0].isDigit() || (token.size() > 1 && token[0] == u'0'))
        return -1;
    return index;
}

// Removes what tokens from depth on name in value; value is rebuilt on the way back up.
bool removeFrom(QJsonValue &value, const QStringList &tokens, qsizetype depth)
{
    const QString &token = tokens.at(depth);
    const bool last = depth + 1 == tokens.size();
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        const auto found = object.find(token);
        if (found == object.end())
            return false;
        if (last) {
            object.erase(found);
        } else {
            QJsonValue child = *found;
            if (!removeFrom(child, tokens, depth + 1))
                return false;
            *found = child;
        }
        value = object;
        return true;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        const qsizetype index = arrayIndex(token);
        if (index < 0 || index >= array.size())
            return false;
        if (last) {
            array.removeAt(index);
        } else {
            QJsonValue child = array.at(index);
            if (!removeFrom(child, tokens, depth + 1))
                return false;
            array.replace(index, child);
        }
        value = array;
        return true;
    }
    return false;
}

} // namespace

std::optional<JsonPointer> JsonPointer::parse(const QString &text)
{
    JsonPointer pointer;
    if (text.isEmpty())
        return pointer;
    if (!text.startsWith(u'/'))
        return std::nullopt;
    const QStringList parts = text.mid(1).split(u'/');
    for (QString part : parts) {
        // "~1" is "/" and "~0" is "~"; any other "~" sequence is not a pointer (RFC 6901, section 3).
        for (qsizetype i = part.indexOf(u'~'); i >= 0; i = part.indexOf(u'~', i + 1)) {
            if (i + 1 >= part.size() || (part[i + 1] != u'0' && part[i + 1] != u'1'))
                return std::nullopt;
        }
        part.replace(u"~1"_s, u"/"_s);
        part.replace(u"~0"_s, u"~"_s);
        pointer.m_tokens.append(part);
    }
    return pointer;
}

QJsonValue JsonPointer::evaluate(const QJsonValue &root) const
{
    QJsonValue value = root;
    for (const QString &token : m_tokens) {
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            const auto found = object.constFind(token);
            if (found == object.constEnd())
                return QJsonValue(QJsonValue::Undefined);
            value = *found;
        } else if (value.isArray()) {
            const qsizetype index = arrayIndex(token);
            const QJsonArray array = value.toArray();
            if (index < 0 || index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            value = array.at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return value;
}

QJsonValue JsonPointer::evaluate(QByteArrayView json) const
{
    const QJsonValue root = JsonSniff::parseContainer(json);
    return root.isUndefined() ? root : evaluate(root);
}

bool JsonPointer::remove(QJsonValue &root) const
{
    if (m_tokens.isEmpty()) {
        const bool found = !root.isUndefined();
        root = QJsonValue(QJsonValue::Undefined);
        return found;
    }
    return removeFrom(root, m_tokens, 0);
}

QString JsonPointer::toString() const
{
    QString text;
    for (QString token : m_tokens) {
        token.replace(u"~"_s, u"~0"_s);
        token.replace(u"/"_s, u"~1"_s);
        text += u'/' + token;
    }
    return text;
}

QString JsonPointer::valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        // Integers print without a fraction, as JSON text has them.
        const double number = value.toDouble();
        if (number == double(qint64(number)) && qAbs(number) < 9.0e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}
