// SPDX-License-Identifier: GPL-3.0-or-later
#include "backoff.h"

#include <algorithm>

namespace {
// Where a reconnection time of 0 starts doubling from, so that a broken server is not hammered.
constexpr qint64 FloorMs = 100;
} // namespace

qint64 Backoff::delay(qint64 reconnectionTimeMs, qint64 capMs, int inARow)
{
    const qint64 base = qMax<qint64>(0, reconnectionTimeMs);
    if (inARow <= 1)
        return base; // the server chose it with retry:, or it is the default: no cap
    qint64 bound = base;
    for (int i = 1; i < inARow && bound < capMs; ++i)
        bound = bound == 0 ? FloorMs : bound * 2;
    bound = qMin(bound, capMs);
    // A cap below the server's retry: does not shorten it.
    const qint64 low = std::max({base, bound / 2, qMin(FloorMs, bound)});
    if (bound <= low)
        return low;
    return low + qint64(m_random.bounded(double(bound - low) + 1.0));
}
