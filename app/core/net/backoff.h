// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>

/**
 * Reconnect delays. None is shorter than the reconnection time: the standard waits that long, "optionally some
 * more". The first reconnect after a stream that was open waits exactly that; each further one in a row draws
 * uniformly from the upper half of min(cap, reconnection time x 2^(n-1)), so that clients cut off together do
 * not all come back together. A reconnection time of 0 backs off from 100 ms.
 */
class Backoff final
{
public:
    explicit Backoff(quint32 seed = QRandomGenerator::global()->generate())
        : m_random(seed)
    {
    }

    /** The delay before reconnect number `inARow` (1 for the first since the stream was last healthy). */
    qint64 delay(qint64 reconnectionTimeMs, qint64 capMs, int inARow);

private:
    QRandomGenerator m_random;
};
