// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonfieldmatcher.h"

namespace {

std::optional<double> readNumber(const QString &text)
{
    bool ok = false;
    const double number = text.trimmed().toDouble(&ok);
    return ok ? std::optional<double>(number) : std::nullopt;
}

} // namespace

JsonFieldMatcher::NearMiss JsonFieldMatcher::Summary::mostCommon() const
{
    int best = 0;
    for (int i = 1; i < NearMissCount; ++i) {
        if (nearMisses[size_t(i)] > nearMisses[size_t(best)])
            best = i;
    }
    return NearMiss(best);
}

JsonFieldMatcher::JsonFieldMatcher(Mode mode, const QString &value, bool caseSensitive)
    : m_mode(mode)
    , m_value(value)
    , m_caseSensitive(caseSensitive)
    , m_number(readNumber(value))
{
    if (mode == Mode::Regex && !value.isEmpty()) {
        m_regex.setPattern(value);
        m_regexAnyCase.setPattern(value);
        m_regexAnyCase.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
        if (!caseSensitive)
            m_regex.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
        // Compiled once here rather than on the first row.
        m_regex.optimize();
    }
}

bool JsonFieldMatcher::matchesText(const QString &text, Qt::CaseSensitivity cs) const
{
    switch (m_mode) {
    case Mode::Contains:
        return text.contains(m_value, cs);
    case Mode::Equals:
        return text.compare(m_value, cs) == 0;
    case Mode::Regex:
        return (cs == Qt::CaseSensitive || !m_caseSensitive ? m_regex : m_regexAnyCase).match(text).hasMatch();
    case Mode::Exists:
        break;
    }
    return true;
}

bool JsonFieldMatcher::matches(const JsonField &field) const
{
    if (!field.isFound())
        return false;
    if (acceptsAnyValue())
        return true;
    if (m_mode == Mode::Regex && !m_regex.isValid())
        return false;
    // Numbers compare as numbers, so "1.0" finds 1 and "1e3" finds 1000.
    if (m_mode == Mode::Equals && field.kind == JsonField::Kind::Number && m_number && field.number == *m_number)
        return true;
    return matchesText(field.text, m_caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive);
}

JsonFieldMatcher::NearMiss JsonFieldMatcher::nearMiss(const JsonField &field) const
{
    if (!field.isFound() || (m_mode == Mode::Regex && !m_regex.isValid()) || matches(field))
        return NearMiss::None;
    const Qt::CaseSensitivity cs = m_caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (m_mode == Mode::Equals && field.text.trimmed().compare(m_value.trimmed(), cs) == 0)
        return NearMiss::Whitespace;
    if (m_caseSensitive && matchesText(field.text, Qt::CaseInsensitive))
        return NearMiss::Case;
    if (m_mode != Mode::Equals)
        return NearMiss::None;
    if (m_number && field.kind == JsonField::Kind::String) {
        if (const std::optional<double> number = readNumber(field.text); number && *number == *m_number)
            return NearMiss::NumberAsText;
    }
    if (field.text.contains(m_value, cs))
        return NearMiss::Contained;
    return NearMiss::None;
}

void JsonFieldMatcher::count(Summary &summary, const JsonField &field) const
{
    ++summary.events;
    if (field.kind == JsonField::Kind::NotJson || field.kind == JsonField::Kind::Unknown)
        return;
    ++summary.json;
    if (!field.isFound())
        return;
    ++summary.found;
    summary.kinds |= 1u << unsigned(field.kind);
    if (matches(field)) {
        ++summary.matched;
        return;
    }
    const auto miss = size_t(nearMiss(field));
    if (miss == 0)
        return;
    if (summary.nearMisses[miss]++ == 0)
        summary.examples[miss] = field.text;
}
