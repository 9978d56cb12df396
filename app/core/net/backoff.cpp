// SPDX-License-Identifier: GPL-3.0-or-later
#include "backoff.h"

namespace {
// Full jitter can draw zero; a floor keeps a broken server from being hammered.
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
    const qint64 floor = qMin(FloorMs, bound);
    return floor + qint64(m_random.bounded(double(bound - floor) + 1.0));
}
