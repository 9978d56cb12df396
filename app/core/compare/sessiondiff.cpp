// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessiondiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtGlobal>

#include <cstdlib>

using namespace Qt::Literals::StringLiterals;

namespace {

using Difference = SessionDiff::Difference;

Difference fieldDifference(Difference::Kind kind, const EventAlignment::Pair &pair, const QByteArray &a,
                           const QByteArray &b)
{
    Difference difference;
    difference.kind = kind;
    difference.indexA = pair.a;
    difference.indexB = pair.b;
    difference.valueA = a;
    difference.valueB = b;
    return difference;
}

// The data as a JSON value, or nothing when it is not an object or an array.
std::optional<QJsonValue> jsonValue(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return std::nullopt;
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

} // namespace

QList<SessionDiff::Difference> SessionDiff::compare(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                                                    const Options &options)
{
    return compare(a, b, align(a, b, options), options);
}

QList<SessionDiff::Difference> SessionDiff::compare(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                                                    const QList<EventAlignment::Pair> &pairs, const Options &options)
{
    QList<Difference> differences;
    // Times count from each recording's first event, so two recordings made at different moments compare.
    const qint64 startA = a.isEmpty() ? 0 : a.first().monotonicNs;
    const qint64 startB = b.isEmpty() ? 0 : b.first().monotonicNs;
    const qint64 toleranceNs = qMax<qint64>(0, options.toleranceMs) * 1000000;
    for (const EventAlignment::Pair &pair : pairs) {
        if (pair.a < 0 || pair.b < 0) {
            Difference difference;
            difference.kind = pair.b < 0 ? Difference::Kind::OnlyInA : Difference::Kind::OnlyInB;
            difference.indexA = pair.a;
            difference.indexB = pair.b;
            differences << difference;
            continue;
        }
        const SseEvent &eventA = a.at(pair.a).event;
        const SseEvent &eventB = b.at(pair.b).event;
        if (eventA.type != eventB.type)
            differences << fieldDifference(Difference::Kind::Type, pair, eventA.type, eventB.type);
        if (!sameData(eventA.data, eventB.data, options.ignoredFields))
            differences << fieldDifference(Difference::Kind::Data, pair, eventA.data, eventB.data);
        if (!options.ignoreId && eventA.lastEventId != eventB.lastEventId)
            differences << fieldDifference(Difference::Kind::Id, pair, eventA.lastEventId, eventB.lastEventId);
        if (options.compareTiming) {
            const qint64 timeA = a.at(pair.a).monotonicNs - startA;
            const qint64 timeB = b.at(pair.b).monotonicNs - startB;
            if (std::llabs(timeA - timeB) > toleranceNs) {
                Difference difference;
                difference.kind = Difference::Kind::Timing;
                difference.indexA = pair.a;
                difference.indexB = pair.b;
                difference.timeANs = timeA;
                difference.timeBNs = timeB;
                differences << difference;
            }
        }
    }
    return differences;
}

EventAlignment::Mode SessionDiff::alignment(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                                            const Options &options)
{
    return !options.ignoreId && EventAlignment::carriesIds(a) && EventAlignment::carriesIds(b)
        ? EventAlignment::Mode::Id
        : EventAlignment::Mode::Position;
}

bool SessionDiff::sameData(const QByteArray &a, const QByteArray &b, const QList<JsonPointer> &ignoredFields)
{
    if (a == b)
        return true;
    if (ignoredFields.isEmpty())
        return false;
    std::optional<QJsonValue> valueA = jsonValue(a);
    std::optional<QJsonValue> valueB = valueA ? jsonValue(b) : std::nullopt;
    if (!valueA || !valueB)
        return false;
    for (const JsonPointer &pointer : ignoredFields) {
        pointer.remove(*valueA);
        pointer.remove(*valueB);
    }
    return *valueA == *valueB;
}

std::optional<QList<JsonPointer>> SessionDiff::parsePointers(const QStringList &texts, QString *invalid)
{
    QList<JsonPointer> pointers;
    for (const QString &text : texts) {
        const std::optional<JsonPointer> pointer = JsonPointer::parse(text);
        if (!pointer) {
            if (invalid)
                *invalid = text;
            return std::nullopt;
        }
        pointers << *pointer;
    }
    return pointers;
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
