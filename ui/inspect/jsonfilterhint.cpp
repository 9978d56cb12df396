// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonfilterhint.h"

#include "models/jsontreemodel.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace {

// A value quoted in a sentence, cut when long.
QString quoted(const QString &value)
{
    constexpr qsizetype MaxChars = 40;
    return u'"' + (value.size() > MaxChars ? value.left(MaxChars) + u'…' : value) + u'"';
}

int count(qint64 rows)
{
    return int(qMin<qint64>(rows, INT_MAX));
}

} // namespace

QString JsonFilterHint::text(const QString &pointer, const JsonFieldMatcher &matcher,
                             const JsonFieldMatcher::Summary &summary)
{
    using Miss = JsonFieldMatcher::NearMiss;
    if (summary.events == 0 || summary.matched > 0)
        return {};
    if (summary.json == 0)
        return tr("No event's data is JSON, so none has %1.").arg(pointer);
    if (summary.found == 0)
        return tr("%1 is in none of the %n JSON event(s).", nullptr, count(summary.json)).arg(pointer);
    const Miss miss = summary.mostCommon();
    const qint64 rows = summary.nearMisses[size_t(miss)];
    const QString example = quoted(summary.examples[size_t(miss)]);
    switch (miss) {
    case Miss::Whitespace:
        return tr("No exact match; %n row(s) contain %1 with surrounding spaces (such as %2).", nullptr, count(rows))
            .arg(quoted(matcher.value().trimmed()), example);
    case Miss::Case:
        return tr("No match in this case; %n row(s) match when case is ignored (such as %1): turn Aa off.", nullptr,
                  count(rows))
            .arg(example);
    case Miss::NumberAsText:
        return tr("No exact match; %1 is a string in %n row(s) that reads as the number %2 (such as %3), and a "
                  "string is compared as text.",
                  nullptr, count(rows))
            .arg(pointer, matcher.value().trimmed(), example);
    case Miss::Contained:
        return tr("No exact match; %n row(s) contain %1 (such as %2): choose \"contains\".", nullptr, count(rows))
            .arg(quoted(matcher.value()), example);
    case Miss::None:
        break;
    }
    // Nothing comes close: say what the pointer holds, which tells when the value is of another type.
    QStringList kinds;
    for (const QJsonValue::Type type : {QJsonValue::String, QJsonValue::Double, QJsonValue::Bool, QJsonValue::Null,
                                        QJsonValue::Array, QJsonValue::Object}) {
        if (summary.kinds & (1u << unsigned(JsonField::kindOf(type))))
            kinds << JsonTreeModel::typeName(type);
    }
    const bool asNumber = matcher.mode() == JsonFieldMatcher::Mode::Equals && matcher.wantedNumber().has_value()
        && summary.onlyKind(JsonField::Kind::Number);
    return tr("%1 holds %2 values in %n row(s); none matches %3 (compared as %4).", nullptr, count(summary.found))
        .arg(pointer, kinds.join(u" / "_s), quoted(matcher.value()), asNumber ? tr("a number") : tr("text"));
}
