// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jsonfield.h"

#include <QRegularExpression>

#include <array>
#include <optional>

/**
 * Whether the value a JSON pointer found matches what a filter asks for, and, when it does not, whether it
 * nearly does (other case, surrounding spaces, a number written as a string, a longer text), so that a filter
 * that matches nothing can say why.
 */
class JsonFieldMatcher final
{
public:
    enum class Mode : quint8 {
        Contains, // the value's text contains what is asked for
        Equals, // the value is what is asked for; numbers compare as numbers ("1.0" finds 1)
        Regex, // the value's text matches a regular expression
        Exists, // any value, null included
    };
    /** How a value that does not match comes close to matching. */
    enum class NearMiss : quint8 {
        None,
        Whitespace, // Equals: the same once spaces around it are left out
        Case, // the same but for upper and lower case
        NumberAsText, // Equals: a number was asked for, and the value is a string that reads as that number
        Contained, // Equals: the value contains what is asked for
    };
    static constexpr int NearMissCount = 5;

    /** What the events a filter looked at hold, to say why it matches nothing. */
    struct Summary
    {
        qint64 events = 0; // events looked at
        qint64 json = 0; // of them, with JSON data
        qint64 found = 0; // of them, where the pointer names a value
        qint64 matched = 0; // of them, matching
        std::array<qint64, NearMissCount> nearMisses{}; // by NearMiss
        std::array<QString, NearMissCount> examples{}; // the first value of each near miss
        quint32 kinds = 0; // a bit (1 << JsonField::Kind) for each type of value found

        /** The near miss seen most often (None when there is none). */
        NearMiss mostCommon() const;
        /** True when the values found are all of this type. */
        bool onlyKind(JsonField::Kind kind) const { return kinds == (1u << unsigned(kind)); }
    };

    JsonFieldMatcher() = default;
    JsonFieldMatcher(Mode mode, const QString &value, bool caseSensitive);

    Mode mode() const { return m_mode; }
    const QString &value() const { return m_value; }
    bool isCaseSensitive() const { return m_caseSensitive; }
    /** The compiled expression in Regex mode (check isValid() on it). */
    const QRegularExpression &regularExpression() const { return m_regex; }
    /** True when any value found matches: Exists, or nothing asked for. */
    bool acceptsAnyValue() const { return m_mode == Mode::Exists || m_value.isEmpty(); }
    /** The value asked for as a number, when it reads as one. */
    std::optional<double> wantedNumber() const { return m_number; }

    bool matches(const JsonField &field) const;
    /** How close a field that does not match comes (None for one that matches). */
    NearMiss nearMiss(const JsonField &field) const;
    /** Counts field (the value in one event) into summary. */
    void count(Summary &summary, const JsonField &field) const;

private:
    bool matchesText(const QString &text, Qt::CaseSensitivity cs) const;

    Mode m_mode = Mode::Exists;
    QString m_value;
    bool m_caseSensitive = true;
    QRegularExpression m_regex;
    QRegularExpression m_regexAnyCase; // for the Case near miss
    std::optional<double> m_number;
};
