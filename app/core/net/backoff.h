// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>

/**
 * Reconnect delays. The first reconnect after a stream that was open waits the reconnection time, as the
 * standard says; each further one in a row draws from full jitter: uniformly between a 100 ms floor and
 * min(cap, reconnection time x 2^(n-1)).
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
