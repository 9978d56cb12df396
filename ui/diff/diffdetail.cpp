// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffdetail.h"

#include "compare/linediff.h"
#include "sse/utf8.h"
#include "util/jsonsniff.h"
#include "util/prettyjson.h"

using namespace Qt::Literals::StringLiterals;

namespace {

using Kind = SessionDiff::Difference::Kind;

// Laying out megabytes of text stalls a window: the detail shows the start of a huge value.
constexpr qsizetype DetailDataLimit = qsizetype(256) << 10;

int kindBit(Kind kind)
{
    return 1 << int(kind);
}

// Data as the detail shows it: JSON indented for reading, anything else as it is; a huge value is cut.
QString detailData(const QByteArray &data)
{
    if (data.size() > DetailDataLimit) {
        const QByteArrayView start = Utf8::prefix(data, DetailDataLimit);
        return Utf8::toString(start) + u'\n'
            + DiffDetail::tr("… %1 more bytes are not shown").arg(data.size() - start.size());
    }
    const QString text = Utf8::toString(data);
    return JsonSniff::parseContainer(data).isUndefined() ? text : PrettyJson::indent(text);
}

QString milliseconds(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 3);
}

} // namespace

std::pair<DiffDetail::Side, DiffDetail::Side> DiffDetail::sides(const SessionComparison &comparison, qsizetype row)
{
    const int kinds = comparison.kindsAt(row);
    Side sides[2];
    QStringList dataLines[2];
    for (int side = 0; side < 2; ++side) {
        const RecordedEvent *recorded = side == 0 ? comparison.eventA(row) : comparison.eventB(row);
        if (!recorded)
            continue;
        const SseEvent &event = recorded->event;
        const qint64 timeNs = side == 0 ? comparison.timeANs(row) : comparison.timeBNs(row);
        dataLines[side] = detailData(event.data).split(u'\n');
        const QStringList fields{
            tr("type: %1").arg(Utf8::toString(event.type)),
            tr("id: %1").arg(event.lastEventId.isEmpty() ? tr("(none)") : Utf8::toString(event.lastEventId)),
            tr("time: +%1 ms since the first event").arg(milliseconds(timeNs)),
            tr("data:"),
        };
        sides[side].text = fields.join(u'\n') + u'\n' + dataLines[side].join(u'\n');
        const Kind onlyHere = side == 0 ? Kind::OnlyInA : Kind::OnlyInB;
        if (kinds & kindBit(onlyHere)) {
            sides[side].mark = side == 0 ? DiffText::Mark::OnlyInA : DiffText::Mark::OnlyInB;
            sides[side].markedLines.append({0, int(fields.size() + dataLines[side].size() - 1)});
            continue;
        }
        const Kind lineKinds[] = {Kind::Type, Kind::Id, Kind::Timing, Kind::Data};
        for (int line = 0; line < FirstDataLine; ++line) {
            if (kinds & kindBit(lineKinds[line]))
                sides[side].markedLines.append({line, line});
        }
    }
    if ((kinds & kindBit(Kind::Data)) && !sides[0].text.isEmpty() && !sides[1].text.isEmpty()) {
        auto [unmatchedA, unmatchedB] = LineDiff::unmatchedLines(dataLines[0], dataLines[1]);
        // Values that differ only where indenting hides it (spaces in JSON) are marked whole.
        if (!unmatchedA.contains(true) && !unmatchedB.contains(true)) {
            unmatchedA.fill(true);
            unmatchedB.fill(true);
        }
        sides[0].markedLines << LineDiff::runs(unmatchedA, FirstDataLine);
        sides[1].markedLines << LineDiff::runs(unmatchedB, FirstDataLine);
    }
    for (Side &side : sides) {
        // Runs that touch become one: fewer, larger marks.
        QList<std::pair<int, int>> merged;
        for (const auto &run : std::as_const(side.markedLines)) {
            if (!merged.isEmpty() && merged.last().second + 1 >= run.first)
                merged.last().second = qMax(merged.last().second, run.second);
            else
                merged << run;
        }
        side.markedLines = merged;
    }
    return {sides[0], sides[1]};
}
