// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonfield.h"

#include "jsonpointer.h"

namespace {

// Missing values first, then numbers, then everything else.
int sortRank(const JsonField &field)
{
    if (!field.isFound())
        return 0;
    return field.kind == JsonField::Kind::Number ? 1 : 2;
}

} // namespace

JsonField::Kind JsonField::kindOf(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Null:
        return Kind::Null;
    case QJsonValue::Bool:
        return Kind::Bool;
    case QJsonValue::Double:
        return Kind::Number;
    case QJsonValue::String:
        return Kind::String;
    case QJsonValue::Array:
        return Kind::Array;
    case QJsonValue::Object:
        return Kind::Object;
    case QJsonValue::Undefined:
        break;
    }
    return Kind::Missing;
}

JsonField JsonField::of(const QJsonValue &value, qsizetype maxChars)
{
    JsonField field;
    field.kind = kindOf(value.type());
    if (!field.isFound())
        return field;
    if (field.kind == Kind::Number)
        field.number = value.toDouble();
    field.text = JsonPointer::valueText(value);
    if (maxChars >= 0 && field.text.size() > maxChars) {
        field.text.truncate(maxChars);
        if (!field.text.isEmpty() && field.text.back().isHighSurrogate())
            field.text.chop(1); // half a character is none
        field.text.squeeze();
        field.cut = true;
    }
    return field;
}

bool JsonField::lessThan(const JsonField &a, const JsonField &b)
{
    const int rankA = sortRank(a);
    const int rankB = sortRank(b);
    if (rankA != rankB)
        return rankA < rankB;
    if (rankA == 1)
        return a.number < b.number;
    return a.text < b.text;
}
