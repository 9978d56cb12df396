// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>

struct MockRequest;

/**
 * Counts the connections that come in a row for the same request (method, path, query and body) at the same
 * resume position (its Last-Event-ID): the first is attempt 0, a reconnect at that same position attempt 1, and
 * so on. Random faults are drawn from the seed, the position and this attempt, so a client that reconnects
 * where it was cut meets another fate, while the same seed and the same client give the same run again.
 */
class ResumeLedger final
{
public:
    /** Counts a connection for request; its attempt at its position (0 when the position differs from the last). */
    quint32 arrive(const MockRequest &request);
    /** Forgets request's count (its stream reached its end), so that a new run of it starts at attempt 0. */
    void forget(const MockRequest &request);

private:
    struct Position
    {
        QByteArray lastEventId; // empty: the client sent none
        quint32 attempt = 0;
    };

    QHash<QByteArray, Position> m_positions; // by a digest of the request
};
