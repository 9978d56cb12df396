// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/sessioncomparison.h"
#include "difftext.h"

#include <QCoreApplication>

#include <utility>

/** One row of a comparison in full, for reading: both events' fields and data, and the lines to mark. */
class DiffDetail final
{
    Q_DECLARE_TR_FUNCTIONS(DiffDetail)

public:
    /** The line (from 0) where an event's data starts, after its type, id and time and a "data:" line. */
    static constexpr int FirstDataLine = 4;

    struct Side
    {
        QString text; // empty when the side has no event in the row
        QList<std::pair<int, int>> markedLines; // first and last line (from 0) of each run of marked lines
        DiffText::Mark mark = DiffText::Mark::Changed;
    };

    /** Both sides of a row, JSON data indented; of data that differs, the lines that differ are marked. */
    static std::pair<Side, Side> sides(const SessionComparison &comparison, qsizetype row);
};
