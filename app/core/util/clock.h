// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <functional>
#include <memory>

/** A one-shot timer from a Clock; stopping it, or destroying it, cancels the callback. */
class ClockTimer
{
public:
    virtual ~ClockTimer() = default;
    /** Calls callback once after delayMs, replacing any pending call. */
    virtual void start(qint64 delayMs, std::function<void()> callback) = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
};

/** Where anything with timers or backoff gets its time, so that tests can drive it without sleeping. */
class Clock
{
public:
    virtual ~Clock() = default;
    /** Monotonic time in nanoseconds from an arbitrary start. */
    virtual qint64 monotonicNs() const = 0;
    /** Wall-clock time in milliseconds since the Unix epoch. */
    virtual qint64 wallMs() const = 0;
    virtual std::unique_ptr<ClockTimer> createTimer() = 0;

    /** The real clock, shared. */
    static Clock *system();
};
