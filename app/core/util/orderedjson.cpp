// SPDX-License-Identifier: GPL-3.0-or-later
#include "orderedjson.h"

#include "jsontext.h"

void OrderedJson::appendKey(QByteArrayView key)
{
    if (!m_members.isEmpty())
        m_members.append(',');
    JsonText::appendString(m_members, key);
    m_members.append(':');
}

OrderedJson &OrderedJson::add(QByteArrayView key, const QString &text)
{
    appendKey(key);
    JsonText::appendString(m_members, text.toUtf8());
    return *this;
}

OrderedJson &OrderedJson::add(QByteArrayView key, const char *utf8)
{
    appendKey(key);
    JsonText::appendString(m_members, utf8);
    return *this;
}

OrderedJson &OrderedJson::add(QByteArrayView key, qint64 number)
{
    appendKey(key);
    m_members.append(QByteArray::number(number));
    return *this;
}

OrderedJson &OrderedJson::addRaw(QByteArrayView key, QByteArrayView json)
{
    appendKey(key);
    m_members.append(json);
    return *this;
}

QByteArray OrderedJson::toJson() const
{
    return '{' + m_members + '}';
}
