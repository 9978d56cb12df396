// SPDX-License-Identifier: GPL-3.0-or-later
#include "manualclock.h"

#include <algorithm>

class ManualClock::Timer final : public ClockTimer
{
public:
    explicit Timer(ManualClock *clock)
        : m_clock(clock)
    {
        m_clock->m_timers.append(this);
    }
    ~Timer() override
    {
        if (m_clock)
            m_clock->m_timers.removeOne(this);
    }
    void start(qint64 delayMs, std::function<void()> callback) override
    {
        m_dueNs = m_clock->m_nowNs + qMax<qint64>(0, delayMs) * 1'000'000;
        m_callback = std::move(callback);
        m_active = true;
    }
    void stop() override
    {
        m_active = false;
        m_callback = nullptr;
    }
    bool isActive() const override { return m_active; }

    ManualClock *m_clock;
    std::function<void()> m_callback;
    qint64 m_dueNs = 0;
    bool m_active = false;
};

ManualClock::ManualClock(qint64 wallStartMs)
    : m_wallStartMs(wallStartMs)
{
}

ManualClock::~ManualClock()
{
    for (Timer *timer : std::as_const(m_timers))
        timer->m_clock = nullptr;
}

std::unique_ptr<ClockTimer> ManualClock::createTimer()
{
    return std::make_unique<Timer>(this);
}

void ManualClock::advance(qint64 ms)
{
    const qint64 endNs = m_nowNs + ms * 1'000'000;
    for (;;) {
        Timer *next = nullptr;
        for (Timer *timer : std::as_const(m_timers)) {
            if (timer->m_active && timer->m_dueNs <= endNs && (!next || timer->m_dueNs < next->m_dueNs))
                next = timer;
        }
        if (!next)
            break;
        m_nowNs = qMax(m_nowNs, next->m_dueNs);
        next->m_active = false;
        std::exchange(next->m_callback, nullptr)();
    }
    m_nowNs = endNs;
}

QList<qint64> ManualClock::pendingDelays() const
{
    QList<qint64> delays;
    for (const Timer *timer : m_timers) {
        if (timer->m_active)
            delays.append((timer->m_dueNs - m_nowNs) / 1'000'000);
    }
    std::sort(delays.begin(), delays.end());
    return delays;
}
