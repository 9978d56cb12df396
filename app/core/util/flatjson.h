// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QVarLengthArray>

#include <optional>

/**
 * Reads one JSON object whose values are all strings, integers, booleans or null, straight from its UTF-8
 * text: no DOM, no UTF-16 round trip. Anything else (a nested object or array, a fraction or exponent, an
 * escaped key, text that is not valid UTF-8, bytes after the object) makes parse() return nothing, so the
 * caller hands that text to the general parser, which either reads it or says what is wrong with it.
 * Session files are made of such objects, one per line, most of them reads of the stream.
 */
class FlatJson final
{
public:
    enum class Kind : quint8 { String, Integer, Bool, Null };

    struct Member
    {
        QByteArrayView key; // as written: keys with escapes are not flat
        Kind kind = Kind::Null;
        QByteArrayView text; // a string's raw text between its quotes, escapes not yet undone
        qint64 integer = 0; // Integer; Bool as 0 or 1
        bool escaped = false; // the string holds a backslash escape
    };

    /** The object's members in the order written, or nothing when text is not a flat object. */
    static std::optional<FlatJson> parse(QByteArrayView text);

    /** The member with this key; nullptr when there is none. A key written twice is not flat. */
    const Member *find(QByteArrayView key) const;
    /** A string member's value as UTF-8 bytes; nothing for an escaped lone surrogate, which is not flat. */
    static std::optional<QByteArray> string(const Member &member);

private:
    QVarLengthArray<Member, 8> m_members;
};
