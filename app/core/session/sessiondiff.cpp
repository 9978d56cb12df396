// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessiondiff.h"

#include <QtGlobal>

#include <cstdlib>

using namespace Qt::Literals::StringLiterals;

namespace {

using Difference = SessionDiff::Difference;

Difference fieldDifference(Difference::Kind kind, qsizetype index, const QByteArray &a, const QByteArray &b)
{
    Difference difference;
    difference.kind = kind;
    difference.indexA = index;
    difference.indexB = index;
    difference.valueA = a;
    difference.valueB = b;
    return difference;
}

} // namespace

QList<SessionDiff::Difference> SessionDiff::compare(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                                                    const Options &options)
{
    QList<Difference> differences;
    const qsizetype common = qMin(a.size(), b.size());
    // Times count from each recording's first event, so two recordings made at different moments compare.
    const qint64 startA = a.isEmpty() ? 0 : a.first().monotonicNs;
    const qint64 startB = b.isEmpty() ? 0 : b.first().monotonicNs;
    const qint64 toleranceNs = qMax<qint64>(0, options.toleranceMs) * 1000000;
    for (qsizetype i = 0; i < common; ++i) {
        const SseEvent &eventA = a.at(i).event;
        const SseEvent &eventB = b.at(i).event;
        if (eventA.type != eventB.type)
            differences << fieldDifference(Difference::Kind::Type, i, eventA.type, eventB.type);
        if (eventA.data != eventB.data)
            differences << fieldDifference(Difference::Kind::Data, i, eventA.data, eventB.data);
        if (eventA.lastEventId != eventB.lastEventId)
            differences << fieldDifference(Difference::Kind::Id, i, eventA.lastEventId, eventB.lastEventId);
        if (options.compareTiming) {
            const qint64 timeA = a.at(i).monotonicNs - startA;
            const qint64 timeB = b.at(i).monotonicNs - startB;
            if (std::llabs(timeA - timeB) > toleranceNs) {
                Difference difference;
                difference.kind = Difference::Kind::Timing;
                difference.indexA = i;
                difference.indexB = i;
                difference.timeANs = timeA;
                difference.timeBNs = timeB;
                differences << difference;
            }
        }
    }
    for (qsizetype i = common; i < a.size(); ++i) {
        Difference difference;
        difference.kind = Difference::Kind::OnlyInA;
        difference.indexA = i;
        differences << difference;
    }
    for (qsizetype i = common; i < b.size(); ++i) {
        Difference difference;
        difference.kind = Difference::Kind::OnlyInB;
        difference.indexB = i;
        differences << difference;
    }
    return differences;
}

QString SessionDiff::escaped(QStringView text)
{
    QString out;
    out.reserve(text.size() + 32);
    for (const QChar c : text) {
        if (c == u'\n')
            out += u"\\n"_s;
        else if (c == u'\r')
            out += u"\\r"_s;
        else if (c == u'\t')
            out += u"\\t"_s;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
        else
            out += c;
    }
    return out;
}

QString SessionDiff::kindName(Difference::Kind kind)
{
    switch (kind) {
    case Difference::Kind::Type:
        return u"type"_s;
    case Difference::Kind::Data:
        return u"data"_s;
    case Difference::Kind::Id:
        return u"id"_s;
    case Difference::Kind::Timing:
        return u"timing"_s;
    case Difference::Kind::OnlyInA:
        return u"only-in-a"_s;
    case Difference::Kind::OnlyInB:
        break;
    }
    return u"only-in-b"_s;
}

QList<RecordedEvent> SessionDiff::loadEvents(const QString &path, QString *error, QStringList *warnings)
{
    QList<RecordedEvent> events;
    EventDeriver deriver([&events](const RecordedEvent &event) { events << event; });
    const SessionReader::Result result = SessionReader().readFile(path, deriver);
    if (warnings)
        *warnings = result.warnings;
    if (!result.ok()) {
        if (error)
            *error = result.error;
        return {};
    }
    if (error)
        error->clear();
    return events;
}
