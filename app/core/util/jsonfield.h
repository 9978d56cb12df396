// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

/** What a JSON pointer found in one event's data, kept small enough to remember for every row of a table. */
struct JsonField
{
    enum class Kind : quint8 {
        Unknown, // not looked at yet
        NotJson, // the data is not a JSON object or array
        Missing, // JSON, but the pointer names nothing in it
        Null,
        Bool,
        Number,
        String,
        Array,
        Object,
    };

    Kind kind = Kind::Unknown;
    bool cut = false; // text holds only the start of the value
    double number = 0; // a Number's value
    QString text; // strings without quotes, numbers as JSON writes them, arrays and objects as compact JSON

    /** True when the pointer named a value (of any type, null included). */
    bool isFound() const { return kind >= Kind::Null; }

    /** The kind of a value of this JSON type (Missing for Undefined). */
    static Kind kindOf(QJsonValue::Type type);
    /** value as a field; text longer than maxChars (when >= 0) is cut to maxChars and marked so. */
    static JsonField of(const QJsonValue &value, qsizetype maxChars = -1);
    /** Orders fields for sorting: nothing found first, then numbers by value, then the rest by text. */
    static bool lessThan(const JsonField &a, const JsonField &b);
};
