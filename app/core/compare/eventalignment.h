// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/eventderiver.h"

#include <QList>

/**
 * Pairs the events of two recordings for comparing them: by position, or by SSE id, so that an event one side
 * lacks stands alone instead of shifting every later pair. Events between two pairs with the same id are
 * paired by position.
 */
class EventAlignment final
{
public:
    /** One row of a comparison: an event of A beside an event of B, by index; -1 for a side without one. */
    struct Pair
    {
        qsizetype a = -1;
        qsizetype b = -1;

        friend bool operator==(const Pair &, const Pair &) = default;
    };

    enum class Mode {
        Position, // event i of A beside event i of B
        Id, // events with the same last event id side by side, in order
    };

    /** Every event of a and of b, each once, in the order of both recordings. */
    static QList<Pair> align(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b, Mode mode);
    /** Whether any event carries an id. */
    static bool carriesIds(const QList<RecordedEvent> &events);
};
