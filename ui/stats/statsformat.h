// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

/** How the statistics show times, sizes and rates, in the user's locale. */
class StatsFormat final
{
    Q_DECLARE_TR_FUNCTIONS(StatsFormat)

public:
    StatsFormat() = delete;

    /** Three significant digits with a unit ("850 µs", "12.5 ms", "2 s", "3 min 5 s"); a dash when ns < 0. */
    static QString duration(qint64 ns);
    /** As duration(), from milliseconds. */
    static QString durationMs(qint64 ms) { return ms < 0 ? duration(-1) : duration(ms * 1'000'000); }
    /** A whole number with the locale's grouping ("1,234,567"). */
    static QString count(qint64 value);
    /** A byte count in IEC units ("5.86 KiB"). */
    static QString bytes(qint64 value);
    /** Events per second with one decimal ("12.5"). */
    static QString eventRate(double perSecond);
    /** Bytes per second in IEC units ("1.2 MiB/s"). */
    static QString byteRate(double perSecond);
    /** A wall-clock time of day with milliseconds, local time. */
    static QString timeOfDay(qint64 wallMs);
    /** What stands for "no value yet". */
    static QString none();
};
