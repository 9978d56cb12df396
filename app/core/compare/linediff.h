// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>

#include <utility>

/** Which lines of two texts have no counterpart in the other, as a line diff marks them. */
class LineDiff final
{
public:
    /** Per line of a and of b: true when it has no counterpart in the other. The common start and end are
     *  matched first, then what lies between by a longest common subsequence of lines; past maxPairs line pairs
     *  in between, every line there is unmatched. */
    static std::pair<QList<bool>, QList<bool>> unmatchedLines(const QStringList &a, const QStringList &b,
                                                              qsizetype maxPairs = 1000000);
    /** Runs of marked lines as their first and last line, each plus offset. */
    static QList<std::pair<int, int>> runs(const QList<bool> &marked, int offset = 0);
};
