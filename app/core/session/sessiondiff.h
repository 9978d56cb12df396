// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventderiver.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

/**
 * Compares the events of two recordings one by one: type, data and id, and optionally each event's time since
 * the first event. The result is structured so that a text report and a side-by-side view can share it.
 */
class SessionDiff final
{
    Q_DECLARE_TR_FUNCTIONS(SessionDiff)

public:
    struct Options
    {
        bool compareTiming = false;
        qint64 toleranceMs = 0; // a timing difference up to this is no difference
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

    /** All differences, in event order; for each event pair in the order type, data, id, timing. */
    static QList<Difference> compare(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b,
                                     const Options &options);
    /** The same without timing. */
    static QList<Difference> compare(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b)
    {
        return compare(a, b, Options());
    }

    /** text with line breaks, tabs and other control characters written as \n, \t, \x1b, so a value shows
     *  on one line as `ssescope diff` prints it. */
    static QString escaped(QStringView text);

    /** A short stable name such as "data" or "only-in-b". */
    static QString kindName(Difference::Kind kind);

    /** The events of a recording; on failure an empty list and the reader's message (naming the line). */
    static QList<RecordedEvent> loadEvents(const QString &path, QString *error, QStringList *warnings = nullptr);
};
