// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

/** A JSON object written in the order its members are added (QJsonObject sorts them). */
class OrderedJson final
{
public:
    OrderedJson &add(QByteArrayView key, const QString &text);
    OrderedJson &add(QByteArrayView key, const char *utf8);
    OrderedJson &add(QByteArrayView key, qint64 number);
    OrderedJson &add(QByteArrayView key, int number) { return add(key, qint64(number)); }
    /** A member whose value is already JSON text: an object, array, null, true or false. */
    OrderedJson &addRaw(QByteArrayView key, QByteArrayView json);
    OrderedJson &add(QByteArrayView key, const OrderedJson &object) { return addRaw(key, object.toJson()); }

    /** The object as compact JSON. */
    QByteArray toJson() const;

private:
    void appendKey(QByteArrayView key);

    QByteArray m_members;
};
