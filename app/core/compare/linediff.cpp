// SPDX-License-Identifier: GPL-3.0-or-later
#include "linediff.h"

#include <QtGlobal>

#include <algorithm>
#include <vector>

std::pair<QList<bool>, QList<bool>> LineDiff::unmatchedLines(const QStringList &a, const QStringList &b,
                                                             qsizetype maxPairs)
{
    QList<bool> inA(a.size(), false);
    QList<bool> inB(b.size(), false);
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;
    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;
    if (n == 0 || m == 0 || n * m > maxPairs) {
        std::fill(inA.begin() + head, inA.begin() + head + n, true);
        std::fill(inB.begin() + head, inB.begin() + head + m, true);
        return {inA, inB};
    }
    // lengths[i][j]: the longest common subsequence of the middle lines of a from i and of b from j.
    std::vector<quint32> lengths(size_t((n + 1) * (m + 1)), 0);
    const auto at = [m, &lengths](qsizetype i, qsizetype j) -> quint32 & {
        return lengths[size_t(i * (m + 1) + j)];
    };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j)
            at(i, j) = a.at(head + i) == b.at(head + j) ? at(i + 1, j + 1) + 1 : qMax(at(i + 1, j), at(i, j + 1));
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(head + i) == b.at(head + j)) {
            ++i;
            ++j;
        } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
            inA[head + i++] = true;
        } else {
            inB[head + j++] = true;
        }
    }
    return {inA, inB};
}

QList<std::pair<int, int>> LineDiff::runs(const QList<bool> &marked, int offset)
{
    QList<std::pair<int, int>> out;
    for (int line = 0; line < marked.size(); ++line) {
        if (!marked.at(line))
            continue;
        if (!out.isEmpty() && out.last().second == offset + line - 1)
            out.last().second = offset + line;
        else
            out.append({offset + line, offset + line});
    }
    return out;
}
