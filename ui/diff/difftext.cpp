// SPDX-License-Identifier: GPL-3.0-or-later
#include "difftext.h"

#include "sse/utf8.h"

using namespace Qt::Literals::StringLiterals;

namespace {

using Kind = DiffText::Kind;

constexpr qsizetype TooltipChars = 120; // as much as `ssescope diff` shows of a value

QString milliseconds(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 3);
}

QString differencesText(qsizetype count)
{
    return count == 1 ? DiffText::tr("1 difference") : DiffText::tr("%1 differences").arg(count);
}

} // namespace

QColor DiffText::markColor(Mark mark)
{
    // Translucent, so the base colour of the palette shows through: pale on white, deep on a dark base.
    switch (mark) {
    case Mark::Changed:
        return QColor(255, 170, 0, 85);
    case Mark::OnlyInA:
        return QColor(235, 64, 52, 80);
    case Mark::OnlyInB:
        break;
    }
    return QColor(46, 184, 76, 80);
}

QString DiffText::kindText(Kind kind)
{
    switch (kind) {
    case Kind::Type:
        return tr("type");
    case Kind::Data:
        return tr("data");
    case Kind::Id:
        return tr("id");
    case Kind::Timing:
        return tr("timing");
    case Kind::OnlyInA:
        return tr("only in A");
    case Kind::OnlyInB:
        break;
    }
    return tr("only in B");
}

QString DiffText::eventsText(qsizetype count)
{
    return count == 1 ? tr("1 event") : tr("%1 events").arg(count);
}

QString DiffText::eventNumber(const EventAlignment::Pair &pair)
{
    if (pair.a < 0 || pair.b < 0 || pair.a == pair.b)
        return QString::number((pair.a >= 0 ? pair.a : pair.b) + 1);
    return tr("%1 (%2 in B)").arg(pair.a + 1).arg(pair.b + 1);
}

QString DiffText::shown(const QByteArray &bytes)
{
    const QString text = Utf8::toString(Utf8::prefix(bytes, TooltipChars * 4));
    const QString head = text.left(TooltipChars);
    QString out = SessionDiff::escaped(head);
    if (head.size() < text.size() || text.toUtf8().size() < bytes.size())
        out += tr("… [+%1 bytes]").arg(bytes.size() - head.toUtf8().size());
    return out;
}

QString DiffText::describe(const SessionComparison &comparison, qsizetype row)
{
    const QString number = eventNumber(comparison.pair(row));
    QStringList lines;
    for (const SessionDiff::Difference &difference : comparison.differencesAt(row)) {
        switch (difference.kind) {
        case Kind::Type:
        case Kind::Data:
        case Kind::Id:
            lines << tr("Event %1: %2 differs").arg(number, kindText(difference.kind))
                  << tr("A: %1").arg(shown(difference.valueA)) << tr("B: %1").arg(shown(difference.valueB));
            break;
        case Kind::Timing:
            lines << tr("Event %1: timing differs by %2 ms (tolerance %3 ms)")
                         .arg(number, milliseconds(qAbs(difference.timeANs - difference.timeBNs)))
                         .arg(comparison.options().toleranceMs)
                  << tr("A: +%1 ms").arg(milliseconds(difference.timeANs))
                  << tr("B: +%1 ms").arg(milliseconds(difference.timeBNs));
            break;
        // Past the end of the other recording, or where the other has no event with its id.
        case Kind::OnlyInA:
            lines << (comparison.endedBefore(row, false)
                          ? tr("Event %1 is only in A: B has %2").arg(number, eventsText(comparison.eventsB().size()))
                          : tr("Event %1 is only in A: B has no event that pairs with it by id").arg(number));
            break;
        case Kind::OnlyInB:
            lines << (comparison.endedBefore(row, true)
                          ? tr("Event %1 is only in B: A has %2").arg(number, eventsText(comparison.eventsA().size()))
                          : tr("Event %1 is only in B: A has no event that pairs with it by id").arg(number));
            break;
        }
    }
    return lines.join(u'\n');
}

QString DiffText::summary(const SessionComparison &comparison)
{
    const QList<SessionDiff::Difference> &differences = comparison.differences();
    const qsizetype countA = comparison.eventsA().size();
    const qsizetype countB = comparison.eventsB().size();
    if (differences.isEmpty()) {
        QString text = tr("Equal: %1 in each").arg(eventsText(countA));
        if (comparison.options().compareTiming)
            text += tr(", timing within %1 ms").arg(comparison.options().toleranceMs);
        return text;
    }
    qsizetype counts[int(Kind::OnlyInB) + 1] = {};
    for (const SessionDiff::Difference &difference : differences)
        ++counts[int(difference.kind)];
    QStringList parts;
    for (const Kind kind : {Kind::Type, Kind::Data, Kind::Id, Kind::Timing, Kind::OnlyInA, Kind::OnlyInB}) {
        const qsizetype count = counts[int(kind)];
        if (count == 0)
            continue;
        if (kind == Kind::OnlyInA)
            parts << tr("%1 only in A").arg(count);
        else if (kind == Kind::OnlyInB)
            parts << tr("%1 only in B").arg(count);
        else
            parts << tr("%1 in %2").arg(count).arg(kindText(kind));
    }
    return tr("%1: %2 (A has %3, B has %4)")
        .arg(differencesText(differences.size()), parts.join(tr(", ")), eventsText(countA), eventsText(countB));
}
