// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <QList>

/** A clock that moves only when told to: advance() fires the timers that fall due, in time order. */
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 wallStartMs = 1'700'000'000'000);
    ~ManualClock() override;

    qint64 monotonicNs() const override { return m_nowNs; }
    qint64 wallMs() const override { return m_wallStartMs + m_nowNs / 1'000'000; }
    std::unique_ptr<ClockTimer> createTimer() override;

    /** Moves time forward by ms, firing every timer due on the way. */
    void advance(qint64 ms);
    /** Delays of the timers now pending, in ms from now, soonest first. */
    QList<qint64> pendingDelays() const;

private:
    class Timer;
    friend class Timer;

    qint64 m_nowNs = 0;
    qint64 m_wallStartMs;
    QList<Timer *> m_timers;
};
