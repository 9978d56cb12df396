// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventalignment.h"

#include <QHash>

#include <algorithm>

namespace {

using Pair = EventAlignment::Pair;

// Events [a0, a1) of A and [b0, b1) of B: to be aligned by id, or paired by position as they are.
struct Span
{
    qsizetype a0 = 0;
    qsizetype a1 = 0;
    qsizetype b0 = 0;
    qsizetype b1 = 0;
    bool byId = false;
};

void pairByPosition(const Span &span, QList<Pair> &out)
{
    const qsizetype common = qMin(span.a1 - span.a0, span.b1 - span.b0);
    for (qsizetype i = 0; i < common; ++i)
        out.append({span.a0 + i, span.b0 + i});
    for (qsizetype i = span.a0 + common; i < span.a1; ++i)
        out.append({i, -1});
    for (qsizetype j = span.b0 + common; j < span.b1; ++j)
        out.append({-1, j});
}

// Aligns by id as patience diff aligns lines: the common start and end are pairs; in between, the ids that
// occur once on each side anchor the longest run of pairs in the same order on both sides, and what lies
// between two anchors is aligned the same way. Time and memory stay near linear, however long the recordings.
class IdAligner final
{
public:
    IdAligner(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b)
        : m_a(a)
        , m_b(b)
    {
    }

    QList<Pair> run()
    {
        QList<Pair> out;
        out.reserve(qMax(m_a.size(), m_b.size()));
        // Spans wait on a stack, the next one on top, so the pairs come out in order without recursion.
        QList<Span> stack{{0, m_a.size(), 0, m_b.size(), true}};
        while (!stack.isEmpty()) {
            const Span span = stack.takeLast();
            if (span.byId)
                split(span, stack, out);
            else
                pairByPosition(span, out);
        }
        return out;
    }

private:
    const QByteArray &idA(qsizetype i) const { return m_a.at(i).event.lastEventId; }
    const QByteArray &idB(qsizetype j) const { return m_b.at(j).event.lastEventId; }

    void split(Span span, QList<Span> &stack, QList<Pair> &out) const
    {
        while (span.a0 < span.a1 && span.b0 < span.b1 && idA(span.a0) == idB(span.b0))
            out.append({span.a0++, span.b0++});
        qsizetype tail = 0;
        while (tail < span.a1 - span.a0 && tail < span.b1 - span.b0
               && idA(span.a1 - 1 - tail) == idB(span.b1 - 1 - tail))
            ++tail;
        stack.append({span.a1 - tail, span.a1, span.b1 - tail, span.b1, false});
        span.a1 -= tail;
        span.b1 -= tail;
        const QList<Pair> found = anchors(span);
        // Pushed from the last piece to the first: the gap after each anchor, the anchor, and the gap before.
        qsizetype endA = span.a1;
        qsizetype endB = span.b1;
        for (auto anchor = found.crbegin(); anchor != found.crend(); ++anchor) {
            stack.append({anchor->a + 1, endA, anchor->b + 1, endB, true});
            stack.append({anchor->a, anchor->a + 1, anchor->b, anchor->b + 1, false});
            endA = anchor->a;
            endB = anchor->b;
        }
        stack.append({span.a0, endA, span.b0, endB, false});
        if (!found.isEmpty())
            stack.last().byId = true;
    }

    // The pairs of ids found once on each side, the longest run of them in the same order on both sides.
    QList<Pair> anchors(const Span &span) const
    {
        if (span.a0 == span.a1 || span.b0 == span.b1)
            return {};
        const auto once = [](const QList<RecordedEvent> &events, qsizetype from, qsizetype to) {
            QHash<QByteArray, qsizetype> index; // -1: the id occurs more than once
            index.reserve(to - from);
            for (qsizetype i = from; i < to; ++i) {
                const auto found = index.find(events.at(i).event.lastEventId);
                if (found == index.end())
                    index.insert(events.at(i).event.lastEventId, i);
                else
                    *found = -1;
            }
            return index;
        };
        const QHash<QByteArray, qsizetype> inA = once(m_a, span.a0, span.a1);
        const QHash<QByteArray, qsizetype> inB = once(m_b, span.b0, span.b1);
        QList<Pair> candidates; // in A's order
        for (qsizetype i = span.a0; i < span.a1; ++i) {
            if (inA.value(idA(i)) != i)
                continue;
            const qsizetype j = inB.value(idA(i), -1);
            if (j >= 0)
                candidates.append({i, j});
        }
        // The longest increasing run of B's indexes (patience sorting): tails[k] ends the best run of k + 1.
        QList<qsizetype> tails;
        QList<qsizetype> previous(candidates.size(), -1);
        for (qsizetype c = 0; c < candidates.size(); ++c) {
            const auto at
                = std::lower_bound(tails.cbegin(), tails.cend(), candidates.at(c).b,
                                   [&candidates](qsizetype t, qsizetype b) { return candidates.at(t).b < b; });
            const qsizetype position = at - tails.cbegin();
            previous[c] = position > 0 ? tails.at(position - 1) : -1;
            if (position == tails.size())
                tails.append(c);
            else
                tails[position] = c;
        }
        QList<Pair> run(tails.size());
        for (qsizetype c = tails.isEmpty() ? -1 : tails.last(), k = tails.size() - 1; c >= 0; c = previous.at(c))
            run[k--] = candidates.at(c);
        return run;
    }

    const QList<RecordedEvent> &m_a;
    const QList<RecordedEvent> &m_b;
};

} // namespace

QList<Pair> EventAlignment::align(const QList<RecordedEvent> &a, const QList<RecordedEvent> &b, Mode mode)
{
    if (mode == Mode::Id)
        return IdAligner(a, b).run();
    QList<Pair> out;
    out.reserve(qMax(a.size(), b.size()));
    pairByPosition({0, a.size(), 0, b.size(), false}, out);
    return out;
}

bool EventAlignment::carriesIds(const QList<RecordedEvent> &events)
{
    return std::any_of(events.cbegin(), events.cend(),
                       [](const RecordedEvent &recorded) { return !recorded.event.lastEventId.isEmpty(); });
}
