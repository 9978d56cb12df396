// SPDX-License-Identifier: GPL-3.0-or-later
#include "clock.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

namespace {

class SystemTimer final : public ClockTimer
{
public:
    SystemTimer()
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this]() {
            if (m_callback)
                std::exchange(m_callback, nullptr)();
        });
    }
    void start(qint64 delayMs, std::function<void()> callback) override
    {
        m_callback = std::move(callback);
        m_timer.start(std::chrono::milliseconds(qMax<qint64>(0, delayMs)));
    }
    void stop() override
    {
        m_timer.stop();
        m_callback = nullptr;
    }
    bool isActive() const override { return m_timer.isActive(); }

private:
    QTimer m_timer;
    std::function<void()> m_callback;
};

class SystemClock final : public Clock
{
public:
    SystemClock() { m_elapsed.start(); }
    qint64 monotonicNs() const override { return m_elapsed.nsecsElapsed(); }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    std::unique_ptr<ClockTimer> createTimer() override { return std::make_unique<SystemTimer>(); }

private:
    QElapsedTimer m_elapsed;
};

} // namespace

Clock *Clock::system()
{
    static SystemClock clock;
    return &clock;
}
