// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventalignment.h"
#include "recording/eventderiver.h"
#include "util/jsonpointer.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

/**
 * Compares the events of two recordings pair by pair: type, data and id, and optionally each event's time since
 * the first event. Events are paired by id when both recordings carry ids, else by position; fields of JSON data
 * can be left out. The result is structured so that a text report and a side-by-side view can share it.
 */
class SessionDiff final
{
    Q_DECLARE_TR_FUNCTIONS(SessionDiff)

public:
    struct Options
    {
        bool compareTiming = false;
        qint64 toleranceMs = 0; // a timing difference up to this is no difference
        bool ignoreId = false; // ids are neither compared nor used to pair events
        QList<JsonPointer> ignoredFields; // left out of data that is JSON on both sides before it is compared
    };

    struct Difference
    {
        enum class Kind {
            Type, // both have the event; the types differ
            Data,
            Id,
            Timing, // the times since each recording's first event differ by more than the tolerance
            OnlyInA, // A has more events: this one has no counterpart in B
            OnlyInB,
        };

        Kind kind = Kind::Data;
        qsizetype indexA = -1; // index of the event in A, -1 for OnlyInB
        qsizetype indexB = -1; // index of the event in B, -1 for OnlyInA
        QByteArray valueA; // Type, Data, Id: the differing field in A
        QByteArray valueB;
        qint64 timeANs = 0; // Timing: the event's time since the first event of its recording
        qint64 timeBNs = 0;

        friend bool operator==(const Difference &, const Difference &) = default;
    };

    /** All differences, in the order of the pairs; for each pair in the order type, data, id, timing. */
    static QList<Difference> compare(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                                     const Options &options);
    /** The same for pairs that align() made. */
    static QList<Difference> compare(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                                     const QList<EventAlignment::Pair> &pairs, const Options &options);
    /** The same without timing. */
    static QList<Difference> compare(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b)
    {
        return compare(a, b, Options());
    }

    /** By id when both recordings carry ids and ids are not ignored, else by position. */
    static EventAlignment::Mode alignment(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                                          const Options &options);
    static QList<EventAlignment::Pair> align(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                                             const Options &options)
    {
        return EventAlignment::align(a, b, alignment(a, b, options));
    }

    /** Whether two events' data are the same: the same bytes, or JSON on both sides that is the same once the
     *  ignored fields are left out (member order and spacing do not count then). */
    static bool sameData(const QByteArray &a, const QByteArray &b, const QList<JsonPointer> &ignoredFields);

    /** JSON pointers from their texts; nothing, with the first text that is not a pointer in *invalid, when one
     *  is not. */
    static std::optional<QList<JsonPointer>> parsePointers(const QStringList &texts, QString *invalid = nullptr);

    /** text with line breaks, tabs and other control characters written as \n, \t, \x1b, so a value shows
     *  on one line as `ssescope diff` prints it. */
    static QString escaped(QStringView text);

    /** A short stable name such as "data" or "only-in-b". */
    static QString kindName(Difference::Kind kind);

    /** The events of a recording; on failure an empty list and the reader's message (naming the line). */
    static QList<RecordedEvent> loadEvents(const QString &path, QString *error, QStringList *warnings = nullptr);
};
