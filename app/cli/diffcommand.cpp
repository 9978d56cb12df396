// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffcommand.h"

#include "cli.h"
#include "compare/sessiondiff.h"
#include "sse/utf8.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace {

using Difference = SessionDiff::Difference;

constexpr qint64 DefaultMaxDifferences = 20;
constexpr qsizetype ShownCharacters = 120;

const QString HelpTail = uR"(
Compares the events of two recordings (.sserec) pair by pair: type, data and id, and with --timing also each
event's time since the first event of its recording. When both recordings carry SSE ids (and --ignore-id is
not given), events are paired by id, so an event one side lacks is reported alone instead of shifting every
later pair; otherwise event N of A is paired with event N of B. Text output, for example:
  event 12: data differs
    A: {"n":12}
    B: {"n":13}
  B has 1 event that A has not:
    event 41: message id=41: {"n":41}
  A: 40 events, B: 41 events; 2 differences
A pair whose events stand at different places says so: "event 12 (13 in B): data differs".
Control characters are shown as \n, \r, \t or \xNN; data longer than 120 characters is shortened and marked
"... [+N bytes]". --format json prints one object:
  {"aligned_by":"id","equal":false,"events_a":N,"events_b":N,"total":N,"differences":[{"kind":"data",
   "index_a":11,"index_b":11,"a":"...","b":"..."}, ...]}
with indexes counted from 0, kinds type, data, id, timing (with "a_ms" and "b_ms"), only-in-a and only-in-b,
and "aligned_by" id or position.

--ignore takes an RFC 6901 JSON pointer into each event's data, such as /id, /created or
/choices/0/delta/role; data that is JSON on both sides is then compared as JSON without those fields (member
order and spacing do not count). A pointer that matches nothing is no error. Two replies of an LLM API that
differ only in their ids and times:
  ssescope diff run1.sserec run2.sserec --ignore /id --ignore /created

Exit codes: 0 the recordings are equal, 1 they differ, 2 bad command line, 3 a recording cannot be read.
)"_s;

QString shown(const QByteArray &bytes)
{
    const QString text = Utf8::toString(bytes);
    const QString head = text.left(ShownCharacters);
    QString out = SessionDiff::escaped(head);
    if (head.size() < text.size())
        out += u"... [+%1 bytes]"_s.arg(bytes.size() - head.toUtf8().size());
    return out;
}

QString milliseconds(qint64 ns)
{
    return QString::number(double(ns) / 1e6, 'f', 3);
}

// "12", or "12 (13 in B)" for a pair whose events stand at different places.
QString eventNumber(const Difference &difference)
{
    if (difference.indexA < 0 || difference.indexB < 0 || difference.indexA == difference.indexB)
        return QString::number((difference.indexA >= 0 ? difference.indexA : difference.indexB) + 1);
    return u"%1 (%2 in B)"_s.arg(difference.indexA + 1).arg(difference.indexB + 1);
}

// How many events only one side has follow one another from differences[from] on.
qsizetype runLength(const QList<Difference> &differences, qsizetype from)
{
    const Difference::Kind kind = differences.at(from).kind;
    const auto index = [kind](const Difference &difference) {
        return kind == Difference::Kind::OnlyInA ? difference.indexA : difference.indexB;
    };
    qsizetype end = from + 1;
    while (end < differences.size() && differences.at(end).kind == kind
           && index(differences.at(end)) == index(differences.at(end - 1)) + 1)
        ++end;
    return end - from;
}

QString eventSummary(const RecordedEvent &recorded)
{
    QString text = Utf8::toString(recorded.event.type);
    if (!recorded.event.lastEventId.isEmpty())
        text += u" id="_s + shown(recorded.event.lastEventId);
    return text + u": "_s + shown(recorded.event.data);
}

QString plural(qsizetype count, const QString &one, const QString &many)
{
    return QString::number(count) + u' ' + (count == 1 ? one : many);
}

QString textReport(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b, const QList<Difference> &differences,
                   qint64 toleranceMs, qsizetype limit)
{
    QString out;
    const qsizetype shownCount = limit > 0 ? qMin(limit, differences.size()) : differences.size();
    for (qsizetype i = 0; i < shownCount; ++i) {
        const Difference &difference = differences.at(i);
        switch (difference.kind) {
        case Difference::Kind::Type:
        case Difference::Kind::Data:
        case Difference::Kind::Id:
            out += u"event %1: %2 differs\n  A: %3\n  B: %4\n"_s.arg(eventNumber(difference))
                       .arg(SessionDiff::kindName(difference.kind), shown(difference.valueA), shown(difference.valueB));
            break;
        case Difference::Kind::Timing:
            out += u"event %1: timing differs by %2 ms (tolerance %3 ms)\n  A: +%4 ms\n  B: +%5 ms\n"_s
                       .arg(eventNumber(difference))
                       .arg(milliseconds(qAbs(difference.timeANs - difference.timeBNs)))
                       .arg(toleranceMs)
                       .arg(milliseconds(difference.timeANs), milliseconds(difference.timeBNs));
            break;
        case Difference::Kind::OnlyInA:
        case Difference::Kind::OnlyInB: {
            const bool inA = difference.kind == Difference::Kind::OnlyInA;
            const QList<RecordedEvent> &events = inA ? a : b;
            const qsizetype index = inA ? difference.indexA : difference.indexB;
            const Difference *before = i > 0 ? &differences.at(i - 1) : nullptr;
            if (!before || before->kind != difference.kind || (inA ? before->indexA : before->indexB) != index - 1) {
                // A run of events one side lacks, counted as such (never "more", which reads as the
                // difference of the totals).
                const qsizetype count = runLength(differences, i);
                out += u"%1 has %2 that %3 has not:\n"_s.arg(
                    inA ? u"A"_s : u"B"_s, plural(count, u"event"_s, u"events"_s), inA ? u"B"_s : u"A"_s);
            }
            out += u"  event %1: %2\n"_s.arg(index + 1).arg(eventSummary(events.at(index)));
            break;
        }
        }
    }
    if (shownCount < differences.size())
        out += u"... and %1 more\n"_s.arg(differences.size() - shownCount);
    const QString counts
        = u"A: %1, B: %2"_s.arg(plural(a.size(), u"event"_s, u"events"_s), plural(b.size(), u"event"_s, u"events"_s));
    if (differences.isEmpty())
        return out + counts + u"; equal\n"_s;
    return out + counts + u"; "_s + plural(differences.size(), u"difference"_s, u"differences"_s) + u'\n';
}

QByteArray jsonReport(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                      const QList<Difference> &differences, EventAlignment::Mode alignment, qsizetype limit)
{
    QJsonArray items;
    const qsizetype shownCount = limit > 0 ? qMin(limit, differences.size()) : differences.size();
    for (qsizetype i = 0; i < shownCount; ++i) {
        const Difference &difference = differences.at(i);
        QJsonObject item{{u"kind"_s, SessionDiff::kindName(difference.kind)},
                         {u"index_a"_s, qint64(difference.indexA)},
                         {u"index_b"_s, qint64(difference.indexB)}};
        switch (difference.kind) {
        case Difference::Kind::Type:
        case Difference::Kind::Data:
        case Difference::Kind::Id:
            item.insert(u"a"_s, Utf8::toString(difference.valueA));
            item.insert(u"b"_s, Utf8::toString(difference.valueB));
            break;
        case Difference::Kind::Timing:
            item.insert(u"a_ms"_s, double(difference.timeANs) / 1e6);
            item.insert(u"b_ms"_s, double(difference.timeBNs) / 1e6);
            break;
        case Difference::Kind::OnlyInA:
        case Difference::Kind::OnlyInB: {
            const bool inA = difference.kind == Difference::Kind::OnlyInA;
            const SseEvent &event = inA ? a.at(difference.indexA).event : b.at(difference.indexB).event;
            item.insert(u"type"_s, Utf8::toString(event.type));
            item.insert(u"data"_s, Utf8::toString(event.data));
            item.insert(u"id"_s, Utf8::toString(event.lastEventId));
            break;
        }
        }
        items.append(item);
    }
    const QJsonObject report{{u"aligned_by"_s, alignment == EventAlignment::Mode::Id ? u"id"_s : u"position"_s},
                             {u"equal"_s, differences.isEmpty()},
                             {u"events_a"_s, qint64(a.size())},
                             {u"events_b"_s, qint64(b.size())},
                             {u"total"_s, qint64(differences.size())},
                             {u"differences"_s, items}};
    return QJsonDocument(report).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

int DiffCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Compare the events of two recordings."_s);
    parser.addPositionalArgument(u"A"_s, u"The first recording (.sserec)."_s);
    parser.addPositionalArgument(u"B"_s, u"The second recording (.sserec)."_s);
    parser.addOptions({
        {u"timing"_s, u"Also compare each event's time since the first event, within TOLERANCE_MS."_s,
         u"TOLERANCE_MS"_s},
        {u"format"_s, u"text (default) or json."_s, u"FORMAT"_s},
        {u"max"_s, u"Show at most N differences (default 20; 0 shows all)."_s, u"N"_s},
        {u"ignore"_s, u"Leave the field at this JSON pointer (such as /id) out of JSON data; repeatable."_s,
         u"POINTER"_s},
        {u"ignore-id"_s, u"Neither compare the SSE ids nor pair events by them."_s},
    });
    if (const auto exitCode
        = Cli::parseArguments(parser, u"diff"_s, u"ssescope diff [options] A B"_s, HelpTail, arguments))
        return *exitCode;
    const auto error = [](const QString &message) {
        Cli::printError(u"ssescope diff: "_s + message);
    };
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2) {
        error(u"give two recordings to compare, got %1. Run 'ssescope diff --help'."_s.arg(files.size()));
        return Cli::UsageError;
    }
    const QString format = parser.value(u"format"_s);
    if (!format.isEmpty() && format != u"text" && format != u"json") {
        error(u"--format takes text or json, not '%1'."_s.arg(format));
        return Cli::UsageError;
    }
    SessionDiff::Options options;
    options.compareTiming = parser.isSet(u"timing"_s);
    qint64 limit = DefaultMaxDifferences;
    if (!Cli::integerOption(parser, u"diff"_s, u"timing"_s, 0, std::numeric_limits<int>::max(), &options.toleranceMs)
        || !Cli::integerOption(parser, u"diff"_s, u"max"_s, 0, std::numeric_limits<int>::max(), &limit))
        return Cli::UsageError;
    options.ignoreId = parser.isSet(u"ignore-id"_s);
    QString invalid;
    const std::optional<QList<JsonPointer>> ignored = SessionDiff::parsePointers(parser.values(u"ignore"_s), &invalid);
    if (!ignored) {
        error(u"--ignore takes a JSON pointer such as /id or /choices/0/delta/role (a / before each name), not "
              "'%1'."_s.arg(invalid));
        return Cli::UsageError;
    }
    options.ignoredFields = *ignored;

    QList<RecordedEvent> events[2];
    for (int i = 0; i < 2; ++i) {
        QString message;
        QStringList warnings;
        events[i] = SessionDiff::loadEvents(files.at(i), &message, &warnings);
        for (const QString &warning : std::as_const(warnings))
            error(files.at(i) + u": "_s + warning);
        if (!message.isEmpty()) {
            error(message.contains(files.at(i)) ? message : files.at(i) + u": "_s + message);
            return Cli::InputError;
        }
    }
    const EventAlignment::Mode alignment = SessionDiff::alignment(events[0], events[1], options);
    const QList<Difference> differences
        = SessionDiff::compare(events[0], events[1], EventAlignment::align(events[0], events[1], alignment), options);
    const QByteArray report = format == u"json"
        ? jsonReport(events[0], events[1], differences, alignment, limit)
        : textReport(events[0], events[1], differences, options.toleranceMs, limit).toUtf8();
    if (!Cli::printOut(report))
        return Cli::OutputError;
    return differences.isEmpty() ? Cli::Ok : Cli::StreamError;
}
