// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

/** An RFC 6901 JSON pointer such as "/choices/0/delta/content", parsed once and applied to many documents. */
class JsonPointer final
{
public:
    JsonPointer() = default;

    /** Parses text; an empty text points at the whole document. Returns nothing when text is not a pointer. */
    static std::optional<JsonPointer> parse(const QString &text);

    /** The value the pointer names in root, or Undefined when there is none. */
    QJsonValue evaluate(const QJsonValue &root) const;
    /** Parses json and evaluates; Undefined when json is not JSON or the value is missing. */
    QJsonValue evaluate(QByteArrayView json) const;
    /** Removes the value the pointer names from root (the whole document for the empty pointer, which leaves
     *  root Undefined); false when there is none. */
    bool remove(QJsonValue &root) const;
    /** The pointer's reference tokens, unescaped. */
    const QStringList &tokens() const { return m_tokens; }
    QString toString() const;

    /** A scalar as plain text (strings without quotes, numbers as JSON writes them); containers as compact JSON. */
    static QString valueText(const QJsonValue &value);

private:
    QStringList m_tokens;
};
